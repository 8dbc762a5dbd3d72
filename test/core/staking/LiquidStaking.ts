import { expect } from "chai";
import { id } from "ethers";

import { MAX_APR_BPS } from "../../../ignition/modules/LiquidStaking.js";
import { ethers, networkHelpers } from "../../helpers/connection.js";
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

/**
 * Alice stakes 100 ETH, then the oracle (keeper) sends a reward-free report that starts the
 * reporting clock at a known time.
 */
async function stakedFixture() {
  const sandbox = await networkHelpers.loadFixture(sandboxFixture);
  const { liquidStaking, actors } = sandbox;
  await liquidStaking.connect(actors.alice).stake({ value: 100n * ONE });
  await liquidStaking.connect(actors.keeper).report();
  const reportedAt = BigInt(await networkHelpers.time.latest());
  return { ...sandbox, reportedAt };
}

/** The stake above plus a 0.5 ETH reward reported exactly 30 days after the first report. */
async function rewardedFixture() {
  const sandbox = await networkHelpers.loadFixture(stakedFixture);
  const { liquidStaking, actors, reportedAt } = sandbox;
  await networkHelpers.time.setNextBlockTimestamp(reportedAt + 30n * DAY);
  await liquidStaking.connect(actors.keeper).report({ value: ONE / 2n });
  return sandbox;
}

