import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";

import type { Actors } from "../actors.js";
import type { Sandbox } from "../sandbox.js";
import { seedFarming } from "./farming.js";
import { seedGovernance } from "./governance.js";
import { seedTokens } from "./tokens.js";

/** What a seeding step may use: the chain, the deployed sandbox and the named accounts. */
export interface SeedContext {
  ethers: HardhatEthers;
  sandbox: Sandbox;
  actors: Actors;
  /** Narration for the person at the terminal (stderr in scripts). */
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

/** The seeding steps in deployment order; a module that lands adds its step here. */
export const SEED_STEPS: readonly SeedStep[] = [
  { module: "Tokens", run: seedTokens },
  { module: "Farming", run: seedFarming },
  { module: "Governance", run: seedGovernance },
];

/** Runs every seeding step in order and returns the modules seeded. */
export async function seedSandbox(ctx: SeedContext): Promise<string[]> {
  for (const step of SEED_STEPS) {
    ctx.log(`seeding ${step.module}`);
    await step.run(ctx);
  }
  return SEED_STEPS.map((step) => step.module);
}
