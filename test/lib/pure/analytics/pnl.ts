import { expect } from "chai";

import { AnalyticsError } from "../../../../lib/pure/analytics/decimal.js";
import { farmingPnl } from "../../../../lib/pure/analytics/pnl.js";

describe("analytics: PnL", function () {
  it("splits a farming result into fees, rewards, impermanent loss and gas against holding", function () {
    // Holding is worth $10,000 after the price doubled: IL(2) = −5.7191% → $571.91 lost.
    const pnl = farmingPnl({
      hodlValueUsd: 10_000,
      priceRatio: 2,
      feesUsd: 300,
      rewardsUsd: 450,
      gasUsd: 40,
    });
    expect(pnl.impermanentLoss.toFixed(2)).to.equal("571.91");
    expect(pnl.net.toFixed(2)).to.equal("138.09"); // 300 + 450 − 571.91 − 40
    expect(pnl.netVsHodl.mul(100).toFixed(4)).to.equal("1.3809");
  });

  it("loses $42.89 to holding on the README's $750 holding when the price doubles", function () {
    const pnl = farmingPnl({
      hodlValueUsd: 750,
      priceRatio: 2,
      feesUsd: 0,
      rewardsUsd: 0,
      gasUsd: 0,
    });
    expect(pnl.impermanentLoss.toFixed(2)).to.equal("42.89");
  });

  it("loses to holding when the price moves far and the yield is small", function () {
    // IL(4) = −20% of $5,000 = $1,000; 100 + 200 − 1,000 − 25 = −725.
    const pnl = farmingPnl({
      hodlValueUsd: 5_000,
      priceRatio: 4,
      feesUsd: 100,
      rewardsUsd: 200,
      gasUsd: 25,
    });
    expect(pnl.net.toFixed(2)).to.equal("-725.00");
  });

  it("has no impermanent loss when the price ends where it started", function () {
    const pnl = farmingPnl({
      hodlValueUsd: 1_000,
      priceRatio: 1,
      feesUsd: 5,
      rewardsUsd: 5,
      gasUsd: 1,
    });
    expect(pnl.impermanentLoss.isZero()).to.equal(true);
    expect(pnl.net.toString()).to.equal("9");
  });

  it("throws a typed error for a negative component or a zero holding", function () {
    const base = { hodlValueUsd: 1, priceRatio: 1, feesUsd: 0, rewardsUsd: 0, gasUsd: 0 };
    expect(() => farmingPnl({ ...base, gasUsd: -1 })).to.throw(AnalyticsError, "gas");
    expect(() => farmingPnl({ ...base, hodlValueUsd: 0 })).to.throw(AnalyticsError, "hodl");
    expect(() => farmingPnl({ ...base, priceRatio: 0 })).to.throw(AnalyticsError, "price ratio");
  });
});
