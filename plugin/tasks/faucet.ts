import { parseUnits } from "ethers";

import { checkAccountOption, getActors, resolveAccount } from "../../lib/chain/actors.js";
import { loadSandbox } from "../../lib/chain/addresses.js";
import { UsageError } from "../../lib/chain/errors.js";
import { connectNetwork, isLocalDevChain, networkNameOf } from "../../lib/chain/network.js";
import { formatUnits } from "../../lib/pure/format.js";
import { openFaucetWarning, sandboxAction } from "../../lib/terminal/task.js";

const ASSETS = ["eth", "weth", "usdc", "dai"] as const;
type Asset = (typeof ASSETS)[number];

interface FaucetArgs {
  to: string | undefined;
  token: string | undefined;
  amount: string | undefined;
  json: boolean;
}

/** Parses a positive amount in whole units (`1000`, `0.5`) into base units. */
function parseAmount(raw: string | undefined, decimals: number): bigint {
  let amount: bigint;
  try {
    amount = parseUnits(raw ?? "", decimals);
  } catch {
    amount = 0n;
  }
  if (amount <= 0n || !/^\d+(\.\d+)?$/.test(raw ?? "")) {
    throw new UsageError(
      `--amount must be a positive number with at most ${decimals} decimals, got "${raw ?? ""}"`,
    );
  }
  return amount;
}

/**
 * Sends mock tokens or ETH to any address: USDC and DAI from the mock tokens' public faucets, ETH
 * from the deployer's account, WETH wrapped from the deployer's ETH.
 */
export default sandboxAction<FaucetArgs>(async (args, hre, io) => {
  if (!(ASSETS as readonly string[]).includes(args.token ?? "")) {
    throw new UsageError(`--token must be one of ${ASSETS.join(", ")}, got "${args.token ?? ""}"`);
  }
  const asset = args.token as Asset;
  const decimals = asset === "usdc" ? 6 : 18;
  const amount = parseAmount(args.amount, decimals);
  checkAccountOption("to", args.to ?? "");

  const connection = await connectNetwork(hre, networkNameOf(hre, "localhost"));
  try {
    const actors = await getActors(connection.ethers);
    const to = resolveAccount("to", args.to ?? "", actors);
    const { sandbox } = await loadSandbox(connection, actors.deployer);
    if (!(await isLocalDevChain(connection))) io.say(openFaucetWarning(connection.networkName));

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
        throw new Error(
          `${asset} reports ${await token.decimals()} decimals, expected ${decimals}`,
        );
      }
      const tx = await token.faucet(to.address, amount);
      await tx.wait();
      txs.push(tx.hash);
      balance = await token.balanceOf(to.address);
    }

    const symbol = asset.toUpperCase();
    if (args.json) {
      const output = {
        network: connection.networkName,
        to: to.address,
        token: asset,
        amount: amount.toString(),
        balance: balance.toString(),
        transactions: txs,
      };
      io.out(`${JSON.stringify(output, null, 2)}\n`);
      return;
    }
    const who = to.label === to.address ? to.address : `${to.label} (${to.address})`;
    io.out(
      `sent ${formatUnits(amount, decimals)} ${symbol} to ${who}; ` +
        `balance now ${formatUnits(balance, decimals)} ${symbol}\n`,
    );
  } finally {
    await connection.close();
  }
});
