import { expect } from "chai";
import { type ContractTransactionResponse, formatEther, id } from "ethers";

import { MAX_APR_BPS } from "../../../ignition/modules/LiquidStaking.js";
import { ethers, loadFixture, networkHelpers } from "../../helpers/connection.js";
import { sandboxFixture } from "../../helpers/fixtures.js";

const ONE = 10n ** 18n;
const DAY = 86_400n;
const YEAR = 365n * DAY;
const BPS = 10_000n;
const ORACLE_ROLE = id("ORACLE_ROLE");
const DEFAULT_ADMIN_ROLE = ethers.ZeroHash;

/** Largest reward a report may carry: MAX_APR over `elapsed` seconds on `pooled`, rounded down. */
function maxReward(pooled: bigint, elapsed: bigint): bigint {
  return (pooled * MAX_APR_BPS * elapsed) / (BPS * YEAR);
}

/** The ETH a transaction cost its sender in gas. */
async function feeOf(tx: Promise<ContractTransactionResponse>): Promise<bigint> {
  const receipt = await (await tx).wait();
  if (receipt === null) throw new Error("no receipt");
  return receipt.fee;
}

/**
 * Alice stakes 100 ETH, then the oracle (keeper) sends a reward-free report (report 1) that admits
 * it one for one and starts the reporting clock at a known time; alice claims her 100 shares.
 */
async function stakedFixture() {
  const sandbox = await loadFixture(sandboxFixture);
  const { liquidStaking, actors } = sandbox;
  await liquidStaking.connect(actors.alice).stake({ value: 100n * ONE });
  await liquidStaking.connect(actors.keeper).report();
  const reportedAt = BigInt(await networkHelpers.time.latest());
  await liquidStaking.claimShares(actors.alice.address);
  return { ...sandbox, reportedAt };
}

/** The stake above plus a 0.5 ETH reward reported exactly 30 days after the first report. */
async function rewardedFixture() {
  const sandbox = await loadFixture(stakedFixture);
  const { liquidStaking, actors, reportedAt } = sandbox;
  await networkHelpers.time.setNextBlockTimestamp(reportedAt + 30n * DAY);
  await liquidStaking.connect(actors.keeper).report({ value: ONE / 2n });
  return sandbox;
}

