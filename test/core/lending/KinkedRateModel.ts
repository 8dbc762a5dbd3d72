import { expect } from "chai";

import { ethers, loadFixture } from "../../helpers/connection.js";

const WAD = 10n ** 18n;
const YEAR = 365n * 24n * 3600n;
// Annual figures: 2% base, 10% slope below the kink, 100% slope above it, kink at 80% utilization.
const BASE_APR = (2n * WAD) / 100n;
const SLOPE1_APR = (10n * WAD) / 100n;
const SLOPE2_APR = WAD;
const KINK = (80n * WAD) / 100n;
const RESERVE_FACTOR_BPS = 1_000n;

async function rateModelFixture() {
  const model = await ethers.deployContract("KinkedRateModel", [
    BASE_APR,
    SLOPE1_APR,
    SLOPE2_APR,
    KINK,
  ]);
  return { model };
}

// Closed form of the kinked model with the per-second figures (each annual figure / 365 days, floored).
const base = BASE_APR / YEAR;
const slope1 = SLOPE1_APR / YEAR;
const slope2 = SLOPE2_APR / YEAR;
function expectedBorrowRate(u: bigint): bigint {
  if (u <= KINK) return base + (u * slope1) / WAD;
  return base + (KINK * slope1) / WAD + ((u - KINK) * slope2) / WAD;
}

// cash, borrows, reserves (whole tokens), utilization (%), borrow APR (basis points, from the annual figures)
const TABLE: [bigint, bigint, bigint, bigint, bigint][] = [
  [100n, 0n, 0n, 0n, 200n],
  [75n, 25n, 0n, 25n, 450n],
  [50n, 50n, 0n, 50n, 700n],
  [20n, 80n, 0n, 80n, 1_000n],
  [10n, 90n, 0n, 90n, 2_000n],
  [5n, 95n, 0n, 95n, 2_500n],
  [0n, 100n, 0n, 100n, 3_000n],
  [15n, 90n, 5n, 90n, 2_000n],
];

describe("KinkedRateModel", function () {
  it("stores the annual figures as per-second rates rounded down", async function () {
    const { model } = await loadFixture(rateModelFixture);
    expect(await model.baseRatePerSecond()).to.equal(634_195_839n);
    expect(await model.slope1PerSecond()).to.equal(3_170_979_198n);
    expect(await model.slope2PerSecond()).to.equal(31_709_791_983n);
    expect(await model.kink()).to.equal(KINK);
  });

  for (const [cash, borrows, reserves, uPercent, aprBps] of TABLE) {
    it(`matches the closed form at ${uPercent}% utilization (${cash} cash, ${borrows} borrowed, ${reserves} reserves)`, async function () {
      const { model } = await loadFixture(rateModelFixture);
      const [c, b, r] = [cash * WAD, borrows * WAD, reserves * WAD];
      const u = (uPercent * WAD) / 100n;
      expect(await model.utilization(c, b, r)).to.equal(u);

      const borrowRate = expectedBorrowRate(u);
      expect(await model.borrowRatePerSecond(c, b, r)).to.equal(borrowRate);
      // Per-second flooring loses less than one wei per second of each figure: under 1e-9 of APR.
      const apr = borrowRate * YEAR;
      expect(apr).to.be.closeTo((aprBps * WAD) / 10_000n, 10n ** 9n);

      const supplyRate = (((borrowRate * u) / WAD) * (10_000n - RESERVE_FACTOR_BPS)) / 10_000n;
      expect(await model.supplyRatePerSecond(c, b, r, RESERVE_FACTOR_BPS)).to.equal(supplyRate);
    });
  }

  it("counts a market whose reserves exceed cash plus borrows as fully used", async function () {
    const { model } = await loadFixture(rateModelFixture);
    expect(await model.utilization(1n, 1n, 5n)).to.equal(WAD);
  });

  it("reverts a kink of zero or above 100%", async function () {
    const factory = await ethers.getContractFactory("KinkedRateModel");
    for (const kink of [0n, WAD + 1n]) {
      await expect(factory.deploy(BASE_APR, SLOPE1_APR, SLOPE2_APR, kink))
        .to.be.revertedWithCustomError(factory, "RateModelInvalidKink")
        .withArgs(kink);
    }
  });
});
