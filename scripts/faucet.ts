import { parseUnits } from "ethers";

import { loadSandbox } from "../lib/chain/addresses.js";
import { getActors } from "../lib/chain/actors.js";
import { CliError, connectNetwork, parseFlags, runMain } from "../lib/cli.js";
import { formatUnits } from "../lib/pure/format.js";
import { resolveAccount } from "../lib/chain/node.js";

const ASSETS = ["eth", "weth", "usdc", "dai"] as const;
type Asset = (typeof ASSETS)[number];

const USAGE =
  "npm run faucet -- --to <0x…|alice|…> --token <eth|weth|usdc|dai> --amount <units> " +
  "[--network localhost] [--json]";

/** Parses a positive amount in whole units (`1000`, `0.5`) into base units. */
function parseAmount(raw: string | undefined, decimals: number): bigint {
  let amount: bigint;
  try {
    amount = parseUnits(raw ?? "", decimals);
  } catch {
    amount = 0n;
  }
  if (amount <= 0n || !/^\d+(\.\d+)?$/.test(raw ?? "")) {
    throw new CliError(
      `--amount must be a positive number with at most ${decimals} decimals, got "${raw ?? ""}"`,
    );
  }
  return amount;
}

/**
 * Sends mock tokens or ETH to any address: USDC and DAI from the mock tokens' public faucets, ETH
 * from the deployer's account, WETH wrapped from the deployer's ETH.
 */
async function main(): Promise<void> {
  const flags = parseFlags(USAGE, {
    network: { type: "string", default: "localhost" },
    to: { type: "string" },
    token: { type: "string" },
    amount: { type: "string" },
  });
  if (!(ASSETS as readonly string[]).includes(flags.token ?? "")) {
    throw new CliError(`--token must be one of ${ASSETS.join(", ")}, got "${flags.token ?? ""}"`);
  }
  const asset = flags.token as Asset;
  const decimals = asset === "usdc" ? 6 : 18;
  const amount = parseAmount(flags.amount, decimals);

  const connection = await connectNetwork(flags.network);
  const actors = await getActors(connection.ethers);
  const to = resolveAccount("to", flags.to, actors);
  const { sandbox } = await loadSandbox(connection, actors.deployer);

  let balance: bigint;
  const txs: string[] = [];
  if (asset === "eth") {
    const tx = await actors.deployer.sendTransaction({ to: to.address, value: amount });
    await tx.wait();
    txs.push(tx.hash);
    balance = await connection.ethers.provider.getBalance(to.address);
  } else if (asset === "weth") {
    const wrap = await sandbox.weth.deposit({ value: amount });
    await wrap.wait();
    const send = await sandbox.weth.transfer(to.address, amount);
    await send.wait();
    txs.push(wrap.hash, send.hash);
    balance = await sandbox.weth.balanceOf(to.address);
  } else {
    const token = sandbox[asset];
    if ((await token.decimals()) !== BigInt(decimals)) {
      throw new Error(`${asset} reports ${await token.decimals()} decimals, expected ${decimals}`);
    }
    const tx = await token.faucet(to.address, amount);
    await tx.wait();
    txs.push(tx.hash);
    balance = await token.balanceOf(to.address);
  }

  const symbol = asset.toUpperCase();
  if (flags.json) {
    const output = {
      network: connection.networkName,
      to: to.address,
      token: asset,
      amount: amount.toString(),
      balance: balance.toString(),
      transactions: txs,
    };
    process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
    return;
  }
  process.stdout.write(
    `sent ${formatUnits(amount, decimals)} ${symbol} to ${to.label === to.address ? to.address : `${to.label} (${to.address})`}; ` +
      `balance now ${formatUnits(balance, decimals)} ${symbol}\n`,
  );
}

runMain(main);
