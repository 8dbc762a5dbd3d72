import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";

import type { Actors } from "../actors.js";
import type { Sandbox } from "../sandbox.js";

/** What a seeding step may use: the chain, the deployed sandbox and the named accounts. */
export interface SeedContext {
  ethers: HardhatEthers;
  sandbox: Sandbox;
  actors: Actors;
  /**
   * Whether the chain takes dev-node methods: ETH top-ups then set balances (`hardhat_setBalance`);
   * on a chain reached with configured keys the deployer sends the ETH instead. Defaults to true
   * (the in-process chain, Hardhat's node, anvil).
   */
  devNode?: boolean;
  /** Narration for the person at the terminal (stderr in tasks). */
  log(line: string): void;
}

/**
 * One module's seeding. A step must be safe to run again on a seeded sandbox: it tops state up to
 * its target (balances, liquidity, funded rewards) instead of adding to it, so that re-running the
 * deploy changes nothing that is already in place.
 */
export interface SeedStep {
  /** The Ignition module it seeds, as named in ignition/modules. */
  module: string;
  run(ctx: SeedContext): Promise<void>;
}
