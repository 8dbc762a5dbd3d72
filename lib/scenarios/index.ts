import { compromisedReporters } from "./compromised-reporters.js";
import { erc4626Inflation } from "./erc4626-inflation.js";
import { flashLoanSideEntrance } from "./flash-loan-side-entrance.js";
import { flashLoanTruster } from "./flash-loan-truster.js";
import { lendingOracleManipulation } from "./lending-oracle-manipulation.js";
import { reentrancy } from "./reentrancy.js";
import { rewardMinterManipulation } from "./reward-minter-manipulation.js";
import { sandwich } from "./sandwich.js";
import { vaultPriceManipulation } from "./vault-price-manipulation.js";
import type { Scenario, World } from "./types.js";

/** Every playable scenario, in the order the summary lists them. */
export const SCENARIOS: Scenario<World>[] = [
  reentrancy,
  flashLoanSideEntrance,
  flashLoanTruster,
  erc4626Inflation,
  sandwich,
  lendingOracleManipulation,
  rewardMinterManipulation,
  vaultPriceManipulation,
  compromisedReporters,
] as unknown as Scenario<World>[];

/** The scenario called `name`, or undefined. */
export function findScenario(name: string): Scenario<World> | undefined {
  return SCENARIOS.find((s) => s.name === name);
}

export * from "./types.js";
export { playScenario, playSide, describeRevert, commonChecks } from "./run.js";
