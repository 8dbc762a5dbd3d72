import { spawn } from "node:child_process";
import path from "node:path";

import { expect } from "chai";

import { CliError } from "../../lib/cli.js";
import { parseSimFlags } from "../../lib/sim/flags.js";
import { STRATEGIES } from "../../lib/sim/metrics.js";
import { DEFAULT_CONFIG } from "../../lib/sim/run.js";
import { Prng } from "../../lib/sim/prng.js";

function messageOf(argv: string[]): string {
  try {
    parseSimFlags(argv);
  } catch (error) {
    expect(error).to.be.instanceOf(CliError);
    return (error as Error).message;
  }
  throw new Error(`flags ${argv.join(" ")} were accepted`);
}

describe("the simulator's flags", function () {
  it("default to the documented configuration", function () {
    const { config, sweep, out, json } = parseSimFlags([]);
    expect(config).to.deep.equal(DEFAULT_CONFIG);
    expect(sweep).to.equal(undefined);
    expect(out).to.equal("out");
    expect(json).to.equal(false);
  });

  it("read every flag", function () {
    const { config, sweep } = parseSimFlags(
      "--seed 7 --days 90 --farmers 2 --traders 3 --deposit 500 --volume 1000 --trades 9 --trend 600 --rewards 50 --volatility 20 --strategies compound-daily,never-harvest --sweep volume=10,20".split(
        " ",
      ),
    );
    expect(config).to.deep.equal({
      seed: 7,
      days: 90,
      farmers: 2,
      traders: 3,
      depositUsdc: 500n,
      dailyVolumeUsdc: 1000n,
      tradesPerDay: 9,
      buyPermille: 600,
      rewardPerDay: 50n,
      volatilityPermille: 20,
      strategies: ["compound-daily", "never-harvest"],
    });
    expect(sweep).to.deep.equal({ kind: "volume", values: [10n, 20n] });
  });

  it("read a sweep over compounding frequency as one strategy per run", function () {
    const { sweep } = parseSimFlags(["--sweep", "compounding=daily,weekly,never,vault"]);
    expect(sweep).to.deep.equal({
      kind: "compounding",
      values: ["compound-daily", "compound-weekly", "never-harvest", "vault"],
    });
  });

  const BAD: [string[], string][] = [
    [["--days", "0"], "--days must be at least 1"],
    [["--days", "1.5"], "--days must be a whole number"],
    [["--seed=-1"], "--seed must be at least 0"],
    [["--farmers", "abc"], "--farmers must be a number"],
    [["--strategies", "yolo"], `--strategies takes ${STRATEGIES.join(", ")}`],
    [
      ["--sweep", "fees=1"],
      "--sweep takes volume=A,B,… (whole USDC a day) or compounding=daily,weekly,never,vault",
    ],
    [
      ["--sweep", "compounding=hourly"],
      "--sweep takes volume=A,B,… (whole USDC a day) or compounding=daily,weekly,never,vault",
    ],
    [["--farmers", "8", "--traders", "4"], "--farmers plus --traders must be at most 11"],
    [["--traders", "0"], "--trades needs at least one trader (--traders)"],
    [["--speed", "9"], "Unknown option '--speed'"],
  ];
  for (const [argv, expected] of BAD) {
    it(`refuse ${argv.join(" ")} in one line`, function () {
      const message = messageOf(argv);
      expect(message).to.contain(expected);
      expect(message).to.not.contain("\n");
    });
  }

  it("make the script print one line and exit non-zero", async function () {
    this.timeout(60_000);
    const child = spawn(
      process.execPath,
      ["--import", "tsx", path.join("scripts", "simulate.ts"), "--days", "zero"],
      {
        cwd: process.cwd(),
        env: { ...process.env, NO_COLOR: "1" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once("close", resolve));
    expect(code).to.equal(1);
    expect(stdout).to.equal("");
    expect(stderr.trim().split("\n")).to.have.length(1);
    expect(stderr).to.match(/^error: --days must be a number — usage: tsx scripts\/simulate\.ts/);
  });
});

describe("the simulator's PRNG", function () {
  it("repeats its sequence for a seed and differs between seeds", function () {
    const draw = (seed: number) => {
      const prng = new Prng(seed);
      return Array.from({ length: 8 }, () => prng.nextUint32());
    };
    expect(draw(1)).to.deep.equal(draw(1));
    expect(draw(1)).to.not.deep.equal(draw(2));
  });

  it("draws whole numbers below the bound, spread over all of them", function () {
    const prng = new Prng(3);
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < 10_000; i += 1) counts[prng.below(10)] += 1;
    for (const count of counts) expect(count).to.be.within(850, 1150);
  });

  it("refuses a seed outside 32 bits", function () {
    expect(() => new Prng(2 ** 32)).to.throw(RangeError, "seed must be a whole number");
    expect(() => new Prng(-1)).to.throw(RangeError);
  });
});
