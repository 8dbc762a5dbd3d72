import { expect } from "chai";

import {
  REPORTER_ACCOUNTS,
  REPORTER_MAX_DEVIATION_BPS,
  REPORTER_QUORUM,
  REPORTER_WINDOW,
  START_PRICES,
} from "../../../ignition/modules/Lending.js";
import { ownerSigner } from "../../helpers/admin.js";
import { ethers, networkHelpers } from "../../helpers/connection.js";
import { sandboxFixture } from "../../helpers/fixtures.js";

const WAD = 10n ** 18n;

/** The sandbox's reporter oracle and its three reporters (a helper: it changes no state). */
async function loadReporters() {
  const sandbox = await networkHelpers.loadFixture(sandboxFixture);
  const signers = await ethers.getSigners();
  const reporters = REPORTER_ACCOUNTS.map((i) => signers[i]);
  return { ...sandbox, reporters, oracle: sandbox.reporterOracle };
}

describe("ReporterOracle", function () {
  it("publishes the sandbox's starting prices with a quorum of two in three reporters", async function () {
    const { oracle, weth, usdc, reporters } = await loadReporters();
    expect(await oracle.reporters()).to.deep.equal(reporters.map((r) => r.address));
    expect(await oracle.quorum()).to.equal(REPORTER_QUORUM);
    expect(await oracle.maxDeviationBps()).to.equal(REPORTER_MAX_DEVIATION_BPS);
    expect(await oracle.submissionWindow()).to.equal(REPORTER_WINDOW);
    expect((await oracle.getPrice(await weth.getAddress()))[0]).to.equal(START_PRICES.weth);
    expect((await oracle.getPrice(await usdc.getAddress()))[0]).to.equal(START_PRICES.usdc);
  });

  it("publishes the median of the fresh submissions", async function () {
    const { oracle, weth, reporters } = await loadReporters();
    const asset = await weth.getAddress();
    await networkHelpers.time.increase(REPORTER_WINDOW + 1n);
    // Alone, a fresh submission is below the quorum: the old price stays.
    await oracle.connect(reporters[0]).submit(asset, 2_100n * WAD);
    expect((await oracle.getPrice(asset))[0]).to.equal(2_000n * WAD);
    // Two fresh: the mean of the two middle values.
    await expect(oracle.connect(reporters[1]).submit(asset, 2_050n * WAD))
      .to.emit(oracle, "PriceUpdated")
      .withArgs(asset, 2_075n * WAD, 2n);
    // Three fresh: the middle one.
    await oracle.connect(reporters[2]).submit(asset, 1_900n * WAD);
    const [price, updatedAt] = await oracle.getPrice(asset);
    expect(price).to.equal(2_050n * WAD);
    expect(updatedAt).to.equal(BigInt(await networkHelpers.time.latest()));
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

  it("reverts a submission further than the deviation bound from the published price", async function () {
    const { oracle, weth, reporters } = await loadReporters();
    const asset = await weth.getAddress();
    const price = 2_200n * WAD + 1n;
    await expect(oracle.connect(reporters[0]).submit(asset, price))
      .to.be.revertedWithCustomError(oracle, "OracleDeviationTooLarge")
      .withArgs(asset, price, 2_000n * WAD, REPORTER_MAX_DEVIATION_BPS);
    await expect(oracle.connect(reporters[0]).submit(asset, 1_800n * WAD - 1n))
      .to.be.revertedWithCustomError(oracle, "OracleDeviationTooLarge")
      .withArgs(asset, 1_800n * WAD - 1n, 2_000n * WAD, REPORTER_MAX_DEVIATION_BPS);
  });

  it("reverts submissions from strangers and zero prices, and reads of unknown assets", async function () {
    const { oracle, weth, reward, reporters, actors } = await loadReporters();
    const { attacker } = actors;
    await expect(oracle.connect(attacker).submit(await weth.getAddress(), WAD))
      .to.be.revertedWithCustomError(oracle, "OracleNotReporter")
      .withArgs(attacker.address);
    await expect(oracle.connect(reporters[0]).submit(await weth.getAddress(), 0n))
      .to.be.revertedWithCustomError(oracle, "OracleZeroPrice")
      .withArgs(await weth.getAddress());
    await expect(oracle.getPrice(await reward.getAddress()))
      .to.be.revertedWithCustomError(oracle, "OracleUnsupportedAsset")
      .withArgs(await reward.getAddress());
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
    await oracle.setQuorum(4n);
    await expect(oracle.removeReporter(newcomer.address))
      .to.be.revertedWithCustomError(oracle, "OracleInvalidQuorum")
      .withArgs(4n, 3n);
    await oracle.setQuorum(2n);
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
});
