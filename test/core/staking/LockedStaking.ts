import { expect } from "chai";

import { ethers, loadFixture, networkHelpers } from "../../helpers/connection.js";
import { sandboxFixture } from "../../helpers/fixtures.js";

const { time } = networkHelpers;

const ONE = 10n ** 18n;
const DAY = 86_400n;
const WEEK = 7n * DAY;
const PRECISION = 10n ** 18n;
const FLEXIBLE = 0n;
const DAYS_30 = 1n;
const DAYS_90 = 2n;

/**
 * Asserts `got` is `expected` rounded down by at most `dust` wei: each update of rewardPerWeight
 * floors away under totalWeight / 1e18 + 1 wei.
 */
function expectShort(got: bigint, expected: bigint, dust: bigint, what: string) {
  expect(got <= expected && expected - got <= dust, `${what}: ${got} vs ${expected}`).to.equal(
    true,
  );
}

/** A chai `withArgs` predicate for expectShort. */
const short = (expected: bigint, dust: bigint) => (got: bigint) =>
  got <= expected && expected - got <= dust;

/** Locks end at the first whole-day boundary (UTC midnight) at or after `t`. */
const dayUp = (t: bigint) => ((t + DAY - 1n) / DAY) * DAY;

/** Wei as whole tokens with two decimals, for assertion messages. */
const tokens = (wei: bigint) => Number(ethers.formatUnits(wei, 18)).toFixed(2);

/**
 * Two staking contracts: `staking` (stake DAI, earn a separate reward token) and `sameStaking`
 * (stake DAI, earn DAI: compounding works). The deployer owns both; alice to dave approved both.
 */
async function stakingFixture() {
  const { actors, dai } = await loadFixture(sandboxFixture);
  const { deployer } = actors;
  const rewardToken = await ethers.deployContract("MockERC20", ["Staking Reward", "SRW", 18]);
  const staking = await ethers.deployContract("LockedStaking", [
    dai,
    rewardToken,
    WEEK,
    deployer.address,
  ]);
  const sameStaking = await ethers.deployContract("LockedStaking", [
    dai,
    dai,
    WEEK,
    deployer.address,
  ]);
  for (const user of [actors.alice, actors.bob, actors.carol, actors.dave]) {
    await dai.connect(user).approve(staking, ethers.MaxUint256);
    await dai.connect(user).approve(sameStaking, ethers.MaxUint256);
  }
  return { actors, dai, rewardToken, staking, sameStaking };
}

/** stakingFixture with a 7,000-token week of rewards started on `staking`. */
async function fundedFixture() {
  const base = await loadFixture(stakingFixture);
  const { rewardToken, staking } = base;
  await rewardToken.faucet(staking, 7_000n * ONE);
  await staking.notifyRewardAmount(7_000n * ONE);
  const startedAt = BigInt(await time.latest());
  return { ...base, startedAt, rate: (7_000n * ONE) / WEEK };
}

