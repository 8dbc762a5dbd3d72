import { expect } from "chai";
import fc from "fast-check";

import { AnalyticsError, D } from "../../../../lib/pure/analytics/decimal.js";
import {
  COMPOUNDING,
  aprFromPeriodicRate,
  aprFromRewardRate,
  aprToApy,
  aprToApyContinuous,
  apyToApr,
  apyToAprContinuous,
  compoundInterest,
  simpleInterest,
} from "../../../../lib/pure/analytics/returns.js";

describe("analytics: returns", function () {
  describe("the seed's worked example", function () {
    it("earns $150 on $500 at 30% APR in a year without compounding", function () {
      expect(simpleInterest(500, "0.30").toFixed(2)).to.equal("150.00");
    });

    it("earns $174.62 compounding daily at the seed's rounded daily rate of 0.000821", function () {
      // The seed compounds r = 0.000821 (0.30 / 365 cut to six places) 365 times.
      const interest = compoundInterest(500, aprFromPeriodicRate("0.000821", 365), 365);
      expect(interest.toFixed(2)).to.equal("174.62");
      expect(interest.plus(500).toFixed(2)).to.equal("674.62");
      expect(aprToApy(aprFromPeriodicRate("0.000821", 365), 365).mul(100).toFixed(2)).to.equal(
        "34.92",
      );
    });

    it("earns $174.85 (APY 34.97%) compounding the exact 0.30 / 365 daily", function () {
      expect(compoundInterest(500, "0.30", COMPOUNDING.daily).toFixed(2)).to.equal("174.85");
      expect(aprToApy("0.30", COMPOUNDING.daily).mul(100).toFixed(2)).to.equal("34.97");
    });
  });

  it("converts APR to APY for the usual frequencies and continuously", function () {
    // 10% APR: (1 + 0.1/n)^n − 1, values to 8 places from the closed form.
    const table: [number, string][] = [
      [1, "0.10000000"],
      [12, "0.10471307"],
      [52, "0.10506479"],
      [365, "0.10515578"],
    ];
    for (const [n, apy] of table) expect(aprToApy("0.10", n).toFixed(8)).to.equal(apy);
    expect(aprToApyContinuous("0.10").toFixed(8)).to.equal("0.10517092");
    expect(apyToAprContinuous("0.10517092").toFixed(6)).to.equal("0.100000");
  });

  it("computes the APR of a reward stream from its rate, the reward price and the TVL", function () {
    // 1 RWD per second = 31,536,000 RWD a year; at $0.50 over $63,072,000 staked: 25%.
    const apr = aprFromRewardRate({
      rewardPerSecond: 10n ** 18n,
      rewardDecimals: 18,
      rewardPriceUsd: "0.50",
      tvlUsd: 63_072_000,
    });
    expect(apr.toString()).to.equal("0.25");
  });

  it("throws a typed error for inputs a formula cannot take", function () {
    expect(() => aprToApy("0.1", 0)).to.throw(AnalyticsError, "periods per year");
    expect(() => aprToApy("-1", 12)).to.throw(AnalyticsError, "above -100%");
    expect(() =>
      aprFromRewardRate({ rewardPerSecond: 1n, rewardDecimals: 18, rewardPriceUsd: 1, tvlUsd: 0 }),
    ).to.throw(AnalyticsError, "TVL must be positive");
    expect(() => simpleInterest(-1, "0.1")).to.throw(AnalyticsError, "principal");
  });

  describe("properties", function () {
    const aprArb = fc.integer({ min: -9_900, max: 500_000 }).map((bps) => new D(bps).div(10_000));
    const periodsArb = fc.integer({ min: 1, max: 10_000 });

    it("never gives an APY below its APR", function () {
      fc.assert(
        fc.property(aprArb, periodsArb, (apr, n) => aprToApy(apr, n).gte(apr.minus("1e-40"))),
      );
    });

    it("gives a continuous APY at least the APY of any finite frequency", function () {
      fc.assert(
        fc.property(aprArb, periodsArb, (apr, n) =>
          aprToApyContinuous(apr).gte(aprToApy(apr, n).minus("1e-40")),
        ),
      );
    });

    it("turns an APY back into the APR it came from", function () {
      fc.assert(
        fc.property(aprArb, periodsArb, (apr, n) =>
          apyToApr(aprToApy(apr, n), n).minus(apr).abs().lt("1e-30"),
        ),
      );
    });
  });
});
