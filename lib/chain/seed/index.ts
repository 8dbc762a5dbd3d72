import type { SeedContext, SeedStep } from "./context.js";
import { seedFarming } from "./farming.js";
import { seedGovernance } from "./governance.js";
import { seedPrices } from "./prices.js";
import { seedTokens } from "./tokens.js";

export type { SeedContext, SeedStep } from "./context.js";

/** The seeding steps in deployment order; a module that lands adds its step here. */
export const SEED_STEPS: readonly SeedStep[] = [
  { module: "Tokens", run: seedTokens },
  { module: "Farming", run: seedFarming },
  { module: "Lending", run: seedPrices },
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
