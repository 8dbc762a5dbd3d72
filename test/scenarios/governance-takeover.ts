import { expect } from "chai";

import {
  BLD,
  SGOV_POOL,
  TAKEOVER_BUDGET,
  TAKEOVER_TREASURY,
  governanceTakeover,
  type TakeoverWorld,
} from "../../lib/scenarios/governance-takeover.js";
import { playSide } from "../../lib/scenarios/run.js";
import { v2AmountOut } from "../helpers/closed-form.js";
import { networkHelpers } from "../helpers/connection.js";
import { scenarioEnvFixture } from "../helpers/scenarios.js";

const ONE = 10n ** 18n;
const USDC = 10n ** 6n;

/** Plays one side and keeps its world, to read the votes the exploit recorded. */
async function play(side: "vulnerable" | "hardened") {
  const env = await networkHelpers.loadFixture(scenarioEnvFixture);
  let world: TakeoverWorld | undefined;
  const scenario = {
    ...governanceTakeover,
    async setup(...args: Parameters<typeof governanceTakeover.setup>) {
      world = await governanceTakeover.setup(...args);
      return world;
    },
  };
  const result = await playSide(scenario, env, side);
  if (world?.votes == null) throw new Error("the exploit recorded no votes");
  return { result, world, votes: world.votes };
}

describe("Scenario: governance-takeover", function () {
  it("starts with the same treasury on both sides, a quorum one buyer reaches on one side and cannot on the other", async function () {
    const env = await networkHelpers.loadFixture(scenarioEnvFixture);
    for (const side of ["vulnerable", "hardened"] as const) {
      const world = await governanceTakeover.setup(env, side);
      const clock = await world.governor.clock();
      await networkHelpers.mine(1);
      const quorum = await world.governor.quorum(clock);
      const forSale = await world.token.balanceOf(world.pair);
      expect(await world.usdc.balanceOf(world.treasury), `${side}: treasury`).to.equal(
        TAKEOVER_TREASURY,
      );
      if (side === "vulnerable") {
        expect(quorum, "4% of a million").to.equal(40_000n * ONE);
        expect(forSale, "the pool sells more than the quorum").to.equal(BLD.pool);
      } else {
        expect(quorum, "25% of the airdrop's 18,000").to.equal(4_500n * ONE);
        expect(forSale, "the pool holds less than the quorum").to.equal(SGOV_POOL);
      }
    }
  });

  it("buys 4% of the votes in the market, passes its own payout and keeps the treasury", async function () {
    const { result, votes } = await play("vulnerable");
    expect(votes.quorum, "quorum at the snapshot").to.equal(40_000n * ONE);
    expect(votes.bought, "the quorum and 1%").to.equal(40_400n * ONE);
    expect(votes.state).to.equal("Succeeded");
    expect(result.victimsLoss, "the treasury").to.equal(TAKEOVER_TREASURY);
    expect(result.protocolAfter).to.equal(0n);
    // Less what the round trip through the pool cost: two swap fees and nothing else.
    expect(result.attackerProfit, "treasury less under 0.5% of the votes' price").to.be.within(
      TAKEOVER_TREASURY - 300n * USDC,
      TAKEOVER_TREASURY,
    );
    expect(result.checks.filter((c) => !c.ok).map((c) => c.message)).to.deep.equal([]);
  });

  it("buys all the budget can on the hardened side, stays below the quorum, and loses the round trip", async function () {
    const { result, votes } = await play("hardened");
    // The budget into a 2,000 SGOV / 2,000 USDC pool, at V2's formula.
    const bought = v2AmountOut(TAKEOVER_BUDGET, 2_000n * USDC, SGOV_POOL);
    expect(votes.bought, "what 60,000 USDC buys").to.equal(bought);
    expect(bought < votes.quorum, "short of the quorum").to.equal(true);
    expect(votes.quorum, "25% of 18,000").to.equal(4_500n * ONE);
    expect(votes.state).to.equal("Defeated");
    const soldBack = v2AmountOut(bought, SGOV_POOL - bought, 2_000n * USDC + TAKEOVER_BUDGET);
    expect(result.attackerProfit, "the round trip's cost").to.equal(soldBack - TAKEOVER_BUDGET);
    expect(result.attackerProfit < 0n).to.equal(true);
    expect(result.victimsLoss).to.equal(0n);
    expect(result.protocolAfter, "the timelock keeps the treasury").to.equal(TAKEOVER_TREASURY);
    expect(result.checks.filter((c) => !c.ok).map((c) => c.message)).to.deep.equal([]);
  });
});
