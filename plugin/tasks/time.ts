import { SandboxNotDeployedError, loadSandbox } from "../../lib/chain/addresses.js";
import { connectNetwork, networkNameOf, requireDevChain } from "../../lib/chain/network.js";
import { reportPrices } from "../../lib/chain/reporters.js";
import { formatTimestamp } from "../../lib/pure/format.js";
import { sandboxAction, wholeNumber } from "../../lib/terminal/task.js";

const SECONDS_PER_DAY = 86_400;

interface TimeArgs {
  days: number;
  json: boolean;
}

/**
 * Moves a local chain's clock forward by whole days and mines a block, so that accrual (rewards,
 * interest) sees the time pass; then, where the sandbox is deployed, its price reporters report
 * again (the prices stay; their age starts over). Refused on anything but a local dev node.
 */
export default sandboxAction<TimeArgs>(async (args, hre, io) => {
  const days = wholeNumber("days", args.days, 1, 3650);
  const connection = await connectNetwork(hre, networkNameOf(hre, "localhost"));
  try {
    await requireDevChain(connection, "move time", "travel in time");
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
      io.say("the price reporters reported again: prices are fresh");
    } catch (error) {
      if (!(error instanceof SandboxNotDeployedError)) throw error;
    }

    if (args.json) {
      const output = {
        network: connection.networkName,
        days,
        seconds,
        pricesReported: reported,
        before: { block: Number(before.number), timestamp: Number(before.timestamp) },
        after: { block: Number(after.number), timestamp: Number(after.timestamp) },
      };
      io.out(`${JSON.stringify(output, null, 2)}\n`);
      return;
    }
    io.out(
      `advanced ${days} day(s): block ${before.number} at ${formatTimestamp(before.timestamp)} → ` +
        `block ${after.number} at ${formatTimestamp(after.timestamp)}\n`,
    );
  } finally {
    await connection.close();
  }
});
