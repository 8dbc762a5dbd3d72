import { expect } from "chai";

import { D } from "../../lib/pure/analytics/decimal.js";
import { deploySimMarket } from "../../lib/sim/deploy.js";
import { type PathOutcome, outcomesCsv, pathOutcome } from "../../lib/sim/montecarlo.js";
import {
  type SimConfig,
  closeWorld,
  openWorld,
  playPath,
  runSimulation,
} from "../../lib/sim/run.js";
import { runMonteCarlo } from "../../lib/sim/workers.js";
import { ethers, loadFixture, networkHelpers } from "../helpers/connection.js";
import { sandboxFixture } from "../helpers/fixtures.js";

/** The deployment's RWD/WETH pool (100,000 RWD for 50 WETH) at 2,000 USDC per WETH: 1 USDC per RWD. */
const RWD_PRICE = new D(1);

const BASE: SimConfig = {
  seed: 7,
  days: 10,
  farmers: 1,
  traders: 1,
  strategies: ["never-harvest"],
  depositUsdc: 100n,
  dailyVolumeUsdc: 0n,
  tradesPerDay: 0,
  priceModel: { kind: "gbm", drift: 0, vol: 0 },
  rewardPerDay: 50n,
  blockTxs: 8,
};

async function marketFixture() {
  const sandbox = await loadFixture(sandboxFixture);
  return deploySimMarket(sandbox, BASE.rewardPerDay);
}

/** 2√r / (1 + r) − 1. */
const closedFormIl = (r: number) => (2 * Math.sqrt(r)) / (1 + r) - 1;

/** Plays paths 0…n−1 of `config` in this process, from one snapshot. */
async function playPaths(config: SimConfig, n: number): Promise<PathOutcome[]> {
  const contracts = await loadFixture(marketFixture);
  const world = await openWorld({ ethers, networkHelpers }, contracts, config);
  try {
    const outcomes: PathOutcome[] = [];
    for (let p = 0; p < n; p += 1) outcomes.push(pathOutcome(await playPath(world, p)));
    return outcomes;
  } finally {
    await closeWorld(world);
  }
}