describe("LockedStaking", function () {
  describe("rewards", function () {
    it("shares each second's reward by weight across the tiers", async function () {
      const { actors, staking, startedAt, rate } = await loadFixture(fundedFixture);
      const { alice, bob, carol } = actors;
      await time.setNextBlockTimestamp(startedAt + 100n);
      await staking.connect(alice).stake(100n * ONE, FLEXIBLE); // weight 200
      await time.setNextBlockTimestamp(startedAt + 200n);
      await staking.connect(bob).stake(100n * ONE, DAYS_30); // weight 300
      await time.setNextBlockTimestamp(startedAt + 400n);
      await staking.connect(carol).stake(50n * ONE, DAYS_90); // weight 200
      await time.increaseTo(startedAt + 1_000n);

      // Closed form over the three intervals, in wei scaled by 1e18.
      const s = (num: bigint, den: bigint) => (num * PRECISION) / den;
      const alice_ =
        rate * 100n * PRECISION + rate * 200n * s(200n, 500n) + rate * 600n * s(200n, 700n);
      const bob_ = rate * 200n * s(300n, 500n) + rate * 600n * s(300n, 700n);
      const carol_ = rate * 600n * s(200n, 700n);
      const cases: [string, bigint][] = [
        [alice.address, alice_],
        [bob.address, bob_],
        [carol.address, carol_],
      ];
      for (const [who, scaled] of cases) {
        // Three updates, at most 700 weight-tokens: under 3 * 701 wei of dust.
        expectShort(await staking.earned(who), scaled / PRECISION, 3n * 701n, who);
      }
      // rewardPerWeight: each interval's stream over the weight then staked, scaled by 1e18.
      const perWeight =
        (rate * 100n * PRECISION) / (200n * ONE) +
        (rate * 200n * PRECISION) / (500n * ONE) +
        (rate * 600n * PRECISION) / (700n * ONE);
      expectShort(await staking.rewardPerWeight(), perWeight, 3n, "rewardPerWeight");
      expect(await staking.weightOf(alice.address)).to.equal(200n * ONE);
      expect(await staking.weightOf(bob.address)).to.equal(300n * ONE);
      expect(await staking.weightOf(carol.address)).to.equal(200n * ONE);
      expect(await staking.totalWeight()).to.equal(700n * ONE);
    });

    it("stops streaming at the end of the period", async function () {
      const { actors, staking, startedAt, rate } = await loadFixture(fundedFixture);
      const { alice } = actors;
      await time.setNextBlockTimestamp(startedAt + 1n);
      await staking.connect(alice).stake(ONE, FLEXIBLE);
      await time.increaseTo(startedAt + 3n * WEEK);
      expect(await staking.lastTimeRewardApplicable()).to.equal(startedAt + WEEK);
      expect(await staking.earned(alice.address)).to.equal(rate * (WEEK - 1n));
    });

    it("pays the reward on getReward", async function () {
      const { actors, rewardToken, staking, startedAt, rate } = await loadFixture(fundedFixture);
      const { alice } = actors;
      await time.setNextBlockTimestamp(startedAt + 10n);
      await staking.connect(alice).stake(ONE, FLEXIBLE);
      await time.setNextBlockTimestamp(startedAt + 110n);
      const tx = staking.connect(alice).getReward();
      await expect(tx)
        .to.emit(staking, "RewardPaid")
        .withArgs(alice.address, rate * 100n);
      await expect(tx).to.changeTokenBalances(
        ethers,
        rewardToken,
        [alice, staking],
        [rate * 100n, -rate * 100n],
      );
      expect(await staking.earned(alice.address)).to.equal(0n);
    });

    it("keeps rewards streamed while nobody stakes and rolls them into the next period", async function () {
      const { actors, staking, startedAt, rate } = await loadFixture(fundedFixture);
      const { alice } = actors;
      await time.setNextBlockTimestamp(startedAt + DAY);
      await staking.connect(alice).stake(ONE, FLEXIBLE);
      expect(await staking.rewardsUnallocated()).to.equal(rate * DAY);
      await time.setNextBlockTimestamp(startedAt + 2n * DAY);
      // No new tokens: the new period is funded by the leftover and the unallocated day.
      await staking.notifyRewardAmount(0n);
      const budget = rate * 5n * DAY + rate * DAY;
      expect(await staking.rewardRate()).to.equal(budget / WEEK);
      expect(await staking.rewardsUnallocated()).to.equal(0n);
    });

    it("rolls the running period's leftover into a new one", async function () {
      const { rewardToken, staking, startedAt, rate } = await loadFixture(fundedFixture);
      await rewardToken.faucet(staking, 1_000n * ONE);
      await time.setNextBlockTimestamp(startedAt + DAY);
      const leftover = rate * 6n * DAY;
      const newRate = (1_000n * ONE + leftover + rate * DAY) / WEEK; // the first day had no stakers
      await expect(staking.notifyRewardAmount(1_000n * ONE))
        .to.emit(staking, "RewardAdded")
        .withArgs(1_000n * ONE, newRate, startedAt + DAY + WEEK);
      expect(await staking.rewardRate()).to.equal(newRate);
      expect(await staking.periodFinish()).to.equal(startedAt + DAY + WEEK);
      expect(await staking.rewardsReserved()).to.equal(newRate * WEEK);
    });

    it("compounds the reward into the flexible tier when the reward token is the staking token", async function () {
      const { actors, dai, sameStaking } = await loadFixture(stakingFixture);
      const { alice, bob, whale } = actors;
      await dai.connect(whale).transfer(sameStaking, 7_000n * ONE);
      await sameStaking.notifyRewardAmount(7_000n * ONE);
      const t0 = BigInt(await time.latest());
      const rate = (7_000n * ONE) / WEEK;
      await time.setNextBlockTimestamp(t0 + 1n);
      await sameStaking.connect(alice).stake(1_000n * ONE, FLEXIBLE);
      await time.setNextBlockTimestamp(t0 + 1n + DAY);
      const tx = sameStaking.connect(alice).compound();
      // One day at `rate`, less under 2,001 wei of dust (weight 2,000 tokens).
      await expect(tx)
        .to.emit(sameStaking, "Compounded")
        .withArgs(alice.address, short(rate * DAY, 2_001n));
      await expect(tx).to.changeTokenBalances(ethers, dai, [alice, sameStaking], [0n, 0n]);
      const [flexible] = await sameStaking.balanceOf(alice.address, FLEXIBLE);
      expectShort(flexible, 1_000n * ONE + rate * DAY, 2_001n, "compounded stake");
      expect(await sameStaking.totalStaked()).to.equal(flexible);

      // Against a staker who never compounds, the compounder ends the week ahead.
      await time.setNextBlockTimestamp(t0 + 1n + DAY + 1n);
      await sameStaking.connect(bob).stake(1_000n * ONE + rate * DAY, FLEXIBLE);
      for (let day = 2n; day <= 6n; day++) {
        await time.setNextBlockTimestamp(t0 + 1n + day * DAY);
        await sameStaking.connect(alice).compound();
      }
      await time.increaseTo(t0 + WEEK);
      const aliceTotal =
        (await sameStaking.balanceOf(alice.address, FLEXIBLE))[0] +
        (await sameStaking.earned(alice.address));
      const bobTotal =
        (await sameStaking.balanceOf(bob.address, FLEXIBLE))[0] +
        (await sameStaking.earned(bob.address));
      expect(aliceTotal > bobTotal).to.equal(true);
    });

    it("counts only tokens beyond the stakers' principal as reward funds when both tokens are the same", async function () {
      const { actors, sameStaking } = await loadFixture(stakingFixture);
      const { alice } = actors;
      await sameStaking.connect(alice).stake(1_000n * ONE, FLEXIBLE);
      const rate = (700n * ONE) / WEEK;
      await expect(sameStaking.notifyRewardAmount(700n * ONE))
        .to.be.revertedWithCustomError(sameStaking, "LockedStakingRewardTooHigh")
        .withArgs(rate * WEEK, 0n);
    });
  });

  describe("lock boost", function () {
    it("pays a 90-day stake whose lock has ended no more than an equal flexible stake", async function () {
      // Setup: the attacker locks 1,000 DAI for 90 days; alice stakes 1,000 DAI flexible.
      const { actors, dai, rewardToken, staking } = await loadFixture(stakingFixture);
      const { alice, attacker } = actors;
      await dai.connect(attacker).approve(staking, ethers.MaxUint256);
      const t0 = BigInt(await time.latest()) + 10n;
      await time.setNextBlockTimestamp(t0);
      await staking.connect(attacker).stake(1_000n * ONE, DAYS_90);
      await time.setNextBlockTimestamp(t0 + 1n);
      await staking.connect(alice).stake(1_000n * ONE, FLEXIBLE);

      // The attack: wait out the lock, leave the stake in, and collect the next week's rewards.
      const unlockAt = dayUp(t0 + 90n * DAY);
      await rewardToken.faucet(staking, 7_000n * ONE);
      const start = unlockAt + 3_600n;
      await time.setNextBlockTimestamp(start);
      await staking.notifyRewardAmount(7_000n * ONE);
      // Both stakes are as liquid as each other: either could leave now.
      await staking.connect(attacker).withdraw.staticCall(1_000n * ONE, DAYS_90);
      await staking.connect(alice).withdraw.staticCall(1_000n * ONE, FLEXIBLE);
      await time.setNextBlockTimestamp(start + WEEK);
      await staking.connect(attacker).exit();
      await staking.connect(alice).exit();

      // Balances: equal, equally withdrawable stakes share the week equally.
      const rate = (7_000n * ONE) / WEEK;
      const fair = (rate * WEEK) / 2n;
      const attackerReward = await rewardToken.balanceOf(attacker.address);
      const aliceReward = await rewardToken.balanceOf(alice.address);
      const figures =
        `attacker earned ${tokens(attackerReward)} (gained ${tokens(attackerReward - fair)}), ` +
        `alice ${tokens(aliceReward)} (lost ${tokens(fair - aliceReward)}), fair ${tokens(fair)} each`;
      // One update over the week, weight 4,000 tokens: each share is short by under 2 * 2,001 wei.
      expectShort(attackerReward, fair, 4_002n, `attacker: ${figures}`);
      expectShort(aliceReward, fair, 4_002n, `alice: ${figures}`);
      expect(await dai.balanceOf(staking), "both stakes returned").to.equal(0n);
    });

    it("earns the boosted share up to the unlock second and the flexible share after it", async function () {
      const { actors, rewardToken, staking } = await loadFixture(stakingFixture);
      const { alice, bob } = actors;
      const t0 = BigInt(await time.latest()) + 10n;
      await time.setNextBlockTimestamp(t0);
      await staking.connect(alice).stake(1_000n * ONE, DAYS_90); // weight 4,000 until unlock
      await time.setNextBlockTimestamp(t0 + 1n);
      await staking.connect(bob).stake(1_000n * ONE, FLEXIBLE); // weight 2,000
      const unlockAt = dayUp(t0 + 90n * DAY);
      await rewardToken.faucet(staking, 7_000n * ONE);
      const start = unlockAt - 3n * DAY - 3_600n;
      await time.setNextBlockTimestamp(start);
      await staking.notifyRewardAmount(7_000n * ONE);
      const end = start + WEEK;
      const rate = (7_000n * ONE) / WEEK;

      await time.increaseTo(unlockAt - 1n);
      expect(await staking.weightOf(alice.address), "boosted the second before").to.equal(
        4_000n * ONE,
      );
      await time.increaseTo(unlockAt);
      expect(await staking.weightOf(alice.address), "flexible from the unlock on").to.equal(
        2_000n * ONE,
      );
      expect(await staking.totalWeight()).to.equal(4_000n * ONE);
      await time.increaseTo(end + DAY);

      // Piecewise closed form: 4/6 and 2/6 before the unlock, 2/4 after, rounded down once.
      const before = rate * (unlockAt - start);
      const after = rate * (end - unlockAt);
      const alice_ = (before * 4n * 4n + after * 2n * 6n) / 24n;
      const bob_ = (before * 2n * 4n + after * 2n * 6n) / 24n;
      // Two updates (the funding and the unlock), weight at most 6,000 tokens: under 2 * 6,001 wei.
      const aliceEarned = await staking.earned(alice.address);
      const bobEarned = await staking.earned(bob.address);
      expectShort(aliceEarned, alice_, 12_002n, `alice ${tokens(aliceEarned)}`);
      expectShort(bobEarned, bob_, 12_002n, `bob ${tokens(bobEarned)}`);
    });

    it("rounds a lock's end up to the first whole day, and not at all when it falls on one", async function () {
      const { actors, staking } = await loadFixture(stakingFixture);
      const { alice, bob } = actors;
      expect(await staking.UNLOCK_ROUNDING()).to.equal(DAY);
      const t = dayUp(BigInt(await time.latest())) + DAY + 7_200n; // two hours into a day
      await time.setNextBlockTimestamp(t);
      await expect(staking.connect(alice).stake(ONE, DAYS_30))
        .to.emit(staking, "Staked")
        .withArgs(alice.address, DAYS_30, ONE, t - 7_200n + 31n * DAY);
      const midnight = t - 7_200n + DAY;
      await time.setNextBlockTimestamp(midnight);
      await expect(staking.connect(bob).stake(ONE, DAYS_90))
        .to.emit(staking, "Staked")
        .withArgs(bob.address, DAYS_90, ONE, midnight + 90n * DAY);
    });

    it("keeps each lock's boost under its unlock day and takes it out of the total weight there", async function () {
      const { actors, rewardToken, staking } = await loadFixture(stakingFixture);
      const { alice, bob, carol } = actors;
      const t0 = dayUp(BigInt(await time.latest())) + DAY + 3_600n; // an hour into a day
      await time.setNextBlockTimestamp(t0);
      await staking.connect(alice).stake(10n * ONE, DAYS_30); // boost 10 halves-units
      await time.setNextBlockTimestamp(t0 + 1n);
      await staking.connect(bob).stake(10n * ONE, DAYS_90); // boost 20
      await time.setNextBlockTimestamp(t0 + 2n);
      await staking.connect(carol).stake(5n * ONE, DAYS_30); // boost 5, same unlock day as alice
      const unlock30 = dayUp(t0 + 30n * DAY);
      const unlock90 = dayUp(t0 + 90n * DAY);
      expect(dayUp(t0 + 2n + 30n * DAY)).to.equal(unlock30);
      expect(await staking.expiringWeight(unlock30)).to.equal(15n * ONE);
      expect(await staking.expiringWeight(unlock90)).to.equal(20n * ONE);
      expect(await staking.totalWeight()).to.equal((10n * 3n + 10n * 4n + 5n * 3n) * ONE);

      await rewardToken.faucet(staking, 7_000n * ONE);
      const start = unlock30 - DAY - 600n;
      await time.setNextBlockTimestamp(start);
      await staking.notifyRewardAmount(7_000n * ONE);
      const rate = (7_000n * ONE) / WEEK;

      // Past the unlock the view already leaves the boost out; storage follows at the next update.
      await time.increaseTo(unlock30 + 60n);
      expect(await staking.totalWeight()).to.equal(70n * ONE);
      expect(await staking.totalWeightStored()).to.equal(85n * ONE);
      expect(await staking.rewardPerWeightAtUnlock(unlock30)).to.equal(0n);
      await staking.checkpoint(10n);
      expect(await staking.totalWeightStored()).to.equal(70n * ONE);
      // One segment from the funding to the unlock, at weight 85.
      const atUnlock = (rate * (unlock30 - start) * PRECISION) / (85n * ONE);
      expect(await staking.rewardPerWeightAtUnlock(unlock30)).to.equal(atUnlock);
      expect(await staking.rewardPerWeightAtUnlock(unlock90)).to.equal(0n);
    });

    it("checkpoints at most maxDays day boundaries and returns where it stopped", async function () {
      const { actors, rewardToken, staking } = await loadFixture(stakingFixture);
      const { alice, bob } = actors;
      const t0 = BigInt(await time.latest()) + 10n;
      await time.setNextBlockTimestamp(t0);
      await staking.connect(alice).stake(1_000n * ONE, DAYS_90);
      await time.setNextBlockTimestamp(t0 + 1n);
      await staking.connect(bob).stake(1_000n * ONE, FLEXIBLE);
      const unlockAt = dayUp(t0 + 90n * DAY);
      await rewardToken.faucet(staking, 7_000n * ONE);
      const start = unlockAt - 2n * DAY - 3_600n;
      await time.setNextBlockTimestamp(start);
      await staking.notifyRewardAmount(7_000n * ONE);
      const rate = (7_000n * ONE) / WEEK;
      await time.increaseTo(start + 400n * DAY); // a long idle period

      // maxDays 0 walks nothing and reports the last update.
      expect(await staking.checkpoint.staticCall(0n)).to.equal(start);
      await staking.checkpoint(0n);
      expect(await staking.lastUpdateTime()).to.equal(start);
      // One boundary: the midnight after the funding, before the unlock.
      const firstDay = dayUp(start);
      expect(await staking.checkpoint.staticCall(1n)).to.equal(firstDay);
      await staking.checkpoint(1n);
      expect(await staking.lastUpdateTime()).to.equal(firstDay);
      expect(await staking.totalWeightStored()).to.equal(6_000n * ONE);
      // Five more cross the unlock: the boost leaves the total there.
      expect(await staking.checkpoint.staticCall(5n)).to.equal(firstDay + 5n * DAY);
      await staking.checkpoint(5n);
      expect(await staking.totalWeightStored()).to.equal(4_000n * ONE);
      const perWeight1 = (rate * (firstDay - start) * PRECISION) / (6_000n * ONE);
      const perWeightAtUnlock =
        perWeight1 + (rate * (unlockAt - firstDay) * PRECISION) / (6_000n * ONE);
      expect(await staking.rewardPerWeightAtUnlock(unlockAt)).to.equal(perWeightAtUnlock);
      // A huge maxDays reaches now without overflowing.
      await staking.checkpoint(ethers.MaxUint256);
      expect(await staking.lastUpdateTime()).to.equal(BigInt(await time.latest()));

      // The partial walks change the rewards by rounding dust only.
      const before = rate * (unlockAt - start);
      const after = rate * (start + WEEK - unlockAt);
      const alice_ = (before * 4n * 4n + after * 2n * 6n) / 24n;
      const bob_ = (before * 2n * 4n + after * 2n * 6n) / 24n;
      // Four updates (funding, first midnight, unlock, end), weight at most 6,000: under 4 * 6,001 wei.
      expectShort(await staking.earned(alice.address), alice_, 24_004n, "alice");
      expectShort(await staking.earned(bob.address), bob_, 24_004n, "bob");
    });

    it("walks an idle day for one storage read, about 2,400 gas", async function () {
      const { actors, staking } = await loadFixture(stakingFixture);
      const { alice } = actors;
      await staking.connect(alice).stake(ONE, FLEXIBLE);
      await time.increase(400n * DAY);
      const one = await staking.checkpoint.estimateGas(1n);
      const year = await staking.checkpoint.estimateGas(366n);
      const perDay = (year - one) / 365n;
      // A cold storage read is 2,100 gas; the loop around it a few hundred more.
      expect(perDay >= 2_100n && perDay <= 2_600n, `${perDay} gas a day`).to.equal(true);
      // A year idle stays far below a block's gas.
      expect(year < 1_000_000n, `${year} gas for a year`).to.equal(true);
    });

    it("moves a lock's boost to its new unlock day when more is staked before it ends", async function () {
      const { actors, rewardToken, staking } = await loadFixture(stakingFixture);
      const { alice, bob } = actors;
      const t0 = BigInt(await time.latest()) + 10n;
      await time.setNextBlockTimestamp(t0);
      await staking.connect(alice).stake(10n * ONE, DAYS_30);
      await staking.connect(bob).stake(15n * ONE, FLEXIBLE);
      const firstUnlock = dayUp(t0 + 30n * DAY);
      await time.setNextBlockTimestamp(t0 + 10n * DAY);
      await staking.connect(alice).stake(5n * ONE, DAYS_30);
      const unlockAt = dayUp(t0 + 40n * DAY);
      expect(await staking.expiringWeight(firstUnlock)).to.equal(0n);
      expect(await staking.expiringWeight(unlockAt)).to.equal(15n * ONE);
      expect(await staking.balanceOf(alice.address, DAYS_30)).to.deep.equal([15n * ONE, unlockAt]);

      // A week around the old unlock day: alice stays boosted through it.
      await rewardToken.faucet(staking, 7_000n * ONE);
      const start = firstUnlock - 3n * DAY;
      await time.setNextBlockTimestamp(start);
      await staking.notifyRewardAmount(7_000n * ONE);
      await time.increaseTo(firstUnlock);
      expect(await staking.totalWeight()).to.equal(75n * ONE);
      await time.increaseTo(start + WEEK);
      const rate = (7_000n * ONE) / WEEK;
      // One update (the funding), weight 75 tokens: under 76 wei each.
      expectShort(await staking.earned(alice.address), (rate * WEEK * 45n) / 75n, 77n, "alice");
      expectShort(await staking.earned(bob.address), (rate * WEEK * 30n) / 75n, 77n, "bob");
      await time.increaseTo(unlockAt);
      expect(await staking.totalWeight()).to.equal(60n * ONE);
    });

    it("boosts the whole balance again when more is staked after the lock ended", async function () {
      const { actors, rewardToken, staking } = await loadFixture(stakingFixture);
      const { alice, bob } = actors;
      const t0 = BigInt(await time.latest()) + 10n;
      await time.setNextBlockTimestamp(t0);
      await staking.connect(alice).stake(10n * ONE, DAYS_90);
      await staking.connect(bob).stake(10n * ONE, FLEXIBLE);
      const unlockAt = dayUp(t0 + 90n * DAY);
      await rewardToken.faucet(staking, 7_000n * ONE);
      const start = unlockAt - DAY - 3_600n;
      await time.setNextBlockTimestamp(start);
      await staking.notifyRewardAmount(7_000n * ONE);

      const relock = unlockAt + DAY;
      await time.setNextBlockTimestamp(relock);
      await staking.connect(alice).stake(5n * ONE, DAYS_90);
      const newUnlock = dayUp(relock + 90n * DAY);
      expect(await staking.weightOf(alice.address)).to.equal(60n * ONE);
      expect(await staking.totalWeight()).to.equal(80n * ONE);
      expect(await staking.expiringWeight(newUnlock)).to.equal(30n * ONE);
      const end = start + WEEK;
      await time.increaseTo(end);

      // Three segments: 40 vs 20 to the unlock, 20 vs 20 to the re-lock, 60 vs 20 after it.
      const rate = (7_000n * ONE) / WEEK;
      const [a, b, c] = [
        rate * (unlockAt - start),
        rate * (relock - unlockAt),
        rate * (end - relock),
      ];
      const alice_ = (a * 40n * 8n + b * 20n * 12n + c * 60n * 6n) / 480n;
      const bob_ = (a * 20n * 8n + b * 20n * 12n + c * 20n * 6n) / 480n;
      // Three updates, weight at most 80 tokens: under 3 * 81 wei each.
      expectShort(await staking.earned(alice.address), alice_, 243n, "alice");
      expectShort(await staking.earned(bob.address), bob_, 243n, "bob");
    });

    it("compounds and withdraws a lock that has ended at the flexible weight", async function () {
      const { actors, dai, sameStaking } = await loadFixture(stakingFixture);
      const { alice, bob, whale } = actors;
      const t0 = BigInt(await time.latest()) + 10n;
      await time.setNextBlockTimestamp(t0);
      await sameStaking.connect(alice).stake(1_000n * ONE, DAYS_90);
      await sameStaking.connect(bob).stake(1_000n * ONE, FLEXIBLE);
      const unlockAt = dayUp(t0 + 90n * DAY);
      await dai.connect(whale).transfer(sameStaking, 7_000n * ONE);
      await time.setNextBlockTimestamp(unlockAt + 60n);
      await sameStaking.notifyRewardAmount(7_000n * ONE);
      const rate = (7_000n * ONE) / WEEK;

      // A day at equal weights: half the day's reward each.
      await time.setNextBlockTimestamp(unlockAt + 60n + DAY);
      await expect(sameStaking.connect(alice).compound())
        .to.emit(sameStaking, "Compounded")
        .withArgs(alice.address, short((rate * DAY) / 2n, 4_002n));
      const [compounded] = await sameStaking.balanceOf(alice.address, FLEXIBLE);
      expect(await sameStaking.weightOf(alice.address)).to.equal((1_000n * ONE + compounded) * 2n);

      // The ended lock leaves at the flexible weight: only the compounded stake stays.
      await expect(
        sameStaking.connect(alice).withdraw(1_000n * ONE, DAYS_90),
      ).to.changeTokenBalances(ethers, dai, [alice], [1_000n * ONE]);
      expect(await sameStaking.totalWeight()).to.equal((1_000n * ONE + compounded) * 2n);
    });
  });

  describe("stake and withdraw", function () {
    it("stakes into each tier with its lock and weight", async function () {
      const { actors, dai, staking } = await loadFixture(stakingFixture);
      const { alice } = actors;
      const t = BigInt(await time.latest()) + 10n;
      const table: [bigint, bigint, bigint][] = [
        [FLEXIBLE, 0n, 2n],
        [DAYS_30, dayUp(t + 1n + 30n * DAY), 3n],
        [DAYS_90, dayUp(t + 2n + 90n * DAY), 4n],
      ];
      let weight = 0n;
      for (const [tier, unlockAt, halves] of table) {
        await time.setNextBlockTimestamp(t + tier);
        const tx = staking.connect(alice).stake(10n * ONE, tier);
        await expect(tx)
          .to.emit(staking, "Staked")
          .withArgs(alice.address, tier, 10n * ONE, unlockAt);
        await expect(tx).to.changeTokenBalances(
          ethers,
          dai,
          [alice, staking],
          [-10n * ONE, 10n * ONE],
        );
        expect(await staking.balanceOf(alice.address, tier)).to.deep.equal([10n * ONE, unlockAt]);
        weight += 10n * ONE * halves;
        expect(await staking.weightOf(alice.address)).to.equal(weight);
      }
      expect(await staking.totalStaked()).to.equal(30n * ONE);
    });

    it("restarts a tier's lock, rounded up to a whole day, when more is staked into it", async function () {
      const { actors, staking } = await loadFixture(stakingFixture);
      const { alice } = actors;
      const t = BigInt(await time.latest()) + 10n;
      await time.setNextBlockTimestamp(t);
      await staking.connect(alice).stake(ONE, DAYS_30);
      await time.setNextBlockTimestamp(t + 20n * DAY);
      await staking.connect(alice).stake(ONE, DAYS_30);
      expect(await staking.balanceOf(alice.address, DAYS_30)).to.deep.equal([
        2n * ONE,
        dayUp(t + 50n * DAY),
      ]);
    });

    it("refuses a withdrawal from a locked tier until the lock ends", async function () {
      const { actors, dai, staking } = await loadFixture(stakingFixture);
      const { alice } = actors;
      const t = BigInt(await time.latest()) + 10n;
      await time.setNextBlockTimestamp(t);
      await staking.connect(alice).stake(5n * ONE, DAYS_90);
      const unlockAt = dayUp(t + 90n * DAY);
      await time.setNextBlockTimestamp(unlockAt - 1n);
      await expect(staking.connect(alice).withdraw(ONE, DAYS_90))
        .to.be.revertedWithCustomError(staking, "LockedStakingLocked")
        .withArgs(DAYS_90, unlockAt, unlockAt - 1n);
      await time.setNextBlockTimestamp(unlockAt);
      const tx = staking.connect(alice).withdraw(ONE, DAYS_90);
      await expect(tx).to.emit(staking, "Withdrawn").withArgs(alice.address, DAYS_90, ONE);
      await expect(tx).to.changeTokenBalances(ethers, dai, [alice], [ONE]);
      // The rest is unlocked too: it weighs as a flexible stake.
      expect(await staking.weightOf(alice.address)).to.equal(4n * ONE * 2n);
      expect(await staking.totalWeight()).to.equal(4n * ONE * 2n);
    });

    it("withdraws from the flexible tier at any time", async function () {
      const { actors, dai, staking } = await loadFixture(stakingFixture);
      const { alice } = actors;
      await staking.connect(alice).stake(5n * ONE, FLEXIBLE);
      await expect(staking.connect(alice).withdraw(5n * ONE, FLEXIBLE)).to.changeTokenBalances(
        ethers,
        dai,
        [alice, staking],
        [5n * ONE, -5n * ONE],
      );
      expect(await staking.totalStaked()).to.equal(0n);
      expect(await staking.totalWeight()).to.equal(0n);
    });

    it("exits every unlocked tier and pays the reward", async function () {
      const { actors, dai, rewardToken, staking, startedAt, rate } =
        await loadFixture(fundedFixture);
      const { alice } = actors;
      for (const [tier, at] of [
        [FLEXIBLE, 1n],
        [DAYS_30, 2n],
        [DAYS_90, 3n],
      ]) {
        await time.setNextBlockTimestamp(startedAt + at);
        await staking.connect(alice).stake((tier + 1n) * ONE, tier);
      }
      await time.setNextBlockTimestamp(dayUp(startedAt + 3n + 90n * DAY));
      const before = await rewardToken.balanceOf(alice.address);
      await expect(staking.connect(alice).exit()).to.changeTokenBalances(
        ethers,
        dai,
        [alice],
        [6n * ONE],
      );
      // The whole week but its first second, less under 3 * 21 wei of dust (weight 20 tokens).
      const paid = (await rewardToken.balanceOf(alice.address)) - before;
      expectShort(paid, rate * (WEEK - 1n), 63n, "exit reward");
      expect(await staking.weightOf(alice.address)).to.equal(0n);
      expect(await staking.totalStaked()).to.equal(0n);
    });
  });

  describe("errors", function () {
    it("reverts staking, withdrawing or exiting with nothing", async function () {
      const { actors, staking } = await loadFixture(stakingFixture);
      const { alice } = actors;
      await expect(staking.connect(alice).stake(0n, FLEXIBLE)).to.be.revertedWithCustomError(
        staking,
        "LockedStakingZeroAmount",
      );
      await expect(staking.connect(alice).withdraw(0n, FLEXIBLE)).to.be.revertedWithCustomError(
        staking,
        "LockedStakingZeroAmount",
      );
      await expect(staking.connect(alice).exit()).to.be.revertedWithCustomError(
        staking,
        "LockedStakingZeroAmount",
      );
    });

    it("reverts an unknown tier", async function () {
      const { actors, staking } = await loadFixture(stakingFixture);
      const { alice } = actors;
      await expect(staking.connect(alice).stake(ONE, 3n))
        .to.be.revertedWithCustomError(staking, "LockedStakingUnknownTier")
        .withArgs(3n);
      await expect(staking.connect(alice).withdraw(ONE, 3n))
        .to.be.revertedWithCustomError(staking, "LockedStakingUnknownTier")
        .withArgs(3n);
      await expect(staking.balanceOf(alice.address, 3n))
        .to.be.revertedWithCustomError(staking, "LockedStakingUnknownTier")
        .withArgs(3n);
    });

    it("reverts a withdrawal above the tier's balance", async function () {
      const { actors, staking } = await loadFixture(stakingFixture);
      const { alice } = actors;
      await staking.connect(alice).stake(ONE, FLEXIBLE);
      await expect(staking.connect(alice).withdraw(ONE + 1n, FLEXIBLE))
        .to.be.revertedWithCustomError(staking, "LockedStakingInsufficientBalance")
        .withArgs(FLEXIBLE, ONE, ONE + 1n);
      await expect(staking.connect(alice).withdraw(1n, DAYS_30))
        .to.be.revertedWithCustomError(staking, "LockedStakingInsufficientBalance")
        .withArgs(DAYS_30, 0n, 1n);
    });

    it("reverts an exit while a tier is still locked", async function () {
      const { actors, staking } = await loadFixture(stakingFixture);
      const { alice } = actors;
      const t = BigInt(await time.latest()) + 10n;
      await time.setNextBlockTimestamp(t);
      await staking.connect(alice).stake(ONE, DAYS_30);
      await time.setNextBlockTimestamp(t + 1n);
      await expect(staking.connect(alice).exit())
        .to.be.revertedWithCustomError(staking, "LockedStakingLocked")
        .withArgs(DAYS_30, dayUp(t + 30n * DAY), t + 1n);
    });

    it("reverts a stake of a token that delivers less than sent", async function () {
      const { actors, rewardToken } = await loadFixture(stakingFixture);
      const { alice, deployer } = actors;
      const fot = await ethers.deployContract("FeeOnTransferToken"); // burns 1%
      const staking = await ethers.deployContract("LockedStaking", [
        fot,
        rewardToken,
        WEEK,
        deployer.address,
      ]);
      await fot.faucet(alice.address, 100n * ONE);
      await fot.connect(alice).approve(staking, ethers.MaxUint256);
      await expect(staking.connect(alice).stake(100n * ONE, FLEXIBLE))
        .to.be.revertedWithCustomError(staking, "LockedStakingTransferShortfall")
        .withArgs(99n * ONE, 100n * ONE);
    });

    it("reverts a reward larger than the balance that backs it", async function () {
      const { rewardToken, staking } = await loadFixture(stakingFixture);
      await rewardToken.faucet(staking, 699n * ONE);
      const rate = (700n * ONE) / WEEK;
      await expect(staking.notifyRewardAmount(700n * ONE))
        .to.be.revertedWithCustomError(staking, "LockedStakingRewardTooHigh")
        .withArgs(rate * WEEK, 699n * ONE);
      expect(await staking.rewardRate()).to.equal(0n);
    });

    it("reverts a reward too small to stream one wei per second", async function () {
      const { staking } = await loadFixture(stakingFixture);
      await expect(staking.notifyRewardAmount(WEEK - 1n))
        .to.be.revertedWithCustomError(staking, "LockedStakingRewardRateZero")
        .withArgs(WEEK - 1n, WEEK);
    });

    it("reverts compound when the reward token differs or nothing is earned", async function () {
      const { actors, dai, rewardToken, staking, sameStaking } = await loadFixture(stakingFixture);
      const { alice } = actors;
      await expect(staking.connect(alice).compound())
        .to.be.revertedWithCustomError(staking, "LockedStakingCannotCompound")
        .withArgs(await dai.getAddress(), await rewardToken.getAddress());
      await expect(sameStaking.connect(alice).compound()).to.be.revertedWithCustomError(
        sameStaking,
        "LockedStakingZeroAmount",
      );
    });

    it("reverts a constructor with a zero token or a zero duration", async function () {
      const { actors, dai } = await loadFixture(stakingFixture);
      const owner = actors.deployer.address;
      const factory = await ethers.getContractFactory("LockedStaking");
      await expect(
        factory.deploy(ethers.ZeroAddress, dai, WEEK, owner),
      ).to.be.revertedWithCustomError(factory, "LockedStakingZeroAddress");
      await expect(
        factory.deploy(dai, ethers.ZeroAddress, WEEK, owner),
      ).to.be.revertedWithCustomError(factory, "LockedStakingZeroAddress");
      await expect(factory.deploy(dai, dai, 0n, owner)).to.be.revertedWithCustomError(
        factory,
        "LockedStakingZeroDuration",
      );
    });
  });

  describe("owner", function () {
    it("changes the reward duration only between periods", async function () {
      const { staking, startedAt } = await loadFixture(fundedFixture);
      await time.setNextBlockTimestamp(startedAt + 10n);
      await expect(staking.setRewardsDuration(DAY))
        .to.be.revertedWithCustomError(staking, "LockedStakingPeriodNotFinished")
        .withArgs(startedAt + WEEK, startedAt + 10n);
      await time.setNextBlockTimestamp(startedAt + WEEK);
      await expect(staking.setRewardsDuration(DAY))
        .to.emit(staking, "RewardsDurationUpdated")
        .withArgs(DAY);
      await expect(staking.setRewardsDuration(0n)).to.be.revertedWithCustomError(
        staking,
        "LockedStakingZeroDuration",
      );
      expect(await staking.rewardsDuration()).to.equal(DAY);
    });

    it("refuses every owner function to a non-owner", async function () {
      const { actors, staking } = await loadFixture(stakingFixture);
      const { attacker } = actors;
      const calls = [
        () => staking.connect(attacker).notifyRewardAmount(ONE),
        () => staking.connect(attacker).setRewardsDuration(DAY),
        () => staking.connect(attacker).transferOwnership(attacker.address),
        () => staking.connect(attacker).renounceOwnership(),
      ];
      for (const call of calls) {
        await expect(call())
          .to.be.revertedWithCustomError(staking, "OwnableUnauthorizedAccount")
          .withArgs(attacker.address);
      }
    });
  });
});
