import { expect } from "chai";

import { AnalyticsError } from "../../../../lib/pure/analytics/decimal.js";
import { V2_FEE_RATE, feeApr, feeIncome } from "../../../../lib/pure/analytics/fees.js";

describe("analytics: fees", function () {
  it("earns liquidity providers 0.30% of the volume", function () {
    expect(V2_FEE_RATE.toString()).to.equal("0.003");
    expect(feeIncome(1_000_000).toString()).to.equal("3000");
    expect(feeIncome(1_000_000, "0.0005").toString()).to.equal("500");
  });

  it("computes the fee APR from daily volume and TVL", function () {
    // $2M a day through a $10M pool at 0.30%: 6,000 × 365 / 10M = 21.9%.
    const table: [number, number, string][] = [
      [2_000_000, 10_000_000, "0.219"],
      [0, 10_000_000, "0"],
      [10_000_000, 10_000_000, "1.095"],
    ];
    for (const [volume, tvl, apr] of table) {
      expect(feeApr({ dailyVolumeUsd: volume, tvlUsd: tvl }).toString()).to.equal(apr);
    }
  });

  it("throws a typed error for a zero TVL or a negative volume", function () {
    expect(() => feeApr({ dailyVolumeUsd: 1, tvlUsd: 0 })).to.throw(AnalyticsError, "TVL");
    expect(() => feeIncome(-1)).to.throw(AnalyticsError, "volume");
  });
});
