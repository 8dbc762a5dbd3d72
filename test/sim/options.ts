import { expect } from "chai";

import { STRATEGIES } from "../../lib/sim/valuation.js";
import {
  DEFAULT_CONFIG,
  DEFAULT_SIM_ARGS,
  SIM_OPTIONS,
  type SimArgs,
  SimOptionError,
  simConfigFrom,
} from "../../lib/sim/options.js";
import { pathStreams } from "../../lib/sim/random.js";
import { runHardhat } from "../helpers/tasks.js";

function messageOf(args: Partial<SimArgs>): string {
  try {
    simConfigFrom(args);
  } catch (error) {
    expect(error).to.be.instanceOf(SimOptionError);
    return (error as Error).message;
  }
  throw new Error(`options ${JSON.stringify(args)} were accepted`);
}

describe("the simulator's options", function () {
  it("default to the documented configuration", function () {
    const { config, sweep, out } = simConfigFrom({});
    expect(config).to.deep.equal({
      seed: 1,
      days: 30,
      farmers: 5,
      traders: 2,
      strategies: [
        "harvest-and-hold",
        "compound-daily",
        "compound-weekly",
        "never-harvest",
        "vault",
      ],
      depositUsdc: 10_000n,
      dailyVolumeUsdc: 40_000n,
      tradesPerDay: 6,
      priceModel: { kind: "steps", upPermille: 500, volatilityPermille: 30 },
      rewardPerDay: 500n,
      blockTxs: 8,
    });
    expect(config).to.deep.equal(DEFAULT_CONFIG);
    expect(sweep).to.equal(undefined);
    expect(out).to.equal("out");
  });

  it("are declared once each, with a help line, in the order of the configuration", function () {
    expect(SIM_OPTIONS.map((o) => o.name)).to.deep.equal([
      "seed",
      "days",
      "farmers",
      "traders",
      "deposit",
      "volume",
      "trades",
      "trend",
      "volatility",
      "rewards",
      "strategies",
      "drift",
      "vol",
      "prices",
      "block",
      "paths",
      "workers",
      "blockTxs",
      "sweep",
      "out",
    ]);
    for (const option of SIM_OPTIONS) expect(option.description, option.name).to.not.equal("");
    expect(Object.keys(DEFAULT_SIM_ARGS)).to.have.length(SIM_OPTIONS.length);
  });

  it("read every option", function () {
    const { config, sweep } = simConfigFrom({
      seed: 7,
      days: 90,
      farmers: 2,
      traders: 3,
      deposit: 500,
      volume: 1000,
      trades: 9,
      trend: 600,
      rewards: 50,
      volatility: 20,
      strategies: "compound-daily,never-harvest",
      sweep: "volume=10,20",
    });
    expect(config).to.deep.equal({
      seed: 7,
      days: 90,
      farmers: 2,
      traders: 3,
      depositUsdc: 500n,
      dailyVolumeUsdc: 1000n,
      tradesPerDay: 9,
      priceModel: { kind: "steps", upPermille: 600, volatilityPermille: 20 },
      rewardPerDay: 50n,
      blockTxs: 8,
      strategies: ["compound-daily", "never-harvest"],
    });
    expect(sweep).to.deep.equal({ kind: "volume", values: [10n, 20n] });
  });

  it("read a sweep over compounding frequency as one strategy per run", function () {
    const { sweep } = simConfigFrom({ sweep: "compounding=daily,weekly,never,vault" });
    expect(sweep).to.deep.equal({
      kind: "compounding",
      values: ["compound-daily", "compound-weekly", "never-harvest", "vault"],
    });
  });

  const BAD: [Partial<SimArgs>, string][] = [
    [{ days: 0 }, "--days must be at least 1"],
    [{ days: 1.5 }, "--days must be a whole number"],
    [{ days: 3651 }, "--days must be at most 3650"],
    [{ seed: -1 }, "--seed must be at least 0"],
    [{ strategies: "yolo" }, `--strategies takes ${STRATEGIES.join(", ")}`],
    [
      { sweep: "fees=1" },
      "--sweep takes volume=A,B,… (whole USDC a day) or compounding=daily,weekly,never,vault",
    ],
    [
      { sweep: "compounding=hourly" },
      "--sweep takes volume=A,B,… (whole USDC a day) or compounding=daily,weekly,never,vault",
    ],
    [{ farmers: 5001 }, "--farmers must be at most 5000"],
    [{ vol: "high" }, "--vol must be a number"],
    [
      { prices: "eth.csv", vol: "0.5" },
      "--prices bootstraps a price history: drop --drift and --vol",
    ],
    [{ paths: 2, sweep: "volume=1,2" }, "--sweep plays one path per run: drop --paths"],
    [{ blockTxs: 0 }, "--blockTxs must be at least 1"],
    [{ traders: 0 }, "--trades needs at least one trader (--traders)"],
    [{ out: "" }, "--out must name a folder"],
  ];
  for (const [args, expected] of BAD) {
    it(`refuse ${JSON.stringify(args)} in one line`, function () {
      const message = messageOf(args);
      expect(message).to.contain(expected);
      expect(message).to.not.contain("\n");
    });
  }

  it("make the task print one line and exit 1 on a value out of range, and Hardhat refuse a non-number", async function () {
    this.timeout(120_000);
    const [range, type] = await Promise.all([
      runHardhat(["sandbox", "simulate", "--days", "0"]),
      runHardhat(["sandbox", "simulate", "--days", "zero"]),
    ]);
    expect(range.code).to.equal(1);
    expect(range.stdout).to.equal("");
    expect(range.stderr).to.equal("error: --days must be at least 1\n");
    // Hardhat checks the option's type before the task runs: its error names the value and type.
    expect(type.code).to.equal(1);
    expect(type.stdout).to.equal("");
    expect(type.stderr.split("\n")[0]).to.equal(
      'Error HHE500: Invalid value "zero" for argument "days" of type "INT"',
    );
  });
});

