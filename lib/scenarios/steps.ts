import type { ContractTransactionResponse } from "ethers";

import { describeRevert } from "./run.js";
import type { World } from "./types.js";

/** Sends a transaction and waits for it to be mined. */
export async function send(tx: Promise<ContractTransactionResponse>): Promise<void> {
  await (await tx).wait();
}

/**
 * Sends a transaction that may revert (a victim trying to leave a drained protocol): a revert is
 * narrated and swallowed, and the function reports whether the transaction went through.
 */
export async function attempt(
  world: World,
  label: string,
  tx: () => Promise<ContractTransactionResponse>,
): Promise<boolean> {
  try {
    await send(tx());
    world.env.log(`  ${label}`);
    return true;
  } catch (error) {
    world.env.log(`  ${label} — reverted: ${describeRevert(error, world.errorInterfaces)}`);
    return false;
  }
}
