import { expect } from "chai";

import {
  REPORTER_ACCOUNTS,
  REPORTER_MAX_DEVIATION_BPS,
  REPORTER_QUORUM,
  REPORTER_WINDOW,
  START_PRICES,
} from "../../../ignition/modules/Lending.js";
import { ownerSigner } from "../../helpers/admin.js";
import { ethers, loadFixture, networkHelpers } from "../../helpers/connection.js";
import { sandboxFixture } from "../../helpers/fixtures.js";

const WAD = 10n ** 18n;

/** The sandbox's reporter oracle and its three reporters (a helper: it changes no state). */
async function loadReporters() {
  const sandbox = await loadFixture(sandboxFixture);
  const signers = await ethers.getSigners();
  const reporters = REPORTER_ACCOUNTS.map((i) => signers[i]);
  return { ...sandbox, reporters, oracle: sandbox.reporterOracle };
}

describe("ReporterOracle", function () {
  it("publishes the sandbox's starting prices with a quorum of three in three reporters", async function () {
    const { oracle, weth, usdc, reward, reporters } = await loadReporters();
    expect(await oracle.reporters()).to.deep.equal(reporters.map((r) => r.address));
    expect(await oracle.quorum()).to.equal(REPORTER_QUORUM);
    expect(await oracle.maxDeviationBps()).to.equal(REPORTER_MAX_DEVIATION_BPS);
    expect(await oracle.submissionWindow()).to.equal(REPORTER_WINDOW);
    expect((await oracle.getPrice(await weth.getAddress()))[0]).to.equal(START_PRICES.weth);
    expect((await oracle.getPrice(await usdc.getAddress()))[0]).to.equal(START_PRICES.usdc);
    expect((await oracle.getPrice(await reward.getAddress()))[0]).to.equal(START_PRICES.reward);
  });

  it("publishes the median of the fresh submissions, and nothing below the quorum", async function () {
    const { oracle, weth, reporters } = await loadReporters();
    const asset = await weth.getAddress();
    await networkHelpers.time.increase(REPORTER_WINDOW + 1n);
    // One and two fresh submissions are below the quorum of three: the old price stays.
    await oracle.connect(reporters[0]).submit(asset, 2_100n * WAD);
    await expect(oracle.connect(reporters[1]).submit(asset, 2_050n * WAD)).not.to.emit(
      oracle,
      "PriceUpdated",
    );
    expect((await oracle.getPrice(asset))[0]).to.equal(2_000n * WAD);
    // Three fresh: the middle one.
    await expect(oracle.connect(reporters[2]).submit(asset, 1_900n * WAD))
      .to.emit(oracle, "PriceUpdated")
      .withArgs(asset, 2_050n * WAD, 3n);
    const [price, updatedAt] = await oracle.getPrice(asset);
    expect(price).to.equal(2_050n * WAD);
    expect(updatedAt).to.equal(BigInt(await networkHelpers.time.latest()));
  });

  it("publishes the mean of the two middle submissions for an even count above the quorum", async function () {
    const { actors } = await loadReporters();
    const signers = await ethers.getSigners();
    const five = signers.slice(10, 15);
    const oracle = await ethers.deployContract("ReporterOracle", [
      actors.deployer.address,
      five.map((s) => s.address),
      3n,
      REPORTER_MAX_DEVIATION_BPS,
      REPORTER_WINDOW,
    ]);
    const asset = ethers.Wallet.createRandom().address;
    const prices = [2_000n, 2_040n, 1_990n, 2_010n].map((p) => p * WAD);
    for (let i = 0; i < 3; i++) await oracle.connect(five[i]).submit(asset, prices[i]);
    expect((await oracle.getPrice(asset))[0]).to.equal(2_000n * WAD);
    // Sorted: 1,990 2,000 2,010 2,040: the middle two average to 2,005.
    await expect(oracle.connect(five[3]).submit(asset, prices[3]))
      .to.emit(oracle, "PriceUpdated")
      .withArgs(asset, 2_005n * WAD, 4n);
  });

  it("keeps a single compromised reporter from moving the price", async function () {
    const { oracle, weth, reporters } = await loadReporters();
    const asset = await weth.getAddress();
    // The attacker pushes +10%, the most allowed; the honest two report $2,000: median $2,000.
    await oracle.connect(reporters[0]).submit(asset, 2_200n * WAD);
    await oracle.connect(reporters[1]).submit(asset, 2_000n * WAD);
    await oracle.connect(reporters[2]).submit(asset, 2_000n * WAD);
    expect((await oracle.getPrice(asset))[0]).to.equal(2_000n * WAD);
  });

  it("reverts a submission further than the deviation bound from the window's reference price", async function () {
    const { oracle, weth, reporters } = await loadReporters();
    const asset = await weth.getAddress();
    // The first price became the first reference, from the moment it was published.
    expect(await oracle.referencePrice(asset)).to.deep.equal([
      2_000n * WAD,
      (await oracle.getPrice(asset))[1],
    ]);
    const price = 2_200n * WAD + 1n;
    await expect(oracle.connect(reporters[0]).submit(asset, price))
      .to.be.revertedWithCustomError(oracle, "OracleDeviationTooLarge")
      .withArgs(asset, price, 2_000n * WAD, REPORTER_MAX_DEVIATION_BPS);
    await expect(oracle.connect(reporters[0]).submit(asset, 1_800n * WAD - 1n))
      .to.be.revertedWithCustomError(oracle, "OracleDeviationTooLarge")
      .withArgs(asset, 1_800n * WAD - 1n, 2_000n * WAD, REPORTER_MAX_DEVIATION_BPS);
  });

  it("reverts submissions from strangers and zero prices, and reads of unknown assets", async function () {
    const { oracle, weth, pairWethUsdc, reporters, actors } = await loadReporters();
    const { attacker } = actors;
    await expect(oracle.connect(attacker).submit(await weth.getAddress(), WAD))
      .to.be.revertedWithCustomError(oracle, "OracleNotReporter")
      .withArgs(attacker.address);
    await expect(oracle.connect(reporters[0]).submit(await weth.getAddress(), 0n))
      .to.be.revertedWithCustomError(oracle, "OracleZeroPrice")
      .withArgs(await weth.getAddress());
    await expect(oracle.getPrice(await pairWethUsdc.getAddress()))
      .to.be.revertedWithCustomError(oracle, "OracleUnsupportedAsset")
      .withArgs(await pairWethUsdc.getAddress());
  });

  it("lets the owner manage reporters, quorum, deviation and window within bounds", async function () {
    const { oracle: deployed, reporters, actors } = await loadReporters();
    const oracle = deployed.connect(await ownerSigner(deployed));
    const newcomer = actors.dave;
    await expect(oracle.addReporter(newcomer.address))
      .to.emit(oracle, "ReporterAdded")
      .withArgs(newcomer.address);
    await expect(oracle.addReporter(newcomer.address))
      .to.be.revertedWithCustomError(oracle, "OracleReporterAlreadyAdded")
      .withArgs(newcomer.address);
    await expect(oracle.setQuorum(5n))
      .to.be.revertedWithCustomError(oracle, "OracleInvalidQuorum")
      .withArgs(5n, 4n);
    await expect(oracle.setQuorum(0n))
      .to.be.revertedWithCustomError(oracle, "OracleInvalidQuorum")
      .withArgs(0n, 4n);
    await expect(oracle.setQuorum(2n))
      .to.be.revertedWithCustomError(oracle, "OracleEvenQuorum")
      .withArgs(2n);
    await expect(oracle.setQuorum(4n))
      .to.be.revertedWithCustomError(oracle, "OracleEvenQuorum")
      .withArgs(4n);
    await expect(oracle.removeReporter(newcomer.address))
      .to.emit(oracle, "ReporterRemoved")
      .withArgs(newcomer.address);
    await expect(oracle.removeReporter(reporters[0].address))
      .to.be.revertedWithCustomError(oracle, "OracleInvalidQuorum")
      .withArgs(3n, 2n);
    await expect(oracle.setQuorum(1n)).to.emit(oracle, "QuorumSet").withArgs(1n);
    await expect(oracle.removeReporter(reporters[0].address))
      .to.emit(oracle, "ReporterRemoved")
      .withArgs(reporters[0].address);
    expect(await oracle.isReporter(reporters[0].address)).to.equal(false);
    await expect(oracle.removeReporter(reporters[0].address))
      .to.be.revertedWithCustomError(oracle, "OracleNotReporter")
      .withArgs(reporters[0].address);
    await expect(oracle.setMaxDeviation(0n))
      .to.be.revertedWithCustomError(oracle, "OracleInvalidMaxDeviation")
      .withArgs(0n);
    await expect(oracle.setMaxDeviation(10_001n))
      .to.be.revertedWithCustomError(oracle, "OracleInvalidMaxDeviation")
      .withArgs(10_001n);
    await expect(oracle.setMaxDeviation(500n)).to.emit(oracle, "MaxDeviationSet").withArgs(500n);
    await expect(oracle.setSubmissionWindow(0n))
      .to.be.revertedWithCustomError(oracle, "OracleInvalidSubmissionWindow")
      .withArgs(0n);
    await expect(oracle.setSubmissionWindow(60n))
      .to.emit(oracle, "SubmissionWindowSet")
      .withArgs(60n);
  });

  it("refuses more than nine reporters and a zero address", async function () {
    const { actors } = await loadReporters();
    const signers = await ethers.getSigners();
    const factory = await ethers.getContractFactory("ReporterOracle");
    const ten = signers.slice(0, 10).map((s) => s.address);
    await expect(factory.deploy(actors.deployer.address, ten, 1n, 100n, 60n))
      .to.be.revertedWithCustomError(factory, "OracleTooManyReporters")
      .withArgs(9n);
    await expect(factory.deploy(actors.deployer.address, [ethers.ZeroAddress], 1n, 100n, 60n))
      .to.be.revertedWithCustomError(factory, "OracleNotReporter")
      .withArgs(ethers.ZeroAddress);
    await expect(factory.deploy(actors.deployer.address, ten.slice(0, 2), 2n, 100n, 60n))
      .to.be.revertedWithCustomError(factory, "OracleEvenQuorum")
      .withArgs(2n);
  });

  it("refuses every owner function to anyone else", async function () {
    const { oracle, reporters, actors } = await loadReporters();
    const { attacker } = actors;
    const asAttacker = oracle.connect(attacker);
    for (const call of [
      () => asAttacker.addReporter(attacker.address),
      () => asAttacker.removeReporter(reporters[0].address),
      () => asAttacker.setQuorum(1n),
      () => asAttacker.setMaxDeviation(10_000n),
      () => asAttacker.setSubmissionWindow(1n),
      () => asAttacker.transferOwnership(attacker.address),
    ]) {
      await expect(call())
        .to.be.revertedWithCustomError(oracle, "OwnableUnauthorizedAccount")
        .withArgs(attacker.address);
    }
  });

  describe("under attack", function () {
    const USDC = 10n ** 6n;
    const TEN_WETH = 10n * WAD;
    /** Bob's borrow at his limit: 75% of 10 WETH at $2,000. His health factor: 16,000 / 15,000. */
    const BOB_DEBT = 15_000n * USDC;

    /**
     * The sandbox market on its reporter oracle. Bob supplies 10 WETH and borrows 15,000 USDC (health
     * factor 1.067); then, an hour later, the three reporters report $2,000 again, ten minutes apart.
     * The attacker holds the third reporter's key (and, in the last test, the second's) and
     * liquidates as soon as the market lets it.
     */
    async function borrowerAndReportersFixture() {
      const f = await loadReporters();
      const { lendingMarket, weth, usdc, actors, reporters } = f;
      const { bob, attacker } = actors;
      const market = await lendingMarket.getAddress();
      await weth.connect(bob).approve(market, TEN_WETH);
      await lendingMarket.connect(bob).supply(await weth.getAddress(), TEN_WETH);
      await lendingMarket.connect(bob).borrow(await usdc.getAddress(), BOB_DEBT, bob.address);
      await usdc.connect(attacker).approve(market, ethers.MaxUint256);
      await networkHelpers.time.increase(REPORTER_WINDOW);
      for (const reporter of reporters) {
        for (const token of [usdc, weth]) {
          await f.oracle
            .connect(reporter)
            .submit(await token.getAddress(), await priceOf(f, token));
        }
        await networkHelpers.time.increase(600);
      }
      return f;
    }

    async function priceOf(
      f: Awaited<ReturnType<typeof loadReporters>>,
      token: { getAddress(): Promise<string> },
    ): Promise<bigint> {
      return (await f.oracle.getPrice(await token.getAddress()))[0];
    }

    it("one compromised reporter of three, spamming at the window's rollover, moves nothing and liquidates nobody", async function () {
      const f = await loadFixture(borrowerAndReportersFixture);
      const { oracle, lendingMarket, weth, usdc, actors, reporters } = f;
      const { bob, attacker } = actors;
      const asset = await weth.getAddress();
      const compromised = reporters[2];
      const attackerUsdc = await usdc.balanceOf(attacker.address);
      const bobCollateral = await lendingMarket.supplyBalanceOf(bob.address, asset);
      // The first honest report is now stale, the second still fresh: with a quorum of two the
      // attacker's reports would be the second fresh one and set half the median.
      await networkHelpers.time.setNextBlockTimestamp(
        (await oracle.submissions(asset, reporters[0]))[1] + REPORTER_WINDOW + 1n,
      );
      // Each report 10% below the published price, the most a bound on single updates allowed: with
      // a two-of-three median, ten of them walked WETH to $1,818 and liquidated bob.
      let published = await priceOf(f, weth);
      for (let i = 0; i < 10; i++) {
        await oracle.connect(compromised).submit(asset, (published * 9n) / 10n);
        published = await priceOf(f, weth);
      }
      expect(published, "WETH's published price").to.equal(2_000n * WAD);
      await expect(
        lendingMarket
          .connect(attacker)
          .liquidate(bob.address, await usdc.getAddress(), asset, BOB_DEBT / 2n),
        "bob is still healthy",
      )
        .to.be.revertedWithCustomError(lendingMarket, "LendingAccountHealthy")
        .withArgs(bob.address, (hf: bigint) => hf > WAD);
      expect(await usdc.balanceOf(attacker.address), "attacker's USDC").to.equal(attackerUsdc);
      expect(await lendingMarket.supplyBalanceOf(bob.address, asset), "bob's WETH").to.equal(
        bobCollateral,
      );
    });

    it("one compromised reporter at the edge of the bound leaves the median between the honest two", async function () {
      const f = await loadFixture(borrowerAndReportersFixture);
      const { oracle, weth, reporters } = f;
      const asset = await weth.getAddress();
      await oracle.connect(reporters[0]).submit(asset, 2_000n * WAD);
      await oracle.connect(reporters[1]).submit(asset, 1_990n * WAD);
      await oracle.connect(reporters[2]).submit(asset, 1_800n * WAD);
      expect(await priceOf(f, weth)).to.equal(1_990n * WAD);
      await oracle.connect(reporters[2]).submit(asset, 2_200n * WAD);
      expect(await priceOf(f, weth)).to.equal(2_000n * WAD);
    });

    it("two colluding reporters of three move the price one 10% step, enough to liquidate, and then the feed stalls", async function () {
      const f = await loadFixture(borrowerAndReportersFixture);
      const { oracle, lendingMarket, weth, usdc, actors, reporters } = f;
      const { bob, attacker } = actors;
      const asset = await weth.getAddress();
      const [honest, stolen1, stolen2] = reporters;
      const floor = 1_800n * WAD;
      for (let i = 0; i < 10; i++) {
        await oracle.connect(stolen1).submit(asset, floor);
        await oracle.connect(stolen2).submit(asset, floor);
      }
      await expect(oracle.connect(stolen1).submit(asset, floor - 1n))
        .to.be.revertedWithCustomError(oracle, "OracleDeviationTooLarge")
        .withArgs(asset, floor - 1n, 2_000n * WAD, REPORTER_MAX_DEVIATION_BPS);
      expect(await priceOf(f, weth), "ten reports each: one step").to.equal(floor);
      // At $1,800 bob's health factor is 14,400 / 15,000 = 0.96: the false price liquidates him.
      const usdcBefore = await usdc.balanceOf(attacker.address);
      const wethBefore = await lendingMarket.supplyBalanceOf(attacker.address, asset);
      await lendingMarket
        .connect(attacker)
        .liquidate(bob.address, await usdc.getAddress(), asset, BOB_DEBT / 2n);
      expect(await usdc.balanceOf(attacker.address)).to.equal(usdcBefore - BOB_DEBT / 2n);
      // 7,500 USDC of debt at $1,800 a WETH plus the 10% bonus: 4.58333… WETH.
      expect(
        (await lendingMarket.supplyBalanceOf(attacker.address, asset)) - wethBefore,
        "WETH seized",
      ).to.equal((7_500n * WAD * 11_000n) / (1_800n * 10_000n));
      // A window later the honest $2,000 is outside the bound of the new reference ($1,800), and
      // without a third fresh report the pair publishes nothing: the price stalls and goes stale.
      await networkHelpers.time.increase(REPORTER_WINDOW);
      await expect(oracle.connect(honest).submit(asset, 2_000n * WAD))
        .to.be.revertedWithCustomError(oracle, "OracleDeviationTooLarge")
        .withArgs(asset, 2_000n * WAD, floor, REPORTER_MAX_DEVIATION_BPS);
      await oracle.connect(stolen1).submit(asset, 1_620n * WAD);
      await oracle.connect(stolen2).submit(asset, 1_620n * WAD);
      expect(await priceOf(f, weth), "no third fresh report").to.equal(floor);
    });

    it("a colluding majority of five moves the price at most 10% a window, however many reports it sends", async function () {
      const { actors } = await loadReporters();
      const five = (await ethers.getSigners()).slice(10, 15);
      const oracle = await ethers.deployContract("ReporterOracle", [
        actors.deployer.address,
        five.map((s) => s.address),
        3n,
        REPORTER_MAX_DEVIATION_BPS,
        REPORTER_WINDOW,
      ]);
      const asset = ethers.Wallet.createRandom().address;
      for (const reporter of five) await oracle.connect(reporter).submit(asset, 2_000n * WAD);
      const colluders = five.slice(0, 3);
      let expected = 2_000n * WAD;
      for (let window = 1; window <= 3; window++) {
        const [reference] = await oracle.referencePrice(asset);
        const floor = reference - (reference * REPORTER_MAX_DEVIATION_BPS) / 10_000n;
        for (let i = 0; i < 10; i++) {
          for (const colluder of colluders) await oracle.connect(colluder).submit(asset, floor);
        }
        await expect(oracle.connect(colluders[0]).submit(asset, floor - 1n))
          .to.be.revertedWithCustomError(oracle, "OracleDeviationTooLarge")
          .withArgs(asset, floor - 1n, reference, REPORTER_MAX_DEVIATION_BPS);
        expected = (expected * 9n) / 10n;
        expect((await oracle.getPrice(asset))[0], `after window ${window}`).to.equal(expected);
        await networkHelpers.time.increase(REPORTER_WINDOW);
      }
      expect(expected, "2,000 × 0.9³").to.equal(1_458n * WAD);
    });
  });
});
