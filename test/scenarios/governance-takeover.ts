import { expect } from "chai";

import {
  BLD,
  SGOV_POOL,
  TAKEOVER_BUDGET,
  TAKEOVER_TREASURY,
  governanceTakeover,
  type TakeoverWorld,
} from "../../lib/scenarios/governance-takeover.js";
import type { Side } from "../../lib/scenarios/types.js";
import { v2AmountOut } from "../helpers/closed-form.js";
import { loadFixture } from "../helpers/connection.js";
import { describeFrameworkPlay, describeSide, scenarioEnvFixture } from "../helpers/scenarios.js";

const ONE = 10n ** 18n;
const USDC = 10n ** 6n;

async function setup(side: Side): Promise<TakeoverWorld> {
  return governanceTakeover.setup(await loadFixture(scenarioEnvFixture), side);
}

/** The votes the exploit bought and the quorum they faced, as it recorded them. */
function votesOf(world: TakeoverWorld): NonNullable<TakeoverWorld["votes"]> {
  if (world.votes === null) throw new Error("the exploit recorded no votes");
  return world.votes;
}

describe("Scenario: governance-takeover", function () {
  describeSide("vulnerable side: a 4% quorum of a token on sale", governanceTakeover, {
    setup: () => setup("vulnerable"),
    initialState: [
      "the treasury is full and the pool sells more votes than the quorum",
      async (world) => {
        expect(await world.usdc.balanceOf(world.treasury), "treasury").to.equal(TAKEOVER_TREASURY);
        expect(await world.token.balanceOf(world.pair), "votes for sale").to.equal(BLD.pool);
        expect(BLD.pool, "more than 4% of a million").to.be.greaterThan(40_000n * ONE);
      },
    ],
    exploit: [
      "the attacker buys 4% of the votes in the market and passes its own payout",
      async ({ revert, afterExploit }, world) => {
        const votes = votesOf(world);
        expect(revert, "the attack goes through").to.equal(null);
        expect(votes.quorum, "quorum at the snapshot: 4% of a million").to.equal(40_000n * ONE);
        expect(votes.bought, "the quorum and 1%").to.equal(40_400n * ONE);
        expect(votes.state, "the proposal's state").to.equal("Succeeded");
        expect(afterExploit.protocol, "the treasury").to.equal(0n);
      },
    ],
    success: [
      "the attacker keeps the treasury, less two swap fees on the votes",
      async ({ result }) => {
        expect(result.victimsLoss, "the treasury").to.equal(TAKEOVER_TREASURY);
        // Less what the round trip through the pool cost: two swap fees and nothing else.
        expect(result.attackerProfit, "treasury less under 0.5% of the votes' price").to.be.within(
          TAKEOVER_TREASURY - 300n * USDC,
          TAKEOVER_TREASURY,
        );
      },
    ],
  });

  describeSide("hardened side: a quorum of the airdrop, votes scarce on sale", governanceTakeover, {
    setup: () => setup("hardened"),
    initialState: [
      "the treasury is full and the pool holds fewer votes than the quorum",
      async (world) => {
        expect(await world.usdc.balanceOf(world.treasury), "treasury").to.equal(TAKEOVER_TREASURY);
        expect(await world.token.balanceOf(world.pair), "votes for sale").to.equal(SGOV_POOL);
        expect(SGOV_POOL, "less than 25% of the airdrop's 18,000").to.be.lessThan(4_500n * ONE);
      },
    ],
    exploit: [
      "all the budget buys stays below the quorum, and the proposal is defeated",
      async ({ afterExploit }, world) => {
        const votes = votesOf(world);
        // The budget into a 2,000 SGOV / 2,000 USDC pool, at V2's formula.
        const bought = v2AmountOut(TAKEOVER_BUDGET, 2_000n * USDC, SGOV_POOL);
        expect(votes.bought, "what 60,000 USDC buys").to.equal(bought);
        expect(votes.quorum, "25% of 18,000").to.equal(4_500n * ONE);
        expect(bought < votes.quorum, "short of the quorum").to.equal(true);
        expect(votes.state, "the proposal's state").to.equal("Defeated");
        expect(afterExploit.protocol, "the timelock keeps the treasury").to.equal(
          TAKEOVER_TREASURY,
        );
      },
    ],
    success: [
      "the attacker loses the round trip and the treasury loses nothing",
      async ({ result }) => {
        const bought = v2AmountOut(TAKEOVER_BUDGET, 2_000n * USDC, SGOV_POOL);
        const soldBack = v2AmountOut(bought, SGOV_POOL - bought, 2_000n * USDC + TAKEOVER_BUDGET);
        expect(result.attackerProfit, "the round trip's cost").to.equal(soldBack - TAKEOVER_BUDGET);
        expect(result.attackerProfit, "a loss").to.be.lessThan(0n);
        expect(result.victimsLoss, "the treasury's loss").to.equal(0n);
      },
    ],
  });

  describeFrameworkPlay(governanceTakeover);
});
