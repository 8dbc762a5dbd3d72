import { expect } from "chai";

import { FLASH_FEE_BPS, FLASH_LIQUIDITY } from "../../ignition/modules/Lending.js";
import {
  REWARDS_PER_ROUND,
  SNAPSHOT_DEPOSITS,
  flashLoanRewardSnapshot,
} from "../../lib/scenarios/flash-loan-reward-snapshot.js";
import { playSide } from "../../lib/scenarios/run.js";
import { networkHelpers } from "../helpers/connection.js";
import { scenarioEnvFixture } from "../helpers/scenarios.js";

const ONE = 10n ** 18n;
const LOAN = FLASH_LIQUIDITY.dai * ONE; // everything the sandbox's flash lender holds
const FEE = (LOAN * FLASH_FEE_BPS + 9_999n) / 10_000n; // rounded up
const DEPOSITS = Object.values(SNAPSHOT_DEPOSITS).reduce((a, b) => a + b, 0n);

async function play(side: "vulnerable" | "hardened") {
  const env = await networkHelpers.loadFixture(scenarioEnvFixture);
  return playSide(flashLoanRewardSnapshot, env, side);
}

describe("Scenario: flash-loan reward snapshot", function () {
  it("lets a flash-loaned deposit take its share of the round's snapshot", async function () {
    const result = await play("vulnerable");
    // Setup → initial state: 30,000 DAI staked before the round; exploit: 1,000,000 DAI for one transaction.
    const attackerReward = (REWARDS_PER_ROUND * LOAN) / (LOAN + DEPOSITS);
    const victimsReward = Object.values(SNAPSHOT_DEPOSITS).reduce(
      (sum, d) => sum + (REWARDS_PER_ROUND * d) / (LOAN + DEPOSITS),
      0n,
    );
    expect(result.revert, "the attack goes through").to.equal(null);
    expect(result.attackerProfit, "reward at 1 DAI per RWD, less the loan's fee").to.equal(
      attackerReward - FEE,
    );
    expect(result.victimsLoss, "the round's rewards the victims did not get").to.equal(
      REWARDS_PER_ROUND - victimsReward,
    );
    expect(attackerReward, "about 97% of the round").to.be.greaterThan(
      (REWARDS_PER_ROUND * 97n) / 100n,
    );
    expect(result.protocolAfter, "the stakes stay in the pool").to.equal(DEPOSITS);
    expect(result.checks.filter((c) => !c.ok).map((c) => c.message)).to.deep.equal([]);
  });

  it("pays a flash-loaned stake nothing on the time-weighted farm, so the attacker only pays the fee", async function () {
    const result = await play("hardened");
    expect(result.revert, "the farm accepts the deposit").to.equal(null);
    expect(result.attackerProfit, "0 RWD earned, the fee paid").to.equal(-FEE);
    expect(
      result.victimsLoss,
      "the whole stream reaches the stakers, but for rounding",
    ).to.be.within(0n, 1_000_000n);
    expect(result.checks.filter((c) => !c.ok).map((c) => c.message)).to.deep.equal([]);
  });
});
