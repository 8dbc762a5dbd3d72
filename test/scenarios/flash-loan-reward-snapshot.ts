import { expect } from "chai";

import { FLASH_FEE_BPS, FLASH_LIQUIDITY } from "../../ignition/modules/Lending.js";
import {
  REWARDS_PER_ROUND,
  SNAPSHOT_DEPOSITS,
  flashLoanRewardSnapshot,
  type RewardSnapshotWorld,
} from "../../lib/scenarios/flash-loan-reward-snapshot.js";
import type { Side } from "../../lib/scenarios/types.js";
import { loadFixture } from "../helpers/connection.js";
import { describeFrameworkPlay, describeSide, scenarioEnvFixture } from "../helpers/scenarios.js";

const ONE = 10n ** 18n;
const LOAN = FLASH_LIQUIDITY.dai * ONE; // everything the sandbox's flash lender holds
const FEE = (LOAN * FLASH_FEE_BPS + 9_999n) / 10_000n; // rounded up
const DEPOSITS = Object.values(SNAPSHOT_DEPOSITS).reduce((a, b) => a + b, 0n);

async function setup(side: Side): Promise<RewardSnapshotWorld> {
  return flashLoanRewardSnapshot.setup(await loadFixture(scenarioEnvFixture), side);
}

/** The starting state both sides share: 30,000 DAI staked before the round, the lender full. */
async function expectInitialState(world: RewardSnapshotWorld): Promise<void> {
  expect(
    await world.dai.balanceOf(await world.pool.getAddress()),
    "the stakes in the pool",
  ).to.equal(DEPOSITS);
  expect(
    await world.lender.maxFlashLoan(await world.dai.getAddress()),
    "what the lender can lend",
  ).to.equal(LOAN);
  expect(await world.reward.balanceOf(world.attacker.address), "the attacker's RWD").to.equal(0n);
}

describe("Scenario: flash-loan-reward-snapshot", function () {
  describeSide("vulnerable side: SnapshotRewardPool", flashLoanRewardSnapshot, {
    setup: () => setup("vulnerable"),
    initialState: ["30,000 DAI are staked before the round", expectInitialState],
    exploit: [
      "1,000,000 DAI borrowed for one transaction are staked at the round's snapshot",
      async ({ revert, afterExploit }) => {
        expect(revert, "the attack goes through").to.equal(null);
        expect(afterExploit.protocol, "the stakes stay in the pool").to.equal(DEPOSITS);
      },
    ],
    success: [
      "the loan takes about 97% of the round's rewards from the stakers",
      async ({ result }) => {
        const attackerReward = (REWARDS_PER_ROUND * LOAN) / (LOAN + DEPOSITS);
        const victimsReward = Object.values(SNAPSHOT_DEPOSITS).reduce(
          (sum, d) => sum + (REWARDS_PER_ROUND * d) / (LOAN + DEPOSITS),
          0n,
        );
        expect(result.attackerProfit, "reward at 1 DAI per RWD, less the loan's fee").to.equal(
          attackerReward - FEE,
        );
        expect(result.victimsLoss, "the round's rewards the victims did not get").to.equal(
          REWARDS_PER_ROUND - victimsReward,
        );
        expect(attackerReward, "about 97% of the round").to.be.greaterThan(
          (REWARDS_PER_ROUND * 97n) / 100n,
        );
      },
    ],
  });

  describeSide("hardened side: the core Farm's time-weighted rewards", flashLoanRewardSnapshot, {
    setup: () => setup("hardened"),
    initialState: ["30,000 DAI are staked before the round", expectInitialState],
    exploit: [
      "the farm accepts the flash-loaned deposit, for no whole second",
      async ({ revert, afterExploit }) => {
        expect(revert, "the farm accepts the deposit").to.equal(null);
        expect(afterExploit.protocol, "the stakes stay in the pool").to.equal(DEPOSITS);
      },
    ],
    success: [
      "the stake earns nothing, so the attacker only pays the fee",
      async ({ result }) => {
        expect(result.attackerProfit, "0 RWD earned, the fee paid").to.equal(-FEE);
        expect(
          result.victimsLoss,
          "the whole stream reaches the stakers, but for rounding",
        ).to.be.within(0n, 1_000_000n);
      },
    ],
  });

  describeFrameworkPlay(flashLoanRewardSnapshot);
});
