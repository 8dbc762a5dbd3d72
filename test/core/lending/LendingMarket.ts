import { expect } from "chai";
import { Decimal } from "decimal.js";

import {
  MARKET_LIQUIDITY,
  MAX_PRICE_AGE,
  STABLE_RATES,
  STABLE_RISK,
  WETH_RISK,
} from "../../../ignition/modules/Lending.js";
import { ownerSigner } from "../../helpers/admin.js";
import { ethers, loadFixture, networkHelpers } from "../../helpers/connection.js";
import { sandboxFixture } from "../../helpers/fixtures.js";

Decimal.set({ precision: 60 });

const WAD = 10n ** 18n;
const USDC = 10n ** 6n;
const YEAR = 365n * 24n * 3600n;
const MAX = ethers.MaxUint256;

/** The sandbox market, priced by a test oracle the tests move at will: USDC and DAI $1, WETH $2,000. */
async function lendingFixture() {
  const sandbox = await loadFixture(sandboxFixture);
  const { lendingMarket, usdc, dai, weth, actors } = sandbox;
  const oracle = await ethers.deployContract("MockPriceOracle");
  await oracle.setPrice(await usdc.getAddress(), WAD);
  await oracle.setPrice(await dai.getAddress(), WAD);
  await oracle.setPrice(await weth.getAddress(), 2_000n * WAD);
  await lendingMarket
    .connect(await ownerSigner(lendingMarket))
    .setOracle(await oracle.getAddress());
  const market = await lendingMarket.getAddress();
  for (const name of ["alice", "bob", "carol", "whale", "attacker"] as const) {
    const signer = actors[name];
    for (const token of [usdc, dai, weth]) await token.connect(signer).approve(market, MAX);
  }
  return { ...sandbox, oracle, market };
}

/** Bob supplies 10 WETH ($20,000: borrow limit $15,000, liquidation limit $16,000). */
async function bobCollateralFixture() {
  const f = await loadFixture(lendingFixture);
  const { lendingMarket, weth, actors } = f;
  await lendingMarket.connect(actors.bob).supply(await weth.getAddress(), 10n * WAD);
  return f;
}

/** Bob, with 10 WETH supplied, borrows 15,000 USDC: exactly his borrow limit. */
async function bobAtLimitFixture() {
  const f = await loadFixture(bobCollateralFixture);
  const { lendingMarket, usdc, actors } = f;
  await lendingMarket
    .connect(actors.bob)
    .borrow(await usdc.getAddress(), 15_000n * USDC, actors.bob.address);
  return f;
}

/** x^n for a WAD fraction, exactly, in decimal. */
function compound(ratePerSecond: bigint, seconds: bigint): Decimal {
  return new Decimal(1)
    .plus(new Decimal(ratePerSecond.toString()).div(WAD.toString()))
    .pow(seconds.toString());
}

function dec(x: bigint): Decimal {
  return new Decimal(x.toString());
}