describe("LiquidStaking", function () {
  describe("staking", function () {
    it("mints shares one for one while the rate is at its start", async function () {
      const { liquidStaking, actors } = await networkHelpers.loadFixture(sandboxFixture);
      const stake = 3n * ONE;
      const tx = liquidStaking.connect(actors.bob).stake({ value: stake });
      await expect(tx).to.emit(liquidStaking, "Staked").withArgs(actors.bob.address, stake, stake);
      await expect(tx).to.changeEtherBalances(ethers, [actors.bob, liquidStaking], [-stake, stake]);
      expect(await liquidStaking.balanceOf(actors.bob.address)).to.equal(stake);
      expect(await liquidStaking.ethPerShare()).to.equal(ONE);
    });

    it("mints shares at the current rate, rounded down, once rewards have raised it", async function () {
      const { liquidStaking, actors } = await networkHelpers.loadFixture(rewardedFixture);
      // 100 shares back 100.5 ETH: 10.05 ETH buys exactly 10 shares, 1 ETH buys 100/100.5 of one.
      await liquidStaking.connect(actors.bob).stake({ value: (1005n * ONE) / 100n });
      expect(await liquidStaking.balanceOf(actors.bob.address)).to.equal(10n * ONE);
      await liquidStaking.connect(actors.carol).stake({ value: ONE });
      expect(await liquidStaking.balanceOf(actors.carol.address)).to.equal(
        (ONE * (110n * ONE)) / ((11055n * ONE) / 100n),
      );
    });

    it("refuses a zero stake and a stake too small for one share", async function () {
      const { liquidStaking, actors } = await networkHelpers.loadFixture(rewardedFixture);
      await expect(
        liquidStaking.connect(actors.bob).stake({ value: 0n }),
      ).to.be.revertedWithCustomError(liquidStaking, "StakingZeroAmount");
      await expect(liquidStaking.connect(actors.bob).stake({ value: 1n }))
        .to.be.revertedWithCustomError(liquidStaking, "StakingZeroShares")
        .withArgs(1n);
    });
  });

  describe("reports", function () {
    it("raises the ETH value of every share without changing any balance", async function () {
      const { liquidStaking, actors } = await networkHelpers.loadFixture(stakedFixture);
      expect(await liquidStaking.ethPerShare()).to.equal(ONE);
      const sandbox = await networkHelpers.loadFixture(rewardedFixture);
      expect(await sandbox.liquidStaking.balanceOf(actors.alice.address)).to.equal(100n * ONE);
      expect(await sandbox.liquidStaking.totalPooledEther()).to.equal((1005n * ONE) / 10n);
      expect(await sandbox.liquidStaking.ethPerShare()).to.equal((1005n * ONE) / 1000n);
      expect(await sandbox.liquidStaking.convertToEthDown(100n * ONE)).to.equal(
        (1005n * ONE) / 10n,
      );
    });

    it("implies no APR before a report has raised the rate", async function () {
      const { liquidStaking } = await networkHelpers.loadFixture(stakedFixture);
      expect(await liquidStaking.impliedApr()).to.equal(0n);
    });

    it("reports the APR implied by the last two reports", async function () {
      const { liquidStaking } = await networkHelpers.loadFixture(rewardedFixture);
      // The rate rose 0.5% in 30 days: 0.005 × 365 / 30 = 6.0833…%.
      const expected = (5n * ONE * YEAR) / (1000n * 30n * DAY);
      expect(await liquidStaking.impliedApr()).to.equal(expected);
      expect(expected).to.equal(60_833_333_333_333_333n);
    });

    it("emits the reward, the pool, the shares and the finalised queue", async function () {
      const { liquidStaking, actors, reportedAt } = await networkHelpers.loadFixture(stakedFixture);
      await networkHelpers.time.setNextBlockTimestamp(reportedAt + DAY);
      await expect(liquidStaking.connect(actors.keeper).report({ value: ONE / 100n }))
        .to.emit(liquidStaking, "Reported")
        .withArgs(ONE / 100n, 100n * ONE + ONE / 100n, 100n * ONE, 0n);
    });

    it("accepts a reward at the bound and refuses one a wei above it", async function () {
      const { liquidStaking, actors, reportedAt } = await networkHelpers.loadFixture(stakedFixture);
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
      const { liquidStaking, actors } = await networkHelpers.loadFixture(sandboxFixture);
      await expect(liquidStaking.connect(actors.keeper).report({ value: 1n }))
        .to.be.revertedWithCustomError(liquidStaking, "StakingRewardWithoutShares")
        .withArgs(1n);
    });

    it("refuses a report from an account without the oracle role", async function () {
      const { liquidStaking, actors } = await networkHelpers.loadFixture(stakedFixture);
      await expect(liquidStaking.connect(actors.alice).report({ value: 1n }))
        .to.be.revertedWithCustomError(liquidStaking, "AccessControlUnauthorizedAccount")
        .withArgs(actors.alice.address, ORACLE_ROLE);
    });
  });

  describe("withdrawal queue", function () {
    it("burns the shares and fixes the ETH owed at the rate of the request", async function () {
      const { liquidStaking, actors } = await networkHelpers.loadFixture(rewardedFixture);
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
      const { liquidStaking, actors } = await networkHelpers.loadFixture(stakedFixture);
      const { alice, bob, keeper } = actors;
      await liquidStaking.connect(bob).stake({ value: 10n * ONE });
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
      const { liquidStaking, actors, reportedAt } = await networkHelpers.loadFixture(stakedFixture);
      await liquidStaking.connect(actors.bob).stake({ value: 100n * ONE });
      await liquidStaking.connect(actors.bob).requestWithdrawal(100n * ONE);
      await networkHelpers.time.setNextBlockTimestamp(reportedAt + 30n * DAY);
      await liquidStaking.connect(actors.keeper).report({ value: ONE / 2n });
      const [, owed] = await liquidStaking.withdrawalRequest(1n);
      expect(owed).to.equal(100n * ONE);
      expect(await liquidStaking.convertToEthDown(100n * ONE)).to.equal((1005n * ONE) / 10n);
    });

    it("refuses an empty request, an unknown id and more shares than the caller holds", async function () {
      const { liquidStaking, actors } = await networkHelpers.loadFixture(stakedFixture);
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
      const { liquidStaking, timelock, actors } = await networkHelpers.loadFixture(sandboxFixture);
      expect(await liquidStaking.hasRole(DEFAULT_ADMIN_ROLE, await timelock.getAddress())).to.equal(
        true,
      );
      expect(await liquidStaking.hasRole(ORACLE_ROLE, actors.keeper.address)).to.equal(true);
      expect(await liquidStaking.maxAprBps()).to.equal(MAX_APR_BPS);
      expect(await liquidStaking.symbol()).to.equal("sbETH");
    });

    it("refuses role grants and revocations from an account without the admin role", async function () {
      const { liquidStaking, actors } = await networkHelpers.loadFixture(sandboxFixture);
      const { attacker, keeper } = actors;
      await expect(liquidStaking.connect(attacker).grantRole(ORACLE_ROLE, attacker.address))
        .to.be.revertedWithCustomError(liquidStaking, "AccessControlUnauthorizedAccount")
        .withArgs(attacker.address, DEFAULT_ADMIN_ROLE);
      await expect(liquidStaking.connect(attacker).revokeRole(ORACLE_ROLE, keeper.address))
        .to.be.revertedWithCustomError(liquidStaking, "AccessControlUnauthorizedAccount")
        .withArgs(attacker.address, DEFAULT_ADMIN_ROLE);
    });

    it("refuses to deploy without an admin or oracle, or with a bound of zero or above 100%", async function () {
      const { actors } = await networkHelpers.loadFixture(sandboxFixture);
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
