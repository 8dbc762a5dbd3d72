import { expect } from "chai";
import { Decimal } from "decimal.js";
import fc from "fast-check";

import {
  AmmMathError,
  getAmountIn,
  getAmountOut,
  liquidityMinted,
  lpShare,
  lpValueInQuote,
  lpWithdrawable,
  priceImpact,
  quote,
} from "../../../lib/pure/amm.js";

const ONE = 10n ** 18n;
const USDC = 10n ** 6n;

describe("lib/pure/amm", function () {
  it("getAmountOut matches Uniswap V2's published table", function () {
    const table: [bigint, bigint, bigint, bigint][] = [
      [ONE, 5n * ONE, 10n * ONE, 1662497915624478906n],
      [ONE, 10n * ONE, 5n * ONE, 453305446940074565n],
      [2n * ONE, 5n * ONE, 10n * ONE, 2851015155847869602n],
      [2n * ONE, 10n * ONE, 5n * ONE, 831248957812239453n],
      [ONE, 10n * ONE, 10n * ONE, 906610893880149131n],
      [ONE, 100n * ONE, 100n * ONE, 987158034397061298n],
      [ONE, 1000n * ONE, 1000n * ONE, 996006981039903216n],
    ];
    for (const [amountIn, reserveIn, reserveOut, expected] of table) {
      expect(getAmountOut(amountIn, reserveIn, reserveOut)).to.equal(expected);
    }
  });

  it("getAmountIn is the least input whose output reaches the target", function () {
    // 1 out of 100/100: ⌊100e18·1e18·1000 / (99e18·997)⌋ + 1, worked out by hand.
    expect(getAmountIn(ONE, 100n * ONE, 100n * ONE)).to.equal(1013140431395195689n);
    expect(getAmountIn(1n, 100n, 100n)).to.equal(2n);
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1000n, max: 10n ** 30n }),
        fc.bigInt({ min: 1000n, max: 10n ** 30n }),
        fc.bigInt({ min: 1n, max: 10n ** 30n }),
        (reserveIn, reserveOut, want) => {
          fc.pre(want < reserveOut);
          const needed = getAmountIn(want, reserveIn, reserveOut);
          return getAmountOut(needed, reserveIn, reserveOut) >= want;
        },
      ),
    );
  });

  it("quote prices a deposit at the pool's ratio, rounded down", function () {
    expect(quote(ONE, 100n * ONE, 200_000n * USDC)).to.equal(2000n * USDC);
    expect(quote(3n, 2n, 1n)).to.equal(1n);
  });

  it("price impact is the fee for a tiny trade and grows with size", function () {
    // Closed form: (3·rIn + 997·a) / (1000·rIn + 997·a), before the output is floored.
    // 1 into 1000/1000: 3,997 / 1,000,997.
    expect(priceImpact(ONE, 1000n * ONE, 1000n * ONE).toFixed(6)).to.equal("0.003993");
    expect(priceImpact(100n * ONE, 100n * ONE, 100n * ONE).toFixed(6)).to.equal(
      new Decimal(3 * 100 + 997 * 100).div(1000 * 100 + 997 * 100).toFixed(6),
    );
    expect(priceImpact(1n, 10n ** 30n, 10n ** 30n).toFixed(3)).to.equal("1.000"); // output floors to 0
    expect(priceImpact(10n ** 12n, 10n ** 30n, 10n ** 30n).toFixed(4)).to.equal("0.0030");
  });

  it("lpShare and lpWithdrawable give the pro-rata part of the pool", function () {
    expect(lpShare(25n, 100n).toString()).to.equal("0.25");
    const position = { liquidity: 1n, totalSupply: 3n, reserveBase: 100n, reserveQuote: 200n };
    expect(lpWithdrawable(position)).to.deep.equal({ base: 33n, quote: 66n });
  });

  it("values an LP position in the quote token at the pool's price or a given one", function () {
    // 10% of a 100 WETH / 200,000 USDC pool: 10 WETH + 20,000 USDC.
    const position = {
      liquidity: 10n,
      totalSupply: 100n,
      reserveBase: 100n * ONE,
      reserveQuote: 200_000n * USDC,
    };
    expect(lpValueInQuote(position)).to.equal(40_000n * USDC);
    // At 1,500 USDC per WETH from elsewhere: 20,000 + 10·1,500.
    expect(lpValueInQuote(position, { quoteAmount: 1500n * USDC, baseAmount: ONE })).to.equal(
      35_000n * USDC,
    );
  });

  it("throws AmmMathError on zero amounts, empty reserves and impossible outputs", function () {
    expect(() => getAmountOut(0n, 1n, 1n)).to.throw(AmmMathError, "amountIn must be positive");
    expect(() => getAmountOut(1n, 0n, 1n)).to.throw(AmmMathError, "reserveIn");
    expect(() => getAmountIn(5n, 10n, 5n)).to.throw(AmmMathError, "below the reserve");
    expect(() => quote(1n, 1n, 0n)).to.throw(AmmMathError, "reserveB");
    expect(() => lpShare(2n, 1n)).to.throw(AmmMathError, "within");
    expect(() => lpShare(1n, 0n)).to.throw(AmmMathError, "totalSupply");
  });
  it("liquidityMinted pays the smaller side's share of the LP supply, rounded down as the pair does", function () {
    // 1 WETH + 2,000 USDC into 100 WETH / 200,000 USDC with 1,000 LP: 1% of the pool, 10 LP.
    expect(liquidityMinted(ONE, 2_000n * USDC, 100n * ONE, 200_000n * USDC, 1_000n * ONE)).to.equal(
      10n * ONE,
    );
    // An unbalanced deposit is paid at its smaller side: ⌊1·1000/100⌋ = 10 against ⌊3000·1000/200000⌋ = 15.
    expect(liquidityMinted(ONE, 3_000n * USDC, 100n * ONE, 200_000n * USDC, 1_000n * ONE)).to.equal(
      10n * ONE,
    );
    // ⌊7·10/3⌋ = 23 against ⌊7·10/3⌋ = 23: the rounding is down.
    expect(liquidityMinted(7n, 7n, 3n, 3n, 10n)).to.equal(23n);
    expect(() => liquidityMinted(ONE, ONE, 0n, ONE, ONE)).to.throw(AmmMathError);
  });
});