describe("the simulator's randomness", function () {
  it("repeats a path's streams for a seed and differs between paths and seeds", function () {
    const draw = (seed: number, path: number) => {
      const { trades, prices } = pathStreams(seed, path);
      return [...Array.from({ length: 4 }, () => trades.below(1_000_000)), prices.uniform()];
    };
    expect(draw(1, 0)).to.deep.equal(draw(1, 0));
    expect(draw(1, 0)).to.not.deep.equal(draw(1, 1));
    expect(draw(1, 0)).to.not.deep.equal(draw(2, 0));
  });

  it("draws whole numbers below the bound, spread over all of them", function () {
    const { trades } = pathStreams(3, 0);
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < 10_000; i += 1) counts[trades.below(10)] += 1;
    for (const count of counts) expect(count).to.be.within(850, 1150);
  });

  it("draws standard normals: mean 0 and variance 1 within 4 standard errors over 20,000", function () {
    const { prices } = pathStreams(5, 0);
    const n = 20_000;
    const xs = Array.from({ length: n }, () => prices.normal());
    const mean = xs.reduce((a, b) => a + b, 0) / n;
    const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
    expect(Math.abs(mean)).to.be.below(4 / Math.sqrt(n));
    // The sample variance of n normals has standard error √(2 / (n − 1)).
    expect(Math.abs(variance - 1)).to.be.below(4 * Math.sqrt(2 / (n - 1)));
  });

  it("shuffles into a permutation of the items", function () {
    const { trades } = pathStreams(9, 0);
    const items = Array.from({ length: 50 }, (_, i) => i);
    const shuffled = trades.shuffle(items);
    expect([...shuffled].sort((a, b) => a - b)).to.deep.equal(items);
    expect(shuffled).to.not.deep.equal(items);
  });

  it("refuses a seed outside 32 bits and a negative path", function () {
    expect(() => pathStreams(2 ** 32, 0)).to.throw(RangeError, "seed must be a whole number");
    expect(() => pathStreams(-1, 0)).to.throw(RangeError);
    expect(() => pathStreams(1, -1)).to.throw(RangeError, "path must be a whole number");
  });
});
