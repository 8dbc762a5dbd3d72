import { expect } from "chai";
import fc from "fast-check";

import { AnalyticsError, D } from "../../../../lib/pure/analytics/decimal.js";
import {
  impermanentLoss,
  lpVsHodl,
  readLpPosition,
} from "../../../../lib/pure/analytics/impermanent-loss.js";
import { AmmFactory__factory, AmmPair__factory } from "../../../../typechain-types/index.js";
import { ethers, loadFixture } from "../../../helpers/connection.js";
import { sandboxFixture } from "../../../helpers/fixtures.js";

const ONE = 10n ** 18n;

/** Alice alone provides 100 X (18 decimals) and 200,000 Y (6 decimals) to a fresh pair: price 2,000. */
async function lpPositionFixture() {
  const { actors } = await loadFixture(sandboxFixture);
  const { deployer, alice, bob } = actors;
  const factory = await new AmmFactory__factory(deployer).deploy(deployer.address);
  const x = await ethers.deployContract("MockERC20", ["Token X", "X", 18]);
  const y = await ethers.deployContract("MockERC20", ["Token Y", "Y", 6]);
  await factory.createPair(x, y);
  const pair = AmmPair__factory.connect(await factory.getPair(x, y), deployer);
  const xIsToken0 = (await pair.token0()) === (await x.getAddress());
  const deposit = { x: 100n * ONE, y: 200_000n * 10n ** 6n };
  await x.faucet(pair, deposit.x);
  await y.faucet(pair, deposit.y);
  await pair.mint(alice.address);
  await x.faucet(bob.address, 1_000_000n * ONE);
  await y.faucet(bob.address, 1_000_000_000n * 10n ** 6n);
  return { actors, pair, x, y, xIsToken0, deposit };
}