describe("LiquidStaking", function () {
  describe("staking", function () {
    it("takes a stake as a deposit that waits for the next report and earns nothing until then", async function () {
      const { liquidStaking, actors } = await loadFixture(sandboxFixture);
      const { bob } = actors;
      const stake = 3n * ONE;
      expect(await liquidStaking.connect(bob).stake.staticCall({ value: stake })).to.equal(1n);
      const tx = liquidStaking.connect(bob).stake({ value: stake });
      await expect(tx).to.emit(liquidStaking, "Staked").withArgs(bob.address, stake, 1n);
      await expect(tx).to.changeEtherBalances(ethers, [bob, liquidStaking], [-stake, stake]);
      expect(await liquidStaking.balanceOf(bob.address)).to.equal(0n);
      expect(await liquidStaking.totalSupply()).to.equal(0n);
      expect(await liquidStaking.totalPooledEther()).to.equal(0n);
      expect(await liquidStaking.pendingEther()).to.equal(stake);
      expect(await liquidStaking.pendingDeposit(bob.address)).to.deep.equal([stake, 1n, 0n]);
    });

    it("admits every pending deposit one for one at the first report, minting their shares to the contract", async function () {
      const { liquidStaking, actors } = await loadFixture(sandboxFixture);
      const { bob, carol, keeper } = actors;
      await liquidStaking.connect(bob).stake({ value: 3n * ONE });
      await liquidStaking.connect(carol).stake({ value: 2n * ONE });
      const tx = liquidStaking.connect(keeper).report();
      await expect(tx)
        .to.emit(liquidStaking, "DepositsAdmitted")
        .withArgs(1n, 5n * ONE, 5n * ONE)
        .and.to.emit(liquidStaking, "Reported")
        .withArgs(0n, 5n * ONE, 5n * ONE, 0n);
      await expect(tx).to.changeTokenBalances(ethers, liquidStaking, [liquidStaking], [5n * ONE]);
      expect(await liquidStaking.reportCount()).to.equal(1n);
      expect(await liquidStaking.pendingEther()).to.equal(0n);
      expect(await liquidStaking.totalPooledEther()).to.equal(5n * ONE);
      expect(await liquidStaking.admissions(1n)).to.deep.equal([5n * ONE, 5n * ONE]);
      expect(await liquidStaking.pendingDeposit(bob.address)).to.deep.equal([
        3n * ONE,
        1n,
        3n * ONE,
      ]);
      expect(await liquidStaking.pendingDeposit(carol.address)).to.deep.equal([
        2n * ONE,
        1n,
        2n * ONE,
      ]);
      expect(await liquidStaking.ethPerShare()).to.equal(ONE);
    });

    it("admits a deposit at the rate after the report's reward, which goes to the shares staked before", async function () {
      const { liquidStaking, actors, reportedAt } = await loadFixture(stakedFixture);
      const { alice, bob, keeper } = actors;
      await liquidStaking.connect(bob).stake({ value: (1005n * ONE) / 100n });
      await networkHelpers.time.setNextBlockTimestamp(reportedAt + 30n * DAY);
      await liquidStaking.connect(keeper).report({ value: ONE / 2n });
      // 100 shares back 100.5 ETH once the reward is in: 10.05 ETH buys exactly 10 shares.
      await expect(liquidStaking.claimShares(bob.address))
        .to.emit(liquidStaking, "SharesClaimed")
        .withArgs(bob.address, 2n, (1005n * ONE) / 100n, 10n * ONE);
      expect(await liquidStaking.balanceOf(bob.address)).to.equal(10n * ONE);
      expect(await liquidStaking.convertToEthDown(10n * ONE)).to.equal((1005n * ONE) / 100n);
      expect(await liquidStaking.convertToEthDown(100n * ONE)).to.equal((1005n * ONE) / 10n);
      expect(await liquidStaking.balanceOf(alice.address)).to.equal(100n * ONE);
    });

    it("rounds each claim down, so that one report's claims never sum above the shares it minted", async function () {
      const { liquidStaking, actors } = await loadFixture(rewardedFixture);
      const { bob, carol, dave, keeper } = actors;
      const deposits = [
        [bob, 1n * ONE],
        [carol, 2n * ONE],
        [dave, 4n * ONE],
      ] as const;
      for (const [who, eth] of deposits) await liquidStaking.connect(who).stake({ value: eth });
      await liquidStaking.connect(keeper).report();
      // 100 shares back 100.5 ETH: 7 ETH buys ⌊7 × 100 / 100.5⌋ shares, split 1 : 2 : 4, each floored.
      const minted = (7n * ONE * 100n * ONE) / ((1005n * ONE) / 10n);
      expect(minted).to.equal(6_965_174_129_353_233_830n);
      expect(await liquidStaking.admissions(3n)).to.deep.equal([7n * ONE, minted]);
      let claimed = 0n;
      for (const [who, eth] of deposits) {
        const shares = (eth * minted) / (7n * ONE);
        await expect(liquidStaking.claimShares(who.address))
          .to.emit(liquidStaking, "SharesClaimed")
          .withArgs(who.address, 3n, eth, shares);
        expect(await liquidStaking.balanceOf(who.address)).to.equal(shares);
        claimed += shares;
      }
      expect(claimed, "the floors leave one share in the contract").to.equal(minted - 1n);
      expect(await liquidStaking.balanceOf(await liquidStaking.getAddress())).to.equal(1n);
    });

    it("delivers an account's admitted shares to that account whoever sends the claim", async function () {
      const { liquidStaking, actors } = await loadFixture(stakedFixture);
      const { bob, keeper } = actors;
      await liquidStaking.connect(bob).stake({ value: 2n * ONE });
      await liquidStaking.connect(keeper).report();
      expect(await liquidStaking.connect(keeper).claimShares.staticCall(bob.address)).to.equal(
        2n * ONE,
      );
      const tx = liquidStaking.connect(keeper).claimShares(bob.address);
      await expect(tx)
        .to.emit(liquidStaking, "SharesClaimed")
        .withArgs(bob.address, 2n, 2n * ONE, 2n * ONE);
      await expect(tx).to.changeTokenBalances(
        ethers,
        liquidStaking,
        [liquidStaking, bob, keeper],
        [-2n * ONE, 2n * ONE, 0n],
      );
      expect(await liquidStaking.pendingDeposit(bob.address)).to.deep.equal([0n, 0n, 0n]);
    });

    it("refuses a claim without a deposit and a claim before the report that admits it", async function () {
      const { liquidStaking, actors } = await loadFixture(stakedFixture);
      const { alice, bob, keeper } = actors;
      await expect(liquidStaking.claimShares(alice.address))
        .to.be.revertedWithCustomError(liquidStaking, "StakingNoDeposit")
        .withArgs(alice.address);
      await liquidStaking.connect(bob).stake({ value: ONE });
      await expect(liquidStaking.claimShares(bob.address))
        .to.be.revertedWithCustomError(liquidStaking, "StakingDepositNotAdmitted")
        .withArgs(bob.address, 2n, 1n);
      await liquidStaking.connect(keeper).report();
      await liquidStaking.claimShares(bob.address);
      await expect(liquidStaking.claimShares(bob.address))
        .to.be.revertedWithCustomError(liquidStaking, "StakingNoDeposit")
        .withArgs(bob.address);
    });

    it("adds a second stake before the report to the deposit already waiting", async function () {
      const { liquidStaking, actors } = await loadFixture(stakedFixture);
      const { bob, keeper } = actors;
      await expect(liquidStaking.connect(bob).stake({ value: ONE }))
        .to.emit(liquidStaking, "Staked")
        .withArgs(bob.address, ONE, 2n);
      await expect(liquidStaking.connect(bob).stake({ value: 2n * ONE }))
        .to.emit(liquidStaking, "Staked")
        .withArgs(bob.address, 2n * ONE, 2n)
        .and.not.to.emit(liquidStaking, "SharesClaimed");
      expect(await liquidStaking.pendingDeposit(bob.address)).to.deep.equal([3n * ONE, 2n, 0n]);
      expect(await liquidStaking.pendingEther()).to.equal(3n * ONE);
      await liquidStaking.connect(keeper).report();
      expect(await liquidStaking.pendingDeposit(bob.address)).to.deep.equal([
        3n * ONE,
        2n,
        3n * ONE,
      ]);
    });

    it("delivers an admitted deposit on the account's next stake, which waits for the following report", async function () {
      const { liquidStaking, actors, reportedAt } = await loadFixture(stakedFixture);
      const { bob, keeper } = actors;
      await liquidStaking.connect(bob).stake({ value: 10n * ONE });
      const reward2 = maxReward(100n * ONE, DAY);
      await networkHelpers.time.setNextBlockTimestamp(reportedAt + DAY);
      await liquidStaking.connect(keeper).report({ value: reward2 });
      // Report 2: 100 shares back 100 ETH + reward2 when bob's 10 ETH joins.
      const bobShares2 = (10n * ONE * 100n * ONE) / (100n * ONE + reward2);
      await expect(liquidStaking.connect(bob).stake({ value: 5n * ONE }))
        .to.emit(liquidStaking, "SharesClaimed")
        .withArgs(bob.address, 2n, 10n * ONE, bobShares2)
        .and.to.emit(liquidStaking, "Staked")
        .withArgs(bob.address, 5n * ONE, 3n);
      expect(await liquidStaking.balanceOf(bob.address)).to.equal(bobShares2);
      expect(await liquidStaking.pendingDeposit(bob.address)).to.deep.equal([5n * ONE, 3n, 0n]);

      // Report 3 pays the day's reward on everything pooled since report 2, bob's 10 ETH included.
      const pooled2 = 110n * ONE + reward2;
      const reward3 = maxReward(pooled2, DAY);
      await networkHelpers.time.setNextBlockTimestamp(reportedAt + 2n * DAY);
      await liquidStaking.connect(keeper).report({ value: reward3 });
      const bobShares3 = (5n * ONE * (100n * ONE + bobShares2)) / (pooled2 + reward3);
      await expect(liquidStaking.claimShares(bob.address))
        .to.emit(liquidStaking, "SharesClaimed")
        .withArgs(bob.address, 3n, 5n * ONE, bobShares3);
      expect(await liquidStaking.balanceOf(bob.address)).to.equal(bobShares2 + bobShares3);
      expect(await liquidStaking.totalPooledEther()).to.equal(pooled2 + reward3 + 5n * ONE);
    });

    it("delivers an admitted deposit on the account's withdrawal request, so its shares can be requested at once", async function () {
      const { liquidStaking, actors } = await loadFixture(stakedFixture);
      const { bob, keeper } = actors;
      await liquidStaking.connect(bob).stake({ value: 4n * ONE });
      await liquidStaking.connect(keeper).report();
      await expect(liquidStaking.connect(bob).requestWithdrawal(4n * ONE))
        .to.emit(liquidStaking, "SharesClaimed")
        .withArgs(bob.address, 2n, 4n * ONE, 4n * ONE)
        .and.to.emit(liquidStaking, "WithdrawalRequested")
        .withArgs(1n, bob.address, 4n * ONE, 4n * ONE);
      expect(await liquidStaking.balanceOf(bob.address)).to.equal(0n);
      expect(await liquidStaking.pendingDeposit(bob.address)).to.deep.equal([0n, 0n, 0n]);
    });

    it("does not let pending deposits raise the bound of the report that admits them", async function () {
      const { liquidStaking, actors, reportedAt } = await loadFixture(stakedFixture);
      await liquidStaking.connect(actors.attacker).stake({ value: 1_000n * ONE });
      const bound = maxReward(100n * ONE, DAY);
      await networkHelpers.time.setNextBlockTimestamp(reportedAt + DAY);
      await expect(liquidStaking.connect(actors.keeper).report({ value: bound + 1n }))
        .to.be.revertedWithCustomError(liquidStaking, "StakingRewardAboveBound")
        .withArgs(bound + 1n, bound);
    });

    it("refuses a zero stake and a stake too small for one share", async function () {
      const { liquidStaking, actors } = await loadFixture(rewardedFixture);
      await expect(
        liquidStaking.connect(actors.bob).stake({ value: 0n }),
      ).to.be.revertedWithCustomError(liquidStaking, "StakingZeroAmount");
      await expect(liquidStaking.connect(actors.bob).stake({ value: 1n }))
        .to.be.revertedWithCustomError(liquidStaking, "StakingZeroShares")
        .withArgs(1n);
    });
  });

  describe("report sniping", function () {
    it("gives a stake made a block before a report and withdrawn after it none of the report's reward", async function () {
      const { liquidStaking, actors } = await loadFixture(sandboxFixture);
      const { alice, bob, attacker, keeper } = actors;
      const lst = liquidStaking;
      // Held or admitted and still to claim: a withdrawal request delivers the latter first.
      const sharesOf = async (account: string) =>
        (await lst.balanceOf(account)) + (await lst.pendingDeposit(account))[2];

      // Setup: alice and bob stake 100 ETH between them, admitted by a report; a day then passes.
      const honest = [
        [alice, 60n * ONE],
        [bob, 40n * ONE],
      ] as const;
      for (const [who, eth] of honest) await lst.connect(who).stake({ value: eth });
      await lst.connect(keeper).report();
      const start = BigInt(await networkHelpers.time.latest());
      const staked = 100n * ONE;
      const reward = maxReward(staked, DAY); // the day's reward of the 100 ETH staked all day
      expect(reward, "100 ETH × 10% / 365").to.equal(27_397_260_273_972_602n);

      // The attack: stake a block before the keeper's report, leave right after it.
      const sniped = 1_000n * ONE;
      const attackerBefore = await ethers.provider.getBalance(attacker.address);
      let gas = 0n;
      await networkHelpers.time.setNextBlockTimestamp(start + DAY - 12n);
      gas += await feeOf(lst.connect(attacker).stake({ value: sniped }));
      await networkHelpers.time.setNextBlockTimestamp(start + DAY);
      await lst.connect(keeper).report({ value: reward });
      gas += await feeOf(lst.connect(attacker).requestWithdrawal(await sharesOf(attacker.address)));
      const requestId = await lst.requestCount();
      await networkHelpers.time.setNextBlockTimestamp(start + 2n * DAY);
      await lst.connect(keeper).report(); // reward-free, so the balances show the first day alone
      gas += await feeOf(lst.connect(attacker).claimWithdrawal(requestId));
      const attackerOut =
        (await ethers.provider.getBalance(attacker.address)) + gas - attackerBefore + sniped;

      // Closed form: the reward is booked on the 100 shares, then 1,000 ETH joins at the new rate
      // (shares floored) and leaves at once (ETH floored): the attacker gets back at most its stake.
      const pooled = staked + reward;
      const attackerShares = (sniped * staked) / pooled;
      const owed = (attackerShares * (pooled + sniped)) / (staked + attackerShares);
      const attackerGain = attackerOut - sniped;
      const proRata = (reward * sniped) / (staked + sniped);
      expect(
        attackerGain,
        `attacker put in ${formatEther(sniped)} ETH, took out ${formatEther(attackerOut)} ETH ` +
          `(a pro-rata share of the report would be ${formatEther(proRata)} ETH)`,
      ).to.equal(owed - sniped);
      expect(attackerGain <= 0n, "the attacker gains nothing").to.equal(true);
      expect(sniped - owed, "what rounding costs the attacker, in wei").to.be.lessThan(3n);

      // The honest stakers keep the whole reward, split by their shares at the period's start,
      // plus the few wei the attacker's rounding left in the pool.
      let honestGain = 0n;
      for (const [who, eth] of honest) {
        const value = await lst.convertToEthDown(await sharesOf(who.address));
        const share = (reward * eth) / staked;
        expect(value - eth, `${formatEther(share)} ETH of the reward for ${formatEther(eth)} ETH`)
          .to.be.at.least(share)
          .and.at.most(share + 2n);
        honestGain += value - eth;
      }
      expect(honestGain, "the honest stakers' share of the day's reward").to.be.within(
        reward + (sniped - owed) - 2n,
        reward + (sniped - owed),
      );
    });
  });

  describe("reports", function () {
    it("raises the ETH value of every share without changing any balance", async function () {
      const { liquidStaking, actors } = await loadFixture(stakedFixture);
      expect(await liquidStaking.ethPerShare()).to.equal(ONE);
      const sandbox = await loadFixture(rewardedFixture);
      expect(await sandbox.liquidStaking.balanceOf(actors.alice.address)).to.equal(100n * ONE);
      expect(await sandbox.liquidStaking.totalPooledEther()).to.equal((1005n * ONE) / 10n);
      expect(await sandbox.liquidStaking.ethPerShare()).to.equal((1005n * ONE) / 1000n);
      expect(await sandbox.liquidStaking.convertToEthDown(100n * ONE)).to.equal(
        (1005n * ONE) / 10n,
      );
    });

    it("implies no APR before a report has raised the rate", async function () {
      const { liquidStaking } = await loadFixture(stakedFixture);
      expect(await liquidStaking.impliedApr()).to.equal(0n);
    });

    it("reports the APR implied by the last two reports", async function () {
      const { liquidStaking } = await loadFixture(rewardedFixture);
      // The rate rose 0.5% in 30 days: 0.005 × 365 / 30 = 6.0833…%.
      const expected = (5n * ONE * YEAR) / (1000n * 30n * DAY);
      expect(await liquidStaking.impliedApr()).to.equal(expected);
      expect(expected).to.equal(60_833_333_333_333_333n);
    });

    it("emits the reward, the pool, the shares and the finalised queue", async function () {
      const { liquidStaking, actors, reportedAt } = await loadFixture(stakedFixture);
      await networkHelpers.time.setNextBlockTimestamp(reportedAt + DAY);
      await expect(liquidStaking.connect(actors.keeper).report({ value: ONE / 100n }))
        .to.emit(liquidStaking, "Reported")
        .withArgs(ONE / 100n, 100n * ONE + ONE / 100n, 100n * ONE, 0n)
        .and.not.to.emit(liquidStaking, "DepositsAdmitted");
    });

    it("accepts a reward at the bound and refuses one a wei above it", async function () {
      const { liquidStaking, actors, reportedAt } = await loadFixture(stakedFixture);
      const oracle = liquidStaking.connect(actors.keeper);
      const bound = maxReward(100n * ONE, DAY);
      expect(bound).to.equal(27_397_260_273_972_602n); // 100 ETH × 10% / 365
      await networkHelpers.time.setNextBlockTimestamp(reportedAt + DAY);
      await expect(oracle.report({ value: bound + 1n }))
        .to.be.revertedWithCustomError(liquidStaking, "StakingRewardAboveBound")
        .withArgs(bound + 1n, bound);
      await networkHelpers.time.setNextBlockTimestamp(reportedAt + DAY + 1n);
      const boundLater = maxReward(100n * ONE, DAY + 1n);
      await oracle.report({ value: boundLater });
      expect(await liquidStaking.totalPooledEther()).to.equal(100n * ONE + boundLater);
    });

    it("refuses a reward while nobody holds shares", async function () {
      const { liquidStaking, actors } = await loadFixture(sandboxFixture);
      await expect(liquidStaking.connect(actors.keeper).report({ value: 1n }))
        .to.be.revertedWithCustomError(liquidStaking, "StakingRewardWithoutShares")
        .withArgs(1n);
    });

    it("refuses a report from an account without the oracle role", async function () {
      const { liquidStaking, actors } = await loadFixture(stakedFixture);
      await expect(liquidStaking.connect(actors.alice).report({ value: 1n }))
        .to.be.revertedWithCustomError(liquidStaking, "AccessControlUnauthorizedAccount")
        .withArgs(actors.alice.address, ORACLE_ROLE);
    });
  });

  describe("withdrawal queue", function () {
    it("burns the shares and fixes the ETH owed at the rate of the request", async function () {
      const { liquidStaking, actors } = await loadFixture(rewardedFixture);
      const shares = 20n * ONE;
      const owed = (shares * 1005n) / 1000n; // 20.1 ETH
      await expect(liquidStaking.connect(actors.alice).requestWithdrawal(shares))
        .to.emit(liquidStaking, "WithdrawalRequested")
        .withArgs(1n, actors.alice.address, shares, owed);
      expect(await liquidStaking.balanceOf(actors.alice.address)).to.equal(80n * ONE);
      expect(await liquidStaking.queuedEther()).to.equal(owed);
      expect(await liquidStaking.totalPooledEther()).to.equal((1005n * ONE) / 10n - owed);
      expect(await liquidStaking.ethPerShare()).to.equal((1005n * ONE) / 1000n);
      expect(await liquidStaking.withdrawalRequest(1n)).to.deep.equal([
        actors.alice.address,
        owed,
        false,
        false,
      ]);
    });

    it("finalises requests first in, first out at the next report and pays each once to its owner", async function () {
      const { liquidStaking, actors } = await loadFixture(stakedFixture);
      const { alice, bob, keeper } = actors;
      await liquidStaking.connect(bob).stake({ value: 10n * ONE });
      await liquidStaking.connect(keeper).report();
      await liquidStaking.connect(alice).requestWithdrawal(30n * ONE);
      await liquidStaking.connect(bob).requestWithdrawal(4n * ONE);
      await expect(liquidStaking.connect(alice).claimWithdrawal(1n))
        .to.be.revertedWithCustomError(liquidStaking, "StakingRequestNotFinalized")
        .withArgs(1n, 0n);

      await liquidStaking.connect(keeper).report();
      await liquidStaking.connect(alice).requestWithdrawal(1n * ONE);
      expect(await liquidStaking.lastFinalizedId()).to.equal(2n);
      expect(await liquidStaking.requestCount()).to.equal(3n);
      await expect(liquidStaking.connect(alice).claimWithdrawal(3n))
        .to.be.revertedWithCustomError(liquidStaking, "StakingRequestNotFinalized")
        .withArgs(3n, 2n);

      await expect(liquidStaking.connect(alice).claimWithdrawal(2n))
        .to.be.revertedWithCustomError(liquidStaking, "StakingNotRequestOwner")
        .withArgs(2n, bob.address, alice.address);
      const bobClaim = liquidStaking.connect(bob).claimWithdrawal(2n);
      await expect(bobClaim)
        .to.emit(liquidStaking, "WithdrawalClaimed")
        .withArgs(2n, bob.address, 4n * ONE);
      await expect(bobClaim).to.changeEtherBalances(
        ethers,
        [bob, liquidStaking],
        [4n * ONE, -4n * ONE],
      );
      await expect(liquidStaking.connect(alice).claimWithdrawal(1n)).to.changeEtherBalances(
        ethers,
        [alice, liquidStaking],
        [30n * ONE, -30n * ONE],
      );
      await expect(liquidStaking.connect(alice).claimWithdrawal(1n))
        .to.be.revertedWithCustomError(liquidStaking, "StakingAlreadyClaimed")
        .withArgs(1n);
      expect(await liquidStaking.queuedEther()).to.equal(1n * ONE);
    });

    it("leaves rewards reported after a request to the shares still staked", async function () {
      const { liquidStaking, actors, reportedAt } = await loadFixture(stakedFixture);
      await liquidStaking.connect(actors.bob).stake({ value: 100n * ONE });
      await liquidStaking.connect(actors.keeper).report();
      await liquidStaking.connect(actors.bob).requestWithdrawal(100n * ONE);
      await networkHelpers.time.setNextBlockTimestamp(reportedAt + 30n * DAY);
      await liquidStaking.connect(actors.keeper).report({ value: ONE / 2n });
      const [, owed] = await liquidStaking.withdrawalRequest(1n);
      expect(owed).to.equal(100n * ONE);
      expect(await liquidStaking.convertToEthDown(100n * ONE)).to.equal((1005n * ONE) / 10n);
    });

    it("refuses an empty request, an unknown id and more shares than the caller holds", async function () {
      const { liquidStaking, actors } = await loadFixture(stakedFixture);
      const alice = liquidStaking.connect(actors.alice);
      await expect(alice.requestWithdrawal(0n)).to.be.revertedWithCustomError(
        liquidStaking,
        "StakingZeroAmount",
      );
      await expect(alice.claimWithdrawal(0n))
        .to.be.revertedWithCustomError(liquidStaking, "StakingUnknownRequest")
        .withArgs(0n, 0n);
      await expect(alice.claimWithdrawal(1n))
        .to.be.revertedWithCustomError(liquidStaking, "StakingUnknownRequest")
        .withArgs(1n, 0n);
      await expect(liquidStaking.withdrawalRequest(1n))
        .to.be.revertedWithCustomError(liquidStaking, "StakingUnknownRequest")
        .withArgs(1n, 0n);
      await expect(liquidStaking.connect(actors.bob).requestWithdrawal(ONE))
        .to.be.revertedWithCustomError(liquidStaking, "ERC20InsufficientBalance")
        .withArgs(actors.bob.address, 0n, ONE);
    });
  });

  describe("deployment and access control", function () {
    it("gives the timelock the admin role and the keeper the oracle role", async function () {
      const { liquidStaking, timelock, actors } = await loadFixture(sandboxFixture);
      expect(await liquidStaking.hasRole(DEFAULT_ADMIN_ROLE, await timelock.getAddress())).to.equal(
        true,
      );
      expect(await liquidStaking.hasRole(ORACLE_ROLE, actors.keeper.address)).to.equal(true);
      expect(await liquidStaking.maxAprBps()).to.equal(MAX_APR_BPS);
      expect(await liquidStaking.symbol()).to.equal("sbETH");
    });

    it("refuses role grants and revocations from an account without the admin role", async function () {
      const { liquidStaking, actors } = await loadFixture(sandboxFixture);
      const { attacker, keeper } = actors;
      await expect(liquidStaking.connect(attacker).grantRole(ORACLE_ROLE, attacker.address))
        .to.be.revertedWithCustomError(liquidStaking, "AccessControlUnauthorizedAccount")
        .withArgs(attacker.address, DEFAULT_ADMIN_ROLE);
      await expect(liquidStaking.connect(attacker).revokeRole(ORACLE_ROLE, keeper.address))
        .to.be.revertedWithCustomError(liquidStaking, "AccessControlUnauthorizedAccount")
        .withArgs(attacker.address, DEFAULT_ADMIN_ROLE);
    });

    it("refuses to deploy without an admin or oracle, or with a bound of zero or above 100%", async function () {
      const { actors } = await loadFixture(sandboxFixture);
      const factory = await ethers.getContractFactory("LiquidStaking");
      const admin = actors.deployer.address;
      await expect(
        factory.deploy(ethers.ZeroAddress, admin, MAX_APR_BPS),
      ).to.be.revertedWithCustomError(factory, "StakingZeroAddress");
      await expect(
        factory.deploy(admin, ethers.ZeroAddress, MAX_APR_BPS),
      ).to.be.revertedWithCustomError(factory, "StakingZeroAddress");
      await expect(factory.deploy(admin, admin, 0n))
        .to.be.revertedWithCustomError(factory, "StakingInvalidMaxApr")
        .withArgs(0n, BPS);
      await expect(factory.deploy(admin, admin, BPS + 1n))
        .to.be.revertedWithCustomError(factory, "StakingInvalidMaxApr")
        .withArgs(BPS + 1n, BPS);
    });
  });
});
