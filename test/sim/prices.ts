import { expect } from "chai";

import { PriceModelError, dailyLogReturns, priceMultiples } from "../../lib/sim/prices.js";
import { pathStreams } from "../../lib/sim/random.js";
import { distribution, quantile } from "../../lib/sim/montecarlo.js";

describe("the simulator's price paths", function () {
  it("reads the daily log returns of a CSV's close column", function () {
    const returns = dailyLogReturns("date,open,close,volume\n1,9,100,5\n2,9,110,5\n3,9,99,5\n");
    expect(returns).to.have.length(2);
    expect(Math.abs(returns[0] - Math.log(1.1))).to.be.below(1e-15);
    expect(Math.abs(returns[1] - Math.log(0.9))).to.be.below(1e-15);
  });

  it("refuses a price that is not a positive number, naming the line", function () {
    expect(() => dailyLogReturns("date,price\n1,100\n2,-3\n", "eth.csv")).to.throw(
      PriceModelError,
      'eth.csv line 3: "-3" is not a positive price (column price)',
    );
    expect(() => dailyLogReturns("date,price\n1,100\n")).to.throw(PriceModelError, "at least two");
  });

  it("bootstraps whole blocks of the history's returns", function () {
    // Returns 0.01, 0.02, … 0.10: every block of 3 is three consecutive steps of 0.01.
    const returns = Array.from({ length: 10 }, (_, i) => (i + 1) / 100);
    const m = priceMultiples(
      { kind: "bootstrap", returns, block: 3, source: "x" },
      9,
      pathStreams(1, 0).prices,
    );
    const steps = m.map((x, i) => Math.log(x) - (i === 0 ? 0 : Math.log(m[i - 1])));
    for (let b = 0; b < 9; b += 3) {
      expect(Math.abs(steps[b + 1] - steps[b] - 0.01)).to.be.below(1e-12);
      expect(Math.abs(steps[b + 2] - steps[b + 1] - 0.01)).to.be.below(1e-12);
    }
  });

  it("draws GBM log returns with mean (μ − σ²/2)Δt and variance σ²Δt within 4 standard errors", function () {
    const [drift, vol, days] = [0.2, 0.9, 20_000];
    const m = priceMultiples({ kind: "gbm", drift, vol }, days, pathStreams(11, 0).prices);
    const steps = m.map((x, i) => Math.log(x) - (i === 0 ? 0 : Math.log(m[i - 1])));
    const dt = 1 / 365;
    const mean = steps.reduce((a, b) => a + b, 0) / days;
    const variance = steps.reduce((a, b) => a + (b - mean) ** 2, 0) / (days - 1);
    expect(Math.abs(mean - (drift - vol ** 2 / 2) * dt)).to.be.below(
      4 * vol * Math.sqrt(dt / days),
    );
    expect(Math.abs(variance - vol ** 2 * dt)).to.be.below(4 * vol ** 2 * dt * Math.sqrt(2 / days));
  });

  it("stays flat at zero volatility and zero drift", function () {
    const m = priceMultiples({ kind: "gbm", drift: 0, vol: 0 }, 5, pathStreams(1, 0).prices);
    expect(m).to.deep.equal([1, 1, 1, 1, 1]);
  });
});

describe("the Monte Carlo summary", function () {
  it("takes quantiles between order statistics as R's type 7 does", function () {
    const xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    // R: quantile(1:10, c(.05, .25, .5, .75, .95)) = 1.45 3.25 5.50 7.75 9.55
    expect([0.05, 0.25, 0.5, 0.75, 0.95].map((q) => quantile(xs, q))).to.deep.equal([
      1.45, 3.25, 5.5, 7.75, 9.549999999999999,
    ]);
    expect(distribution([3, 1, 2]).mean).to.equal(2);
  });
});