describe("analytics: impermanent loss", function () {
  it("matches the reference table to 4 decimals", function () {
    const table: [string, string][] = [
      ["1.25", "-0.6192"],
      ["1.5", "-2.0204"],
      ["1.75", "-3.7909"],
      ["2", "-5.7191"],
      ["3", "-13.3975"],
      ["4", "-20.0000"],
      ["5", "-25.4644"],
    ];
    for (const [r, percent] of table) {
      expect(impermanentLoss(r).mul(100).toFixed(4)).to.equal(percent);
    }
    expect(impermanentLoss(1).isZero()).to.equal(true);
  });

  it("throws a typed error for a price ratio that is not positive", function () {
    expect(() => impermanentLoss(0)).to.throw(AnalyticsError, "price ratio must be positive");
    expect(() => impermanentLoss(-2)).to.throw(AnalyticsError, "price ratio must be positive");
  });

  describe("properties", function () {
    // Price ratios from 1e-6 to 1e6, spread evenly in log scale.
    const ratioArb = fc
      .integer({ min: -6_000_000, max: 6_000_000 })
      .map((e) => new D(10).pow(new D(e).div(1_000_000)));

    it("is symmetric: IL(r) = IL(1/r)", function () {
      fc.assert(
        fc.property(ratioArb, (r) =>
          impermanentLoss(r)
            .minus(impermanentLoss(new D(1).div(r)))
            .abs()
            .lt("1e-40"),
        ),
      );
    });

    it("is never a gain: IL(r) <= 0", function () {
      fc.assert(fc.property(ratioArb, (r) => impermanentLoss(r).lte(0)));
    });
  });

  describe("a real position in the AMM", function () {
    it("reads the position's share of each reserve", async function () {
      const { actors, pair, xIsToken0, deposit } = await loadFixture(lpPositionFixture);
      const position = await readLpPosition(pair, actors.alice.address);
      // √(1e20 × 2e11) − 1,000 locked forever.
      const liquidity = 4_472_135_954_999_579n - 1_000n;
      expect(position.liquidity).to.equal(liquidity);
      expect(position.totalSupply).to.equal(liquidity + 1_000n);
      const [depositX, depositY] = [deposit.x, deposit.y];
      const [r0, r1] = xIsToken0 ? [depositX, depositY] : [depositY, depositX];
      expect([position.reserve0, position.reserve1]).to.deep.equal([r0, r1]);
      expect(position.amount0).to.equal((liquidity * r0) / (liquidity + 1_000n));
    });

    it("loses to holding by the IL formula within 0.1% once the fee's growth of k is taken out", async function () {
      const { actors, pair, x, y, xIsToken0, deposit } = await loadFixture(lpPositionFixture);
      const { alice, bob } = actors;

      // Bob buys X with Y (the price of X rises), then sells some back: fees accrue both ways.
      const reserves = async () => {
        const [r0, r1] = await pair.getReserves();
        return xIsToken0 ? { x: r0, y: r1 } : { x: r1, y: r0 };
      };
      // The reference's amountOut: amountIn·997·reserveOut / (reserveIn·1000 + amountIn·997).
      const out = (amountIn: bigint, reserveIn: bigint, reserveOut: bigint) =>
        (amountIn * 997n * reserveOut) / (reserveIn * 1000n + amountIn * 997n);
      const swap = async (token: "x" | "y", amountIn: bigint) => {
        const r = await reserves();
        const amountOut = token === "y" ? out(amountIn, r.y, r.x) : out(amountIn, r.x, r.y);
        await (token === "y" ? y : x).connect(bob).transfer(pair, amountIn);
        const xOut = token === "y" ? amountOut : 0n;
        const yOut = token === "y" ? 0n : amountOut;
        const [out0, out1] = xIsToken0 ? [xOut, yOut] : [yOut, xOut];
        await pair.connect(bob).swap(out0, out1, bob.address, "0x");
      };
      await swap("y", 90_000n * 10n ** 6n);
      await swap("x", 3n * ONE);

      const position = await readLpPosition(pair, alice.address);
      const [deposited, decimals] = xIsToken0
        ? [
            { amount0: deposit.x, amount1: deposit.y },
            { token0: 18, token1: 6 },
          ]
        : [
            { amount0: deposit.y, amount1: deposit.x },
            { token0: 6, token1: 18 },
          ];
      const result = lpVsHodl(position, deposited, decimals);

      // Independent closed form: r from the reserves, IL(r) = 2√r/(1+r) − 1, and the fee grew
      // k = x·y, so the pool is worth √(k1/k0) times a fee-free pool at the same price.
      const now = await reserves();
      const dx = (v: bigint) => new D(v.toString());
      const priceNow = dx(now.y).div(1e6).div(dx(now.x).div(1e18));
      const r = priceNow.div(2_000);
      const il = r.sqrt().mul(2).div(r.plus(1)).minus(1);
      const feeGrowth = dx(now.x * now.y)
        .div(dx(deposit.x * deposit.y))
        .sqrt();
      const feeless = result.lpVsHodl.plus(1).div(feeGrowth).minus(1);

      const priceRatio = xIsToken0 ? result.priceRatio : new D(1).div(result.priceRatio);
      expect(priceRatio.minus(r).abs().div(r).lt("1e-12")).to.equal(true);
      expect(r.gt("1.7") && r.lt("2.2"), `price ratio ${r}`).to.equal(true);
      expect(feeGrowth.gt(1)).to.equal(true);
      // Within 0.1% of the IL itself (the locked MINIMUM_LIQUIDITY and floors are far smaller).
      expect(feeless.minus(il).abs().div(il.abs()).lt("0.001"), `${feeless} vs ${il}`).to.equal(
        true,
      );
      // And the fee-free value is 1 + IL(r) of holding, to 0.1% of the holding's value.
      expect(
        result.lpValue.div(feeGrowth).div(result.hodlValue).minus(il.plus(1)).abs().lt("0.001"),
      ).to.equal(true);
    });
  });
});