describe("LendingMarket", function () {
  describe("sandbox deployment", function () {
    it("lists USDC, DAI and WETH with their parameters and the deployer's liquidity", async function () {
      const { lendingMarket, usdc, dai, weth, rateModelStable, rateModelVolatile } =
        await loadFixture(sandboxFixture);
      const addresses = [await usdc.getAddress(), await dai.getAddress(), await weth.getAddress()];
      // Ignition lists the three assets in an order of its choosing.
      expect([...(await lendingMarket.assets())].sort()).to.deep.equal([...addresses].sort());
      const [model, params, decimals] = await lendingMarket.assetConfig(addresses[2]);
      expect(model).to.equal(await rateModelVolatile.getAddress());
      expect(params).to.deep.equal(Object.values(WETH_RISK));
      expect(decimals).to.equal(18n);
      const [stableModel, stableParams] = await lendingMarket.assetConfig(addresses[0]);
      expect(stableModel).to.equal(await rateModelStable.getAddress());
      expect(stableParams).to.deep.equal(Object.values(STABLE_RISK));
      const [cash, , supplied] = await lendingMarket.marketState(addresses[0]);
      expect([cash, supplied]).to.deep.equal([
        MARKET_LIQUIDITY.usdc * USDC,
        MARKET_LIQUIDITY.usdc * USDC,
      ]);
      expect(await lendingMarket.maxPriceAge()).to.equal(MAX_PRICE_AGE);
    });

    it("prices assets with the reporter oracle and refuses its prices once older than an hour", async function () {
      const { lendingMarket, reporterOracle, usdc, weth, actors } =
        await loadFixture(sandboxFixture);
      const market = await lendingMarket.getAddress();
      const bob = actors.bob;
      expect(await lendingMarket.oracle()).to.equal(await reporterOracle.getAddress());
      await weth.connect(bob).approve(market, 10n * WAD);
      await lendingMarket.connect(bob).supply(await weth.getAddress(), 10n * WAD);
      const [, , , collateralValue] = [0, 0, 0, (await lendingMarket.accountValues(bob))[0]];
      expect(collateralValue).to.equal(20_000n * WAD);

      const stalePrices = new Map<string, bigint>();
      for (const token of [usdc, weth]) {
        const address = await token.getAddress();
        stalePrices.set(address, (await reporterOracle.getPrice(address))[1]);
      }
      await networkHelpers.time.increase(MAX_PRICE_AGE + 1n);
      // Whichever of the two prices the market reads first is refused.
      await expect(lendingMarket.connect(bob).borrow(await usdc.getAddress(), USDC, bob.address))
        .to.be.revertedWithCustomError(lendingMarket, "OracleStalePrice")
        .withArgs(
          (asset: string) => stalePrices.has(asset),
          (updatedAt: bigint) => [...stalePrices.values()].includes(updatedAt),
          MAX_PRICE_AGE,
        );
    });
  });

  describe("supply and withdraw", function () {
    it("credits a supply and takes the tokens in", async function () {
      const { lendingMarket, usdc, actors, market } = await loadFixture(lendingFixture);
      const { alice } = actors;
      const tx = lendingMarket.connect(alice).supply(await usdc.getAddress(), 1_000n * USDC);
      await expect(tx)
        .to.emit(lendingMarket, "Supplied")
        .withArgs(await usdc.getAddress(), alice.address, 1_000n * USDC);
      await expect(tx).to.changeTokenBalances(
        ethers,
        usdc,
        [alice.address, market],
        [-1_000n * USDC, 1_000n * USDC],
      );
      expect(await lendingMarket.supplyBalanceOf(alice, await usdc.getAddress())).to.equal(
        1_000n * USDC,
      );
    });

    it("ignores tokens sent straight to the market", async function () {
      const { lendingMarket, usdc, actors, market } = await loadFixture(bobAtLimitFixture);
      const asset = await usdc.getAddress();
      const before = await lendingMarket.marketState(asset);
      const rate = await lendingMarket.borrowRatePerSecond(asset);
      await usdc.connect(actors.whale).transfer(market, 500_000n * USDC);
      const after = await lendingMarket.marketState(asset);
      expect(after[0]).to.equal(before[0]);
      expect(await lendingMarket.borrowRatePerSecond(asset)).to.equal(rate);
      expect(await lendingMarket.supplyBalanceOf(actors.deployer, asset)).to.equal(after[2]);
    });

    it("withdraws part of a supply and then all of it", async function () {
      const { lendingMarket, usdc, actors } = await loadFixture(lendingFixture);
      const { alice, carol } = actors;
      const asset = await usdc.getAddress();
      await lendingMarket.connect(alice).supply(asset, 1_000n * USDC);
      await expect(
        lendingMarket.connect(alice).withdraw(asset, 400n * USDC, carol.address),
      ).to.changeTokenBalances(ethers, usdc, [carol], [400n * USDC]);
      await expect(lendingMarket.connect(alice).withdraw(asset, MAX, alice.address))
        .to.emit(lendingMarket, "Withdrawn")
        .withArgs(asset, alice.address, alice.address, 600n * USDC);
      expect(await lendingMarket.supplyScaled(alice, asset)).to.equal(0n);
    });

    it("reverts a withdrawal above the supply balance", async function () {
      const { lendingMarket, usdc, actors } = await loadFixture(lendingFixture);
      const { alice } = actors;
      const asset = await usdc.getAddress();
      await lendingMarket.connect(alice).supply(asset, 100n * USDC);
      await expect(lendingMarket.connect(alice).withdraw(asset, 101n * USDC, alice.address))
        .to.be.revertedWithCustomError(lendingMarket, "LendingInsufficientSupply")
        .withArgs(alice.address, asset, 100n * USDC, 101n * USDC);
    });

    it("reverts a withdrawal that would leave the account above its borrow limit", async function () {
      const { lendingMarket, usdc, weth, actors } = await loadFixture(bobCollateralFixture);
      const { bob } = actors;
      await lendingMarket.connect(bob).borrow(await usdc.getAddress(), 9_000n * USDC, bob.address);
      // 6 WETH left would allow 6 × 2,000 × 75% = $9,000: exactly the debt, plus a second's interest.
      await expect(
        lendingMarket.connect(bob).withdraw(await weth.getAddress(), 4n * WAD, bob.address),
      )
        .to.be.revertedWithCustomError(lendingMarket, "LendingWithdrawUnhealthy")
        .withArgs(bob.address, (debt: bigint) => debt > 9_000n * WAD, 9_000n * WAD);
      await lendingMarket.connect(bob).withdraw(await weth.getAddress(), 3n * WAD, bob.address);
    });

    it("reverts a withdrawal larger than the market's cash", async function () {
      const { lendingMarket, weth, actors } = await loadFixture(lendingFixture);
      const { whale } = actors;
      const asset = await weth.getAddress();
      await lendingMarket.connect(whale).supply(asset, 1_000n * WAD);
      const cash = (MARKET_LIQUIDITY.weth + 1_000n) * WAD;
      await expect(lendingMarket.connect(whale).borrow(asset, cash + 1n, whale.address))
        .to.be.revertedWithCustomError(lendingMarket, "LendingInsufficientCash")
        .withArgs(asset, cash, cash + 1n);
    });

    it("reverts a withdrawal when the supplied tokens are lent out", async function () {
      const { lendingMarket, usdc, weth, actors } = await loadFixture(lendingFixture);
      const { alice, whale } = actors;
      const asset = await usdc.getAddress();
      await lendingMarket.connect(alice).supply(asset, 1_000n * USDC);
      await lendingMarket.connect(whale).supply(await weth.getAddress(), 1_000n * WAD);
      const cash = MARKET_LIQUIDITY.usdc * USDC + 1_000n * USDC;
      await lendingMarket.connect(whale).borrow(asset, cash, whale.address);
      await expect(lendingMarket.connect(alice).withdraw(asset, 1_000n * USDC, alice.address))
        .to.be.revertedWithCustomError(lendingMarket, "LendingInsufficientCash")
        .withArgs(asset, 0n, 1_000n * USDC);
    });
  });

  describe("borrow and repay", function () {
    it("lends up to the collateral factor and not one unit more", async function () {
      const { lendingMarket, usdc, actors } = await loadFixture(bobCollateralFixture);
      const { bob } = actors;
      const asset = await usdc.getAddress();
      expect(await lendingMarket.borrowCapacity(bob)).to.equal(15_000n * WAD);
      await expect(lendingMarket.connect(bob).borrow(asset, 15_000n * USDC + 1n, bob.address))
        .to.be.revertedWithCustomError(lendingMarket, "LendingBorrowAboveCapacity")
        .withArgs(bob.address, 15_000n * WAD + 10n ** 12n, 15_000n * WAD);
      await expect(
        lendingMarket.connect(bob).borrow(asset, 15_000n * USDC, bob.address),
      ).to.changeTokenBalances(ethers, usdc, [bob], [15_000n * USDC]);
      expect(await lendingMarket.debtOf(bob, asset)).to.equal(15_000n * USDC);
    });

    it("reports collateral, limits, debt and health factor in dollars", async function () {
      const { lendingMarket, actors } = await loadFixture(bobAtLimitFixture);
      expect(await lendingMarket.accountValues(actors.bob)).to.deep.equal([
        20_000n * WAD,
        15_000n * WAD,
        16_000n * WAD,
        15_000n * WAD,
      ]);
      expect(await lendingMarket.healthFactor(actors.bob)).to.equal((16n * WAD) / 15n);
      expect(await lendingMarket.healthFactor(actors.alice)).to.equal(MAX);
      expect(await lendingMarket.borrowCapacity(actors.bob)).to.equal(0n);
    });

    it("lets anyone repay a borrower's debt on its behalf", async function () {
      const { lendingMarket, usdc, actors, market } = await loadFixture(bobAtLimitFixture);
      const { bob, carol } = actors;
      const asset = await usdc.getAddress();
      const tx = lendingMarket.connect(carol).repay(asset, 5_000n * USDC, bob.address);
      await expect(tx)
        .to.emit(lendingMarket, "Repaid")
        .withArgs(asset, carol.address, bob.address, 5_000n * USDC);
      await expect(tx).to.changeTokenBalances(
        ethers,
        usdc,
        [carol.address, market],
        [-5_000n * USDC, 5_000n * USDC],
      );
      const debt = await lendingMarket.debtOf(bob, asset);
      // Two seconds of interest at about 1.2% a year on $15,000 stay on the debt: under one cent.
      expect(debt)
        .to.be.gte(10_000n * USDC)
        .and.lte(10_000n * USDC + 10_000n);
      await lendingMarket.connect(carol).repay(asset, MAX, bob.address);
      expect(await lendingMarket.debtOf(bob, asset)).to.equal(0n);
      expect(await lendingMarket.borrowScaled(bob, asset)).to.equal(0n);
    });

    it("reverts a repayment above the debt", async function () {
      const { lendingMarket, usdc, actors } = await loadFixture(bobAtLimitFixture);
      const { bob } = actors;
      const asset = await usdc.getAddress();
      await expect(lendingMarket.connect(bob).repay(asset, 20_000n * USDC, bob.address))
        .to.be.revertedWithCustomError(lendingMarket, "LendingRepayAboveDebt")
        .withArgs(bob.address, asset, (debt: bigint) => debt >= 15_000n * USDC, 20_000n * USDC);
    });
  });

  describe("interest", function () {
    it("compounds the debt every second and shares the interest between suppliers and reserves", async function () {
      const { lendingMarket, usdc, weth, actors } = await loadFixture(lendingFixture);
      const { whale, deployer } = actors;
      const asset = await usdc.getAddress();
      const principal = 500_000n * USDC;
      const supplied = MARKET_LIQUIDITY.usdc * USDC;
      await lendingMarket.connect(whale).supply(await weth.getAddress(), 1_000n * WAD);
      await lendingMarket.connect(whale).borrow(asset, principal, whale.address);
      const start = BigInt(await networkHelpers.time.latest());

      // Utilization 50%, below the kink: rate = 50% × slope1 per second (both floored).
      const slope1 = STABLE_RATES.slope1 / YEAR;
      const rate = ((WAD / 2n) * slope1) / WAD;
      expect(await lendingMarket.borrowRatePerSecond(asset)).to.equal(rate);
      expect(await lendingMarket.borrowApr(asset)).to.equal(rate * YEAR);
      const supplyRate = (((rate * WAD) / 2n / WAD) * 9_000n) / 10_000n;
      expect(await lendingMarket.supplyRatePerSecond(asset)).to.equal(supplyRate);
      expect(await lendingMarket.utilization(asset)).to.equal(WAD / 2n);
      expect(await lendingMarket.supplyApr(asset)).to.equal(supplyRate * YEAR);
      const supplyApy = compound(supplyRate, YEAR).minus(1).mul(WAD.toString());
      expect(
        dec(await lendingMarket.supplyApy(asset))
          .minus(supplyApy)
          .abs()
          .lte(1e8),
      ).to.equal(true);
      const apy = compound(rate, YEAR).minus(1).mul(WAD.toString());
      const borrowApy = dec(await lendingMarket.borrowApy(asset));
      // Same rounding as the index below: within 1e-10 of the growth factor 1 + APY.
      expect(borrowApy.minus(apy).abs().lte(1e8), `APY ${borrowApy} vs ${apy}`).to.equal(true);

      await networkHelpers.time.setNextBlockTimestamp(start + YEAR);
      await lendingMarket.accrueInterest(asset);

      // Closed form: principal × (1 + r)^t. Tolerance: 1e-10 of the debt (each of the ~50 products of
      // the repeated squaring rounds down by 1e-18, and 25 squarings amplify the first errors up to
      // 2^25 times: about 3e-11 at worst) plus one unit for the final rounding up.
      const expectedDebt = dec(principal).mul(compound(rate, YEAR));
      const debt = await lendingMarket.debtOf(whale, asset);
      expect(dec(debt).minus(expectedDebt).abs().lte(expectedDebt.mul(1e-10).plus(1))).to.equal(
        true,
        `debt ${debt} vs closed form ${expectedDebt.toFixed(2)}`,
      );

      // The interest just checked against the closed form is split: the reserve factor's 10% to the
      // reserves, the other 90% to the only supplier, each within 2 units of rounding.
      const interest = dec(debt - principal);
      const [, , totalSupplied, reserves] = await lendingMarket.marketState(asset);
      expect(dec(reserves).minus(interest.mul(0.1)).abs().lte(2)).to.equal(true);
      const supplierBalance = await lendingMarket.supplyBalanceOf(deployer, asset);
      const expectedSupplier = interest.mul(0.9).plus(supplied.toString());
      expect(dec(supplierBalance).minus(expectedSupplier).abs().lte(2)).to.equal(true);
      expect(totalSupplied).to.equal(supplierBalance);

      // With the supply index above 1, one unit of USDC is worth less than one scaled unit.
      await expect(lendingMarket.connect(whale).supply(asset, 1n)).to.be.revertedWithCustomError(
        lendingMarket,
        "LendingZeroAmount",
      );
    });

    it("lets the owner take reserves out, never more than there are", async function () {
      const { lendingMarket: deployed, usdc, weth, actors } = await loadFixture(lendingFixture);
      const lendingMarket = deployed.connect(await ownerSigner(deployed));
      const { whale, treasury } = actors;
      const asset = await usdc.getAddress();
      await lendingMarket.connect(whale).supply(await weth.getAddress(), 1_000n * WAD);
      await lendingMarket.connect(whale).borrow(asset, 500_000n * USDC, whale.address);
      await networkHelpers.time.increase(YEAR);
      await lendingMarket.accrueInterest(asset);
      const [, , , reserves] = await lendingMarket.marketState(asset);
      // 10% of a year's interest at 2% compounded every second: 500,000 × (e^0.02 − 1) × 10% ≈ 1,010.07.
      expect(reserves).to.be.closeTo(1_010_07n * 10n ** 4n, USDC);
      // The withdrawal accrues one more second first, adding a fraction of a cent.
      const tooMuch = reserves + USDC;
      await expect(lendingMarket.withdrawReserves(asset, tooMuch, treasury.address))
        .to.be.revertedWithCustomError(lendingMarket, "LendingInsufficientReserves")
        .withArgs(asset, (r: bigint) => r >= reserves && r < tooMuch, tooMuch);
      await expect(
        lendingMarket.withdrawReserves(asset, 100n * USDC, treasury.address),
      ).to.changeTokenBalances(ethers, usdc, [treasury], [100n * USDC]);
    });

    it("keeps reserves in the market while all of its cash is lent out", async function () {
      const { lendingMarket: deployed, usdc, weth, actors } = await loadFixture(lendingFixture);
      const lendingMarket = deployed.connect(await ownerSigner(deployed));
      const { whale, treasury } = actors;
      const asset = await usdc.getAddress();
      await lendingMarket.connect(whale).supply(await weth.getAddress(), 1_000n * WAD);
      await lendingMarket.connect(whale).borrow(asset, MARKET_LIQUIDITY.usdc * USDC, whale.address);
      await networkHelpers.time.increase(24n * 3600n);
      await expect(lendingMarket.withdrawReserves(asset, USDC, treasury.address))
        .to.be.revertedWithCustomError(lendingMarket, "LendingInsufficientCash")
        .withArgs(asset, 0n, USDC);
    });
  });

  describe("interest below one wei per accrual", function () {
    const PRINCIPAL = 10_000n * USDC;
    const SUPPLIED = MARKET_LIQUIDITY.usdc * USDC;
    // Utilization 1%, below the kink: rate = 1% × slope1 per second, both floored (0.04% a year);
    // 0.127 wei of interest a second on the 10,000 USDC.
    const RATE = (((PRINCIPAL * WAD) / SUPPLIED) * (STABLE_RATES.slope1 / YEAR)) / WAD;

    /** The attacker, with 10 WETH of collateral, borrows 10,000 USDC: 1% of the USDC pool. */
    async function attackerBorrowFixture() {
      const f = await loadFixture(lendingFixture);
      const { lendingMarket, usdc, weth, actors } = f;
      const { attacker } = actors;
      await lendingMarket.connect(attacker).supply(await weth.getAddress(), 10n * WAD);
      await lendingMarket
        .connect(attacker)
        .borrow(await usdc.getAddress(), PRINCIPAL, attacker.address);
      return { ...f, start: BigInt(await networkHelpers.time.latest()) };
    }

    type Fixture = Awaited<ReturnType<typeof attackerBorrowFixture>>;

    /** The attacker's debt, the only supplier's balance and the reserves of the USDC market. */
    async function usdcBooks({ lendingMarket, usdc, actors }: Fixture) {
      const asset = await usdc.getAddress();
      const [, , , reserves] = await lendingMarket.marketState(asset);
      return {
        debt: await lendingMarket.debtOf(actors.attacker, asset),
        supplier: await lendingMarket.supplyBalanceOf(actors.deployer, asset),
        reserves,
      };
    }

    /** Accrues the USDC market once a second, from `start` + 1 to `start` + `seconds`. */
    async function accrueEverySecond(f: Fixture, seconds: bigint) {
      const asset = await f.usdc.getAddress();
      for (let t = 1n; t <= seconds; t++) {
        await networkHelpers.time.setNextBlockTimestamp(f.start + t);
        await f.lendingMarket.connect(f.actors.attacker).accrueInterest(asset);
      }
    }

    /** principal × ((1 + r)^t − 1), rounded up as the debt is. */
    function closedFormInterestUp(seconds: bigint): bigint {
      return BigInt(dec(PRINCIPAL).mul(compound(RATE, seconds).minus(1)).ceil().toFixed());
    }

    it("charges a borrower who accrues the market every second the interest of a single accrual", async function () {
      const f = await loadFixture(attackerBorrowFixture);
      const { lendingMarket, usdc, actors, start } = f;
      const seconds = 300n;
      expect(RATE, "rate per second by hand").to.equal(12_683_916n);

      // The twin run: nobody touches the market until one accrual after 300 s.
      const beforeAttack = await networkHelpers.takeSnapshot();
      await networkHelpers.time.setNextBlockTimestamp(start + seconds);
      await lendingMarket.connect(actors.carol).accrueInterest(await usdc.getAddress());
      const once = await usdcBooks(f);
      await beforeAttack.restore();

      // The attack: the borrower accrues the market every second for 300 s.
      await accrueEverySecond(f, seconds);
      const touched = await usdcBooks(f);

      const interestOnce = once.debt - PRINCIPAL;
      const interestTouched = touched.debt - PRINCIPAL;
      expect(
        interestOnce,
        "one accrual vs principal × ((1 + r)^t − 1) = 38.05, rounded up",
      ).to.equal(closedFormInterestUp(seconds));
      const attackerGain = interestOnce - interestTouched;
      const suppliersLoss = once.supplier - touched.supplier;
      const reservesLoss = once.reserves - touched.reserves;
      const figures =
        `interest ${interestTouched} wei touched every second vs ${interestOnce} once; ` +
        `the attacker avoided ${attackerGain}, the supplier lost ${suppliersLoss}, the reserves ${reservesLoss}`;
      // Each accrual rounds the indexes down by under one unit in 1e18: 1e-8 wei on this debt.
      expect(attackerGain, `interest the attacker avoided: ${figures}`).to.be.closeTo(0n, 1n);
      expect(interestTouched, `interest vs closed form: ${figures}`).to.be.closeTo(
        closedFormInterestUp(seconds),
        1n,
      );
      expect(suppliersLoss, `supplier's loss: ${figures}`).to.be.closeTo(0n, 1n);
      expect(reservesLoss, `reserves' loss: ${figures}`).to.be.closeTo(0n, 1n);
    });

    it("grows the borrow index at an accrual whose interest rounds to no wei, and emits it", async function () {
      const { lendingMarket, usdc, actors, start } = await loadFixture(attackerBorrowFixture);
      const asset = await usdc.getAddress();
      // For the first 6,000 seconds the index is WAD + t·r exactly: each second adds
      // index × r / WAD = r + (t − 1)·r² / WAD, and r² / WAD = 0.00016 floors away.
      // Second 1: the debt, a whole number of wei until now, rounds up by one wei of interest, of
      // which the reserve factor's 10% is a tenth of a wei: the supplier gets the wei.
      const supplyIndexAfterOne = WAD + (1n * WAD) / SUPPLIED;
      await networkHelpers.time.setNextBlockTimestamp(start + 1n);
      await expect(lendingMarket.connect(actors.attacker).accrueInterest(asset))
        .to.emit(lendingMarket, "InterestAccrued")
        .withArgs(asset, 1n, 0n, WAD + RATE, supplyIndexAfterOne);
      // Second 2: 0.254 wei of interest so far still rounds up to the same debt.
      await networkHelpers.time.setNextBlockTimestamp(start + 2n);
      await expect(lendingMarket.connect(actors.attacker).accrueInterest(asset))
        .to.emit(lendingMarket, "InterestAccrued")
        .withArgs(asset, 0n, 0n, WAD + 2n * RATE, supplyIndexAfterOne);
      const [, , , , borrowIndex, supplyIndex] = await lendingMarket.marketState(asset);
      expect([borrowIndex, supplyIndex]).to.deep.equal([WAD + 2n * RATE, supplyIndexAfterOne]);
      expect(await lendingMarket.debtOf(actors.attacker, asset)).to.equal(PRINCIPAL + 1n);
    });

    it("books the reserves' tenth of each wei once the tenths add up to one", async function () {
      const f = await loadFixture(attackerBorrowFixture);
      // 80 accruals of 0 or 1 wei each: ceil(80 × 0.1268) = 11 wei of interest; the reserves' 10%
      // is 1.1 wei, booked as 1, and the supplier gets the other 10.
      await accrueEverySecond(f, 80n);
      const books = await usdcBooks(f);
      expect(closedFormInterestUp(80n), "closed form").to.equal(11n);
      expect(books.debt - PRINCIPAL, "interest").to.equal(11n);
      expect(books.reserves, "reserves").to.equal(1n);
      expect(books.supplier - SUPPLIED, "supplier's interest").to.equal(10n);
    });

    it("splits one accrual's interest: the reserve factor's share rounded down, every other wei to the suppliers", async function () {
      // seconds, interest (principal × ((1 + r)^t − 1), rounded up), reserves, supplier's interest
      const table: [bigint, bigint, bigint, bigint][] = [
        [80n, 11n, 1n, 10n],
        [300n, 39n, 3n, 36n],
        [3_600n, 457n, 45n, 412n],
        [86_400n, 10_959n, 1_095n, 9_864n],
      ];
      for (const [seconds, interest, reserves, supplier] of table) {
        const f = await loadFixture(attackerBorrowFixture);
        expect(closedFormInterestUp(seconds), `closed form after ${seconds} s`).to.equal(interest);
        await networkHelpers.time.setNextBlockTimestamp(f.start + seconds);
        await f.lendingMarket.accrueInterest(await f.usdc.getAddress());
        const books = await usdcBooks(f);
        expect(
          [books.debt - PRINCIPAL, books.reserves, books.supplier - SUPPLIED],
          `interest, reserves and supplier's interest after ${seconds} s`,
        ).to.deep.equal([interest, reserves, supplier]);
      }
    });

    it("moves no index and emits nothing while nothing is borrowed", async function () {
      const { lendingMarket, dai } = await loadFixture(lendingFixture);
      const asset = await dai.getAddress();
      await networkHelpers.time.increase(YEAR);
      await expect(lendingMarket.accrueInterest(asset)).not.to.emit(
        lendingMarket,
        "InterestAccrued",
      );
      const [, , , reserves, borrowIndex, supplyIndex] = await lendingMarket.marketState(asset);
      expect([reserves, borrowIndex, supplyIndex]).to.deep.equal([0n, WAD, WAD]);
    });
  });

  describe("liquidation", function () {
    it("liquidates an account made unhealthy by a price drop, with the collateral's bonus", async function () {
      const { lendingMarket, oracle, usdc, weth, actors, market } =
        await loadFixture(bobAtLimitFixture);
      const { bob, carol } = actors;
      const [debtAsset, collateral] = [await usdc.getAddress(), await weth.getAddress()];
      await oracle.setPrice(collateral, 1_800n * WAD);
      // 10 WETH at $1,800 × 80% = $14,400 against about $15,000 of debt.
      expect(await lendingMarket.healthFactor(bob)).to.be.lt(WAD);

      const repay = 7_000n * USDC;
      // repay × debt price × (1 + 10%) / collateral price, in WETH units.
      const seized = (repay * WAD * 11_000n * WAD) / (1_800n * WAD * 10_000n * USDC);
      const debtBefore = await lendingMarket.debtOf(bob, debtAsset);
      const tx = lendingMarket.connect(carol).liquidate(bob.address, debtAsset, collateral, repay);
      await expect(tx)
        .to.emit(lendingMarket, "Liquidated")
        .withArgs(carol.address, bob.address, debtAsset, collateral, repay, seized);
      await expect(tx).to.changeTokenBalances(
        ethers,
        usdc,
        [carol.address, market],
        [-repay, repay],
      );
      expect(await lendingMarket.supplyBalanceOf(carol, collateral)).to.equal(seized);
      expect(await lendingMarket.supplyBalanceOf(bob, collateral)).to.equal(10n * WAD - seized);
      // One more second of interest (under a cent) may have accrued on the remaining debt.
      const debtAfter = await lendingMarket.debtOf(bob, debtAsset);
      expect(debtAfter)
        .to.be.gte(debtBefore - repay)
        .and.lte(debtBefore - repay + 10_000n);
      expect(await lendingMarket.healthFactor(bob)).to.be.gt(WAD);
    });

    it("refuses to liquidate a healthy account", async function () {
      const { lendingMarket, usdc, weth, actors } = await loadFixture(bobAtLimitFixture);
      const { bob, carol } = actors;
      await expect(
        lendingMarket
          .connect(carol)
          .liquidate(bob.address, await usdc.getAddress(), await weth.getAddress(), USDC),
      )
        .to.be.revertedWithCustomError(lendingMarket, "LendingAccountHealthy")
        .withArgs(bob.address, (hf: bigint) => hf > WAD && hf <= (16n * WAD) / 15n);
    });

    it("repays at most the close factor of the debt in one liquidation", async function () {
      const { lendingMarket, oracle, usdc, weth, actors } = await loadFixture(bobAtLimitFixture);
      const { bob, carol } = actors;
      await oracle.setPrice(await weth.getAddress(), 1_800n * WAD);
      await expect(
        lendingMarket
          .connect(carol)
          .liquidate(bob.address, await usdc.getAddress(), await weth.getAddress(), 8_000n * USDC),
      )
        .to.be.revertedWithCustomError(lendingMarket, "LendingRepayAboveCloseFactor")
        .withArgs(8_000n * USDC, (max: bigint) => max >= 7_500n * USDC && max < 7_501n * USDC);
    });

    it("reverts a liquidation of oneself or against collateral the borrower lacks", async function () {
      const { lendingMarket, oracle, usdc, dai, weth, actors } =
        await loadFixture(bobAtLimitFixture);
      const { bob, carol } = actors;
      const [u, d, w] = [await usdc.getAddress(), await dai.getAddress(), await weth.getAddress()];
      await oracle.setPrice(w, 1_800n * WAD);
      await expect(lendingMarket.connect(bob).liquidate(bob.address, u, w, USDC))
        .to.be.revertedWithCustomError(lendingMarket, "LendingSelfLiquidation")
        .withArgs(bob.address);
      await expect(lendingMarket.connect(carol).liquidate(bob.address, u, d, USDC))
        .to.be.revertedWithCustomError(lendingMarket, "LendingNoCollateral")
        .withArgs(bob.address, d);
    });

    it("leaves bad debt on the books when the collateral is worth less than the debt", async function () {
      const { lendingMarket, oracle, usdc, weth, actors } = await loadFixture(bobAtLimitFixture);
      const { bob, carol } = actors;
      const [u, w] = [await usdc.getAddress(), await weth.getAddress()];
      await oracle.setPrice(w, 1_000n * WAD);
      // $10,000 of collateral against $15,000 of debt.
      await lendingMarket.connect(carol).liquidate(bob.address, u, w, 7_500n * USDC);
      // 7,500 × 1.1 / 1,000 = 8.25 WETH seized; 1.75 WETH ($1,750) remain against ~$7,500 of debt.
      expect(await lendingMarket.supplyBalanceOf(bob, w)).to.equal(1_750n * 10n ** 15n);

      // The second liquidation asks for more than the rest is worth: all 1.75 WETH go, and the
      // repayment shrinks to 1,750 / 1.1 = 1,590.909091 USDC (rounded up).
      const repaid =
        (1_750n * 10n ** 15n * 1_000n * WAD * 10_000n * USDC + (WAD * 11_000n * WAD - 1n)) /
        (WAD * 11_000n * WAD);
      expect(repaid).to.equal(1_590_909_091n);
      await expect(lendingMarket.connect(carol).liquidate(bob.address, u, w, 3_000n * USDC))
        .to.emit(lendingMarket, "Liquidated")
        .withArgs(carol.address, bob.address, u, w, repaid, 1_750n * 10n ** 15n);

      const debt = await lendingMarket.debtOf(bob, u);
      expect(debt).to.be.closeTo(15_000n * USDC - 7_500n * USDC - repaid, 10_000n);
      const [collateralValue, , , debtValue] = await lendingMarket.accountValues(bob);
      expect(collateralValue).to.equal(0n);
      expect(debtValue).to.be.gt(5_900n * WAD);
      expect(await lendingMarket.healthFactor(bob)).to.equal(0n);
      await expect(lendingMarket.connect(carol).liquidate(bob.address, u, w, USDC))
        .to.be.revertedWithCustomError(lendingMarket, "LendingNoCollateral")
        .withArgs(bob.address, w);
      // The loss stays with the suppliers: what they are owed exceeds the cash plus what can be repaid.
      const [cash, totalBorrows, totalSupplied, reserves] = await lendingMarket.marketState(u);
      expect(cash + totalBorrows - debt).to.be.lt(totalSupplied + reserves);
    });
  });

  describe("errors", function () {
    it("reverts zero amounts", async function () {
      const { lendingMarket, usdc, weth, actors } = await loadFixture(bobAtLimitFixture);
      const owner = await ownerSigner(lendingMarket);
      const { bob, carol } = actors;
      const [u, w] = [await usdc.getAddress(), await weth.getAddress()];
      const calls = [
        () => lendingMarket.connect(carol).supply(u, 0n),
        () => lendingMarket.connect(bob).withdraw(w, 0n, bob.address),
        () => lendingMarket.connect(carol).withdraw(u, MAX, carol.address),
        () => lendingMarket.connect(bob).borrow(u, 0n, bob.address),
        () => lendingMarket.connect(bob).repay(u, 0n, bob.address),
        () => lendingMarket.connect(carol).repay(u, MAX, carol.address),
        () => lendingMarket.connect(carol).liquidate(bob.address, u, w, 0n),
        () => lendingMarket.connect(owner).withdrawReserves(u, 0n, carol.address),
      ];
      for (const call of calls) {
        await expect(call()).to.be.revertedWithCustomError(lendingMarket, "LendingZeroAmount");
      }
    });

    it("reverts zero addresses as recipients", async function () {
      const { lendingMarket, usdc, weth, actors } = await loadFixture(bobAtLimitFixture);
      const owner = await ownerSigner(lendingMarket);
      const { bob } = actors;
      const zero = ethers.ZeroAddress;
      const [u, w] = [await usdc.getAddress(), await weth.getAddress()];
      for (const call of [
        () => lendingMarket.connect(bob).withdraw(w, 1n, zero),
        () => lendingMarket.connect(bob).borrow(u, 1n, zero),
        () => lendingMarket.connect(owner).withdrawReserves(u, 1n, zero),
        () => lendingMarket.connect(owner).setOracle(zero),
        () => lendingMarket.connect(owner).setRateModel(u, zero),
      ]) {
        await expect(call()).to.be.revertedWithCustomError(lendingMarket, "LendingZeroAddress");
      }
    });

    it("reverts every action on an asset that is not listed", async function () {
      const { lendingMarket, reward, actors } = await loadFixture(lendingFixture);
      const { alice } = actors;
      const asset = await reward.getAddress();
      for (const call of [
        () => lendingMarket.connect(alice).supply(asset, 1n),
        () => lendingMarket.connect(alice).withdraw(asset, 1n, alice.address),
        () => lendingMarket.connect(alice).borrow(asset, 1n, alice.address),
        () => lendingMarket.connect(alice).repay(asset, 1n, alice.address),
        () => lendingMarket.debtOf(alice, asset),
        () => lendingMarket.utilization(asset),
      ]) {
        await expect(call())
          .to.be.revertedWithCustomError(lendingMarket, "LendingAssetNotListed")
          .withArgs(asset);
      }
    });

    it("reverts a borrow while the collateral's price is stale, and one the oracle does not know", async function () {
      const { lendingMarket, oracle, usdc, weth, actors } = await loadFixture(bobCollateralFixture);
      const { bob } = actors;
      const w = await weth.getAddress();
      const now = BigInt(await networkHelpers.time.latest());
      const old = now - MAX_PRICE_AGE - 1n;
      await oracle.setPriceAt(w, 2_000n * WAD, old);
      await expect(lendingMarket.connect(bob).borrow(await usdc.getAddress(), USDC, bob.address))
        .to.be.revertedWithCustomError(lendingMarket, "OracleStalePrice")
        .withArgs(w, old, MAX_PRICE_AGE);
      await oracle.setPrice(w, 0n);
      await expect(lendingMarket.connect(bob).borrow(await usdc.getAddress(), USDC, bob.address))
        .to.be.revertedWithCustomError(oracle, "OracleUnsupportedAsset")
        .withArgs(w);
    });
  });

  describe("owner", function () {
    it("lists a new asset and refuses it twice", async function () {
      const {
        lendingMarket: deployed,
        reward,
        rateModelStable,
      } = await loadFixture(lendingFixture);
      const lendingMarket = deployed.connect(await ownerSigner(deployed));
      const asset = await reward.getAddress();
      const model = await rateModelStable.getAddress();
      await expect(lendingMarket.listAsset(asset, model, STABLE_RISK))
        .to.emit(lendingMarket, "AssetListed")
        .withArgs(asset, model, Object.values(STABLE_RISK));
      await expect(lendingMarket.listAsset(asset, model, STABLE_RISK))
        .to.be.revertedWithCustomError(lendingMarket, "LendingAssetAlreadyListed")
        .withArgs(asset);
      await expect(
        lendingMarket.listAsset(ethers.ZeroAddress, model, STABLE_RISK),
      ).to.be.revertedWithCustomError(lendingMarket, "LendingZeroAddress");
      await expect(
        lendingMarket.listAsset(asset, ethers.ZeroAddress, STABLE_RISK),
      ).to.be.revertedWithCustomError(lendingMarket, "LendingZeroAddress");
    });

    it("refuses more than eight assets", async function () {
      const { lendingMarket: deployed, rateModelStable } = await loadFixture(lendingFixture);
      const lendingMarket = deployed.connect(await ownerSigner(deployed));
      const model = await rateModelStable.getAddress();
      for (let i = 0; i < 5; i++) {
        const token = await ethers.deployContract("MockERC20", [`T${i}`, `T${i}`, 18]);
        await lendingMarket.listAsset(await token.getAddress(), model, STABLE_RISK);
      }
      const ninth = await ethers.deployContract("MockERC20", ["T9", "T9", 18]);
      await expect(lendingMarket.listAsset(await ninth.getAddress(), model, STABLE_RISK))
        .to.be.revertedWithCustomError(lendingMarket, "LendingTooManyAssets")
        .withArgs(8n);
    });

    it("refuses risk parameters that could not be liquidated safely", async function () {
      const { lendingMarket: deployed, usdc } = await loadFixture(lendingFixture);
      const lendingMarket = deployed.connect(await ownerSigner(deployed));
      const asset = await usdc.getAddress();
      // collateral factor above threshold; bonus above 20%; threshold × (1 + bonus) above 100%;
      // reserve factor above 100%.
      const bad: [bigint, bigint, bigint, bigint][] = [
        [9_000n, 8_500n, 500n, 1_000n],
        [8_000n, 8_000n, 2_001n, 1_000n],
        [9_000n, 9_600n, 500n, 1_000n],
        [8_000n, 8_500n, 500n, 10_001n],
      ];
      for (const p of bad) {
        const params = {
          collateralFactorBps: p[0],
          liquidationThresholdBps: p[1],
          liquidationBonusBps: p[2],
          reserveFactorBps: p[3],
        };
        await expect(lendingMarket.setRiskParameters(asset, params))
          .to.be.revertedWithCustomError(lendingMarket, "LendingInvalidRiskParameters")
          .withArgs(...p);
      }
      await expect(lendingMarket.setMaxPriceAge(0n))
        .to.be.revertedWithCustomError(lendingMarket, "LendingInvalidMaxPriceAge")
        .withArgs(0n);
    });

    it("changes parameters, rate model, oracle and price age", async function () {
      const {
        lendingMarket: deployed,
        usdc,
        rateModelVolatile,
        oracle,
      } = await loadFixture(lendingFixture);
      const lendingMarket = deployed.connect(await ownerSigner(deployed));
      const asset = await usdc.getAddress();
      await expect(lendingMarket.setRiskParameters(asset, WETH_RISK))
        .to.emit(lendingMarket, "RiskParametersSet")
        .withArgs(asset, Object.values(WETH_RISK));
      await expect(lendingMarket.setRateModel(asset, await rateModelVolatile.getAddress()))
        .to.emit(lendingMarket, "RateModelSet")
        .withArgs(asset, await rateModelVolatile.getAddress());
      await expect(lendingMarket.setOracle(await oracle.getAddress()))
        .to.emit(lendingMarket, "OracleSet")
        .withArgs(await oracle.getAddress());
      await expect(lendingMarket.setMaxPriceAge(60n))
        .to.emit(lendingMarket, "MaxPriceAgeSet")
        .withArgs(60n);
    });

    it("refuses every owner function to anyone else", async function () {
      const { lendingMarket, usdc, reward, rateModelStable, oracle, actors } =
        await loadFixture(lendingFixture);
      const { attacker } = actors;
      const asAttacker = lendingMarket.connect(attacker);
      const u = await usdc.getAddress();
      const model = await rateModelStable.getAddress();
      const r = await reward.getAddress();
      const o = await oracle.getAddress();
      for (const call of [
        () => asAttacker.listAsset(r, model, STABLE_RISK),
        () => asAttacker.setRiskParameters(u, STABLE_RISK),
        () => asAttacker.setRateModel(u, model),
        () => asAttacker.setOracle(o),
        () => asAttacker.setMaxPriceAge(1n),
        () => asAttacker.withdrawReserves(u, 1n, attacker.address),
        () => asAttacker.transferOwnership(attacker.address),
      ]) {
        await expect(call())
          .to.be.revertedWithCustomError(lendingMarket, "OwnableUnauthorizedAccount")
          .withArgs(attacker.address);
      }
    });

    it("hands ownership over only when the new owner accepts", async function () {
      const { lendingMarket, actors } = await loadFixture(lendingFixture);
      const { keeper } = actors;
      const owner = await ownerSigner(lendingMarket);
      await lendingMarket.connect(owner).transferOwnership(keeper.address);
      expect(await lendingMarket.owner()).to.equal(owner.address);
      await lendingMarket.connect(keeper).acceptOwnership();
      expect(await lendingMarket.owner()).to.equal(keeper.address);
    });
  });
});
