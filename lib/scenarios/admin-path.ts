import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { ZeroHash, id } from "ethers";

import type { SandboxTimelock } from "../../typechain-types/index.js";
import type { ScenarioEnv } from "./types.js";

/** One call an admin makes: a contract and its calldata. */
export interface AdminCall {
  target: string;
  data: string;
}

/**
 * How the admin of a scenario's protocol acts. With a plain key the calls happen at once; through a
 * timelock they are queued, visible to everyone, and executable only after the delay.
 */
export interface AdminPath {
  /** "a single key" or "timelock, 2 days": for narration. */
  label: string;
  /** The timelock the calls go through, or null for a plain key. */
  timelock: SandboxTimelock | null;
  /**
   * Makes `calls` as the admin, as fast as this path allows: a key sends them; a timelock path
   * queues them as one batch and tries to execute it in the same breath (which reverts while the
   * delay runs).
   */
  act(calls: AdminCall[]): Promise<void>;
  /**
   * Moves the clock past the delay and executes what `act` queued. Returns null when it went
   * through (or there was nothing to do), else the error.
   */
  executeQueued(): Promise<unknown>;
}

/** The admin is one private key: every call goes through at once. */
export function keyPath(signer: HardhatEthersSigner): AdminPath {
  return {
    label: "a single key",
    timelock: null,
    async act(calls) {
      for (const call of calls) {
        await (await signer.sendTransaction({ to: call.target, data: call.data })).wait();
      }
    },
    async executeQueued() {
      return null;
    },
  };
}

/** The admin is `timelock`; `proposer` is the account that queues (it may lack the role). */
export function timelockPath(
  env: ScenarioEnv,
  timelock: SandboxTimelock,
  proposer: HardhatEthersSigner,
  delaySeconds: bigint,
): AdminPath {
  let queued: { targets: string[]; payloads: string[]; salt: string } | null = null;
  let batches = 0;
  const execute = (batch: NonNullable<typeof queued>) =>
    timelock.connect(proposer).executeBatch(
      batch.targets,
      batch.targets.map(() => 0n),
      batch.payloads,
      ZeroHash,
      batch.salt,
    );
  return {
    label: `timelock, ${delaySeconds / 3_600n} h delay`,
    timelock,
    async act(calls) {
      const batch = {
        targets: calls.map((c) => c.target),
        payloads: calls.map((c) => c.data),
        // A salt per batch, so that the same calls can be queued twice.
        salt: id(`admin-path-batch-${batches++}`),
      };
      await (
        await timelock.connect(proposer).scheduleBatch(
          batch.targets,
          batch.targets.map(() => 0n),
          batch.payloads,
          ZeroHash,
          batch.salt,
          delaySeconds,
        )
      ).wait();
      queued = batch;
      env.log(`  the batch is queued in the timelock: executable in ${delaySeconds / 3_600n} h`);
      await (await execute(batch)).wait();
    },
    async executeQueued() {
      if (queued === null) return null;
      await env.networkHelpers.time.increase(delaySeconds);
      try {
        await (await execute(queued)).wait();
        return null;
      } catch (error) {
        return error;
      } finally {
        queued = null;
      }
    },
  };
}

/** Calls queued in `timelock` and still pending that target `target`: what a watchful user sees. */
export async function pendingCallsTo(
  timelock: SandboxTimelock,
  target: string,
  sinceBlock = 0,
): Promise<AdminCall[]> {
  const events = await timelock.queryFilter(timelock.filters.CallScheduled(), sinceBlock);
  const pending: AdminCall[] = [];
  for (const event of events) {
    const [operationId, , callTarget, , data] = event.args;
    if (callTarget.toLowerCase() !== target.toLowerCase()) continue;
    if (await timelock.isOperationPending(operationId)) pending.push({ target: callTarget, data });
  }
  return pending;
}
