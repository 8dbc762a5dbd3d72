import { network } from "hardhat";
import type { SnapshotRestorer } from "@nomicfoundation/hardhat-network-helpers/types";

/**
 * One in-process chain shared by every mocha test file, so that fixture snapshots are shared too
 * and the sandbox is deployed once per run.
 */
export const connection = await network.getOrCreate();
export const { ethers, networkHelpers, ignition } = connection;

interface Loaded {
  fixture: () => Promise<unknown>;
  /** The id `evm_snapshot` gave when the fixture was first snapshotted: the chain's order. */
  order: number;
  restorer: SnapshotRestorer;
  data: unknown;
}

/** Fixtures loaded on the shared chain, oldest snapshot first. */
let loaded: Loaded[] = [];

/**
 * Runs `fixture` once and snapshots the chain after it; later calls revert to that snapshot and
 * return the same result — `networkHelpers.loadFixture`'s contract, kept for fixtures that load
 * other fixtures. The network helpers' version keeps the list of snapshots from before a fixture
 * runs and adds the new one to it; when the fixture loads an older fixture, that revert kills
 * every later snapshot, yet the stale list brings them back, and a later load of one of them fails
 * with "error reverting the snapshot of the fixture" (NomicFoundation/hardhat#3158) — whether it
 * does depends on the order the test files run in. Here the list is read after the fixture ran.
 */
export async function loadFixture<T>(fixture: () => Promise<T>): Promise<T> {
  const found = loaded.find((l) => l.fixture === fixture);
  if (found !== undefined) {
    await found.restorer.restore();
    // The revert killed every snapshot taken after this one.
    loaded = loaded.filter((l) => l.order <= found.order);
    return found.data as T;
  }
  const data = await fixture();
  const restorer = await networkHelpers.takeSnapshot();
  loaded.push({ fixture, order: Number(restorer.snapshotId), restorer, data });
  return data;
}
