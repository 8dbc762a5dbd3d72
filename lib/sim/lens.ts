import type { Interface } from "ethers";

import type { PositionLens } from "../../typechain-types/index.js";
import type { Rpc } from "./blocks.js";
import { PID } from "./agents.js";

/** Accounts a lens call reads at most: its gas stays far below the node's call cap. */
const CHUNK = 250;

async function lensCall(
  rpc: Rpc,
  lens: PositionLens,
  to: string,
  fn: "balancesOf" | "pendingRewards",
  args: unknown[],
): Promise<bigint[]> {
  const iface = lens.interface as unknown as Interface;
  const data = iface.encodeFunctionData(fn, args);
  const raw = (await rpc.send("eth_call", [{ to, data }, "latest"])) as string;
  return Array.from(iface.decodeFunctionResult(fn, raw)[0] as bigint[]);
}

/** Each account's balance of each token, at the latest block: result[i][j] is accounts[i]'s of tokens[j]. */
export async function balancesOf(
  rpc: Rpc,
  lens: PositionLens,
  lensAddress: string,
  tokens: readonly string[],
  accounts: readonly string[],
): Promise<bigint[][]> {
  const out: bigint[][] = [];
  for (let i = 0; i < accounts.length; i += CHUNK) {
    const flat = await lensCall(rpc, lens, lensAddress, "balancesOf", [
      tokens,
      accounts.slice(i, i + CHUNK),
    ]);
    for (let a = 0; a < flat.length / tokens.length; a += 1) {
      out.push(Array.from(flat.slice(a * tokens.length, (a + 1) * tokens.length)));
    }
  }
  return out;
}

/** Each account's pending reward in the farm's pool, at the latest block. */
export async function pendingRewards(
  rpc: Rpc,
  lens: PositionLens,
  lensAddress: string,
  farm: string,
  accounts: readonly string[],
): Promise<bigint[]> {
  const out: bigint[] = [];
  for (let i = 0; i < accounts.length; i += CHUNK) {
    out.push(
      ...(await lensCall(rpc, lens, lensAddress, "pendingRewards", [
        farm,
        PID,
        accounts.slice(i, i + CHUNK),
      ])),
    );
  }
  return out;
}
