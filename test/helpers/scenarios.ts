import { expect } from "chai";

import { playSide } from "../../lib/scenarios/run.js";
import { SIDES, type Scenario, type ScenarioEnv, type World } from "../../lib/scenarios/types.js";
import { ethers, networkHelpers } from "./connection.js";
import { sandboxFixture } from "./fixtures.js";

/** The scenario environment on the shared chain: the deployed sandbox, the actors, no narration. */
export async function scenarioEnvFixture(): Promise<ScenarioEnv> {
  const { actors, ...sandbox } = await networkHelpers.loadFixture(sandboxFixture);
  return { ethers, networkHelpers, actors, sandbox, log: () => {} };
}

/**
 * The framework's verdict on a scenario, the same for every one: the shipped exploit passes every
 * check on both sides, and an exploit that does nothing fails the vulnerable side.
 */
export function describeFrameworkPlay<W extends World>(scenario: Scenario<W>): void {
  describe("played through the framework", function () {
    it("passes every check on both sides", async function () {
      const env = await networkHelpers.loadFixture(scenarioEnvFixture);
      for (const side of SIDES) {
        const result = await playSide(scenario, env, side);
        const failed = result.checks.filter((c) => !c.ok).map((c) => c.message);
        expect(failed, `${scenario.name}, ${side} side: failed checks`).to.deep.equal([]);
      }
    });

    it("fails the vulnerable side's checks for an exploit that does nothing", async function () {
      const env = await networkHelpers.loadFixture(scenarioEnvFixture);
      const result = await playSide(scenario, env, "vulnerable", async () => {});
      expect(result.passed, "an idle exploit does not pass").to.equal(false);
      expect(result.attackerProfit, "an idle attacker's profit").to.be.lessThanOrEqual(0n);
    });
  });
}
