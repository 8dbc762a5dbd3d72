import { compromisedReporters } from "./compromised-reporters.js";
import { devFundDump } from "./dev-fund-dump.js";
import { erc4626Inflation } from "./erc4626-inflation.js";
import { flashLoanGovernance } from "./flash-loan-governance.js";
import { flashLoanRewardSnapshot } from "./flash-loan-reward-snapshot.js";
import { flashLoanSideEntrance } from "./flash-loan-side-entrance.js";
import { flashLoanTruster } from "./flash-loan-truster.js";
import { governanceTakeover } from "./governance-takeover.js";
import { lendingOracleManipulation } from "./lending-oracle-manipulation.js";
import { migratorRug } from "./migrator-rug.js";
import { reentrancy } from "./reentrancy.js";
import { rewardMinterManipulation } from "./reward-minter-manipulation.js";
import { sandwich } from "./sandwich.js";
import { stolenAdminKey } from "./stolen-admin-key.js";
import { upgradeRug } from "./upgrade-rug.js";
import { vaultPriceManipulation } from "./vault-price-manipulation.js";
import { whaleManipulation } from "./whale-manipulation.js";
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
  migratorRug,
  devFundDump,
  upgradeRug,
  stolenAdminKey,
  flashLoanRewardSnapshot,
  flashLoanGovernance,
  governanceTakeover,
  whaleManipulation,
] as unknown as Scenario<World>[];

/** The scenario called `name`, or undefined. */
export function findScenario(name: string): Scenario<World> | undefined {
  return SCENARIOS.find((s) => s.name === name);
}

export * from "./types.js";
export {
  playEach,
  playScenario,
  playSide,
  playWorld,
  exploitWorld,
  settleWorld,
  describeRevert,
  commonChecks,
} from "./run.js";
export type { Exploited, PlayedWorld } from "./run.js";
