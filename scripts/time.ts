import { CliError, connectNetwork, intFlag, parseFlags, runMain } from "../lib/cli.js";
import { formatTimestamp } from "../lib/pure/format.js";
import { clientVersionOf, isLocalDevChain } from "../lib/chain/node.js";
import { reportPrices } from "../lib/chain/reporters.js";
import { loadSandbox, SandboxNotDeployedError } from "../lib/chain/addresses.js";

const USAGE = "npm run time -- --days <1-3650> [--network localhost] [--json]";
const SECONDS_PER_DAY = 86_400;

/**
 * Moves a local chain's clock forward by whole days and mines a block, so that accrual (rewards,
 * interest) sees the time pass; then, where the sandbox is deployed, its price reporters report
 * again (the prices stay; their age starts over). Refused on anything but a local dev node.
 */
async function main(): Promise<void> {
  const flags = parseFlags(USAGE, {
    network: { type: "string", default: "localhost" },
    days: { type: "string" },
  });
  const days = intFlag("days", flags.days, 1, 3650);
  const connection = await connectNetwork(flags.network);
  if (!(await isLocalDevChain(connection))) {
    throw new CliError(
      `refusing to move time on ${connection.networkName} (${await clientVersionOf(connection)}): ` +
        "only a local dev node (Hardhat, anvil) can travel in time",
    );
  }
  const { provider } = connection;
  const latest = async () => {
    const block = await connection.ethers.provider.getBlock("latest");
    if (block === null) throw new Error("the node returned no latest block");
    return { number: BigInt(block.number), timestamp: BigInt(block.timestamp) };
  };

  const before = await latest();
  const seconds = days * SECONDS_PER_DAY;
  await provider.request({ method: "evm_increaseTime", params: [seconds] });
  await provider.request({ method: "evm_mine", params: [] });
  const after = await latest();
  let reported = false;
  try {
    const { sandbox } = await loadSandbox(connection, connection.ethers.provider);
    await reportPrices(connection.ethers, sandbox);
    reported = true;
    process.stderr.write("the price reporters reported again: prices are fresh\n");
  } catch (error) {
    if (!(error instanceof SandboxNotDeployedError)) throw error;
  }

  if (flags.json) {
    const output = {
      network: connection.networkName,
      days,
      seconds,
      pricesReported: reported,
      before: { block: Number(before.number), timestamp: Number(before.timestamp) },
      after: { block: Number(after.number), timestamp: Number(after.timestamp) },
    };
    process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
    return;
  }
  process.stdout.write(
    `advanced ${days} day(s): block ${before.number} at ${formatTimestamp(before.timestamp)} → ` +
      `block ${after.number} at ${formatTimestamp(after.timestamp)}\n`,
  );
}

runMain(main);
