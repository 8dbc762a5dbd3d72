import { expect } from "chai";

import {
  exploitWorld,
  playSide,
  settleWorld,
  type Exploited,
  type PlayedWorld,
} from "../../lib/scenarios/run.js";
import {
  SIDES,
  type Exploit,
  type Scenario,
  type ScenarioEnv,
  type World,
} from "../../lib/scenarios/types.js";
import { ethers, loadFixture, networkHelpers } from "./connection.js";
import { sandboxFixture } from "./fixtures.js";

/** The scenario environment on the shared chain: the deployed sandbox, the actors, no narration. */
export async function scenarioEnvFixture(): Promise<ScenarioEnv> {
  const { actors, ...sandbox } = await loadFixture(sandboxFixture);
  return { ethers, networkHelpers, actors, sandbox, log: () => {} };
}

/**
 * The framework's verdict on a scenario, the same for every one: the shipped exploit passes every
 * check on both sides, and an exploit that does nothing fails the vulnerable side.
 */
export function describeFrameworkPlay<W extends World>(scenario: Scenario<W>): void {
  describe("played through the framework", function () {
    it("passes every check on both sides", async function () {
      const env = await loadFixture(scenarioEnvFixture);
      for (const side of SIDES) {
        const result = await playSide(scenario, env, side);
        const failed = result.checks.filter((c) => !c.ok).map((c) => c.message);
        expect(failed, `${scenario.name}, ${side} side: failed checks`).to.deep.equal([]);
      }
    });

    it("fails the vulnerable side's checks for an exploit that does nothing", async function () {
      const env = await loadFixture(scenarioEnvFixture);
      const result = await playSide(scenario, env, "vulnerable", async () => {});
      expect(result.passed, "an idle exploit does not pass").to.equal(false);
      expect(result.attackerProfit, "an idle attacker's profit").to.be.lessThanOrEqual(0n);
    });
  });
}

/** A step of a scenario test: what it shows, and the assertions that show it. */
export type Step<A extends unknown[]> = [title: string, assert: (...args: A) => Promise<void>];

/** The parts of one side's test, in the order it reads. */
export interface SidePhases<W extends World> {
  /** Builds the world the attacker finds: a fixture, or the scenario's setup on the fresh sandbox. */
  setup: () => Promise<W>;
  /** The starting balances. */
  initialState: Step<[world: W]>;
  /** What the exploit did, checked right after it, before anyone else acts. */
  exploit: Step<[exploited: Exploited, world: W]>;
  /** Success judged by balances and profit once everyone has tried to leave. */
  success: Step<[played: PlayedWorld, world: W]>;
  /** The exploit to play: the scenario's shipped one unless given. */
  attack?: Exploit<W>;
}

/**
 * One side of a scenario in Damn Vulnerable DeFi's shape: setup before, then "initial state",
 * "exploit" (the attacker's moves only) and "success" (everyone else acts and leaves, then the
 * balances are judged) tests that run in that order on the same world.
 */
export function describeSide<W extends World>(
  title: string,
  scenario: Scenario<W>,
  phases: SidePhases<W>,
): void {
  describe(title, function () {
    let world: W | undefined;
    let exploited: Exploited | undefined;
    const ready = () => {
      if (world === undefined) throw new Error("the setup did not run");
      return world;
    };

    before(async function () {
      world = await phases.setup();
    });

    it(`initial state: ${phases.initialState[0]}`, async function () {
      await phases.initialState[1](ready());
    });

    it(`exploit: ${phases.exploit[0]}`, async function () {
      exploited = await exploitWorld(scenario, ready(), phases.attack);
      await phases.exploit[1](exploited, ready());
    });

    it(`success: ${phases.success[0]}`, async function () {
      if (exploited === undefined) throw new Error("the exploit step did not run");
      await phases.success[1](await settleWorld(scenario, ready(), exploited), ready());
    });
  });
}
