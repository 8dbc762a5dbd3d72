import { expect } from "chai";

import { breakevenDays, gasCostUsd } from "../../../../lib/pure/analytics/breakeven.js";
import { AnalyticsError } from "../../../../lib/pure/analytics/decimal.js";

describe("analytics: break-even", function () {
  it("prices gas in USD", function () {
    // 100,000 gas at 50 gwei = 0.005 ETH; at $3,000: $15.
    expect(gasCostUsd(100_000n, 50, 3_000).toString()).to.equal("15");
  });

  it("computes how long a position must farm to repay its entry and exit gas", function () {
    // 150,000 + 100,000 gas at 40 gwei and $2,500/ETH = $25. $1,000 at 36.5% earns $1 a day.
    const table: [number, string, string][] = [
      [1_000, "0.365", "25"],
      [10_000, "0.365", "2.5"],
      [100_000, "0.0365", "2.5"],
    ];
    for (const [position, apr, days] of table) {
      const result = breakevenDays({
        positionUsd: position,
        apr,
        entryGas: 150_000n,
        exitGas: 100_000n,
        gasPriceGwei: 40,
        ethPriceUsd: 2_500,
      });
      expect(result.gasUsd.toString()).to.equal("25");
      expect(result.days.toString()).to.equal(days);
    }
  });

  it("repays the README's deposit and withdrawal of $500 at 30% APR in about 50 days", function () {
    const result = breakevenDays({
      positionUsd: 500,
      apr: "0.30",
      entryGas: 111_499n,
      exitGas: 94_355n,
      gasPriceGwei: 40,
      ethPriceUsd: 2_500,
    });
    // 205,854 gas × 40 gwei × $2,500 = $20.5854; $500 × 30% / 365 a day.
    expect(result.gasUsd.toString()).to.equal("20.5854");
    expect(result.days.toFixed(1)).to.equal("50.1");
  });

  it("throws a typed error when the position earns nothing", function () {
    expect(() =>
      breakevenDays({
        positionUsd: 1_000,
        apr: 0,
        entryGas: 1n,
        exitGas: 1n,
        gasPriceGwei: 1,
        ethPriceUsd: 1,
      }),
    ).to.throw(AnalyticsError, "APR must be positive");
    expect(() => gasCostUsd(-1n, 1, 1)).to.throw(AnalyticsError, "gas");
  });
});