describe("the simulator against closed forms", function () {
  this.timeout(300_000);

  it("gives compound-daily the APY (1 + APR/365)^365 − 1 and never-harvest the APR of the farm's emission, within 0.1 percentage point, at zero volatility and volume", async function () {
    const contracts = await loadFixture(marketFixture);
    const days = 73;
    const result = await runSimulation({ ethers, networkHelpers }, contracts, {
      ...BASE,
      days,
      farmers: 2,
      strategies: ["compound-daily", "never-harvest"],
    });
    const [daily, never] = result.farmers;
    // The farm's stake when the farmers came in: today's, less what compounding added since.
    const staked = (await contracts.farm.poolInfo(0n)).totalStaked - (daily.lp - never.lp);
    const hodl = new D(BASE.depositUsdc.toString());
    const apr = new D(BASE.rewardPerDay.toString())
      .mul(365)
      .mul(RWD_PRICE)
      .mul(never.lp.toString())
      .div(staked.toString())
      .div(hodl);
    const apy = apr.div(365).plus(1).pow(365).minus(1);
    const row = (s: string) => result.rows.find((r) => r.day === days && r.strategy === s);
    const [compounding, holding] = [row("compound-daily"), row("never-harvest")];
    if (compounding === undefined || holding === undefined)
      throw new Error("a strategy is missing");
    expect(apr.gt("0.01"), `the farm pays ${apr}`).to.be.true;
    expect(compounding.apy.minus(apy).abs().lte("0.001"), `APY ${compounding.apy} vs ${apy}`).to.be
      .true;
    expect(holding.apr.minus(apr).abs().lte("0.001"), `APR ${holding.apr} vs ${apr}`).to.be.true;
  });

  it("gives the fee-less LP of every path the impermanent loss 2√r / (1 + r) − 1 of its price ratio, within 0.1%", async function () {
    const outcomes = await playPaths(
      { ...BASE, priceModel: { kind: "gbm", drift: 0, vol: 1.2 } },
      12,
    );
    const ratios = outcomes.map((o) => Number(o.endPrice) / Number(o.entryPrice));
    expect(Math.max(...ratios) / Math.min(...ratios), "the paths spread").to.be.greaterThan(1.1);
    for (const [i, o] of outcomes.entries()) {
      const il = Number(o.strategies[0].il);
      const expected = closedFormIl(ratios[i]);
      expect(Math.abs(il - expected), `path ${o.path}: ${il} vs ${expected}`).to.be.at.most(
        0.001 * Math.abs(expected) + 1e-9,
      );
    }
  });

  it("gives a mean IL over 200 GBM paths within 3 standard errors of the lognormal expectation, integrated numerically", async function () {
    const vol = 0.8;
    const drift = 0.1;
    const outcomes = await playPaths({ ...BASE, priceModel: { kind: "gbm", drift, vol } }, 200);
    const ils = outcomes.map((o) => Number(o.strategies[0].il));
    const mean = ils.reduce((a, b) => a + b, 0) / ils.length;
    const sd = Math.sqrt(ils.reduce((a, b) => a + (b - mean) ** 2, 0) / (ils.length - 1));
    const se = sd / Math.sqrt(ils.length);
    // E[IL(R)] with ln R ~ N((μ − σ²/2)T, σ²T): Simpson's rule over ±10 standard deviations.
    const t = BASE.days / 365;
    const m = (drift - (vol * vol) / 2) * t;
    const s = vol * Math.sqrt(t);
    const n = 4000;
    const h = (20 * s) / n;
    let integral = 0;
    for (let k = 0; k <= n; k += 1) {
      const x = m - 10 * s + k * h;
      const density = Math.exp(-((x - m) ** 2) / (2 * s * s)) / (s * Math.sqrt(2 * Math.PI));
      const weight = k === 0 || k === n ? 1 : k % 2 === 1 ? 4 : 2;
      integral += weight * closedFormIl(Math.exp(x)) * density;
    }
    const expected = (integral * h) / 3;
    expect(expected).to.be.below(-0.001);
    expect(Math.abs(mean - expected), `mean ${mean} vs ${expected} (SE ${se})`).to.be.at.most(
      3 * se,
    );
  });

  it("splits every one of 1,000 farmers' PnL against holding into fees, rewards and IL within 1e-12 USDC", async function () {
    const contracts = await loadFixture(marketFixture);
    const result = await runSimulation({ ethers, networkHelpers }, contracts, {
      ...BASE,
      days: 2,
      farmers: 1000,
      traders: 5,
      tradesPerDay: 6,
      dailyVolumeUsdc: 20_000n,
      strategies: [
        "harvest-and-hold",
        "compound-daily",
        "compound-weekly",
        "never-harvest",
        "vault",
      ],
      priceModel: { kind: "gbm", drift: 0, vol: 0.8 },
    });
    expect(result.positions).to.have.length(1000);
    expect(new Set(result.farmers.map((b) => b.address)).size).to.equal(1000);
    for (const [i, p] of result.positions.entries()) {
      const gap = p.fees.plus(p.rewards).plus(p.il).minus(p.pnlVsHodl).abs();
      expect(gap.lte("1e-12"), `farmer ${i}: ${gap}`).to.be.true;
      expect(p.value.gt(0), `farmer ${i} has a position`).to.be.true;
    }
  });

  it("writes byte-identical CSVs with 1 and with 2 workers", async function () {
    const config: SimConfig = {
      ...BASE,
      days: 3,
      farmers: 5,
      traders: 2,
      tradesPerDay: 4,
      dailyVolumeUsdc: 40_000n,
      strategies: [
        "harvest-and-hold",
        "compound-daily",
        "compound-weekly",
        "never-harvest",
        "vault",
      ],
      priceModel: { kind: "gbm", drift: 0, vol: 0.8 },
    };
    const one = await runMonteCarlo({ config, paths: 4, workers: 1 });
    const two = await runMonteCarlo({ config, paths: 4, workers: 2 });
    expect(one.outcomes.map((o) => o.path)).to.deep.equal([0, 1, 2, 3]);
    expect(new Set(one.outcomes.map((o) => o.endPrice)).size, "the paths differ").to.equal(4);
    expect(outcomesCsv(two.outcomes)).to.equal(outcomesCsv(one.outcomes));
  });
});
