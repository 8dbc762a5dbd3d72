/**
 * The yield simulator: farmers with different strategies and randomly trading traders on a fresh
 * in-process sandbox, day by day. Writes CSV, JSON and an SVG chart to out/sim-<seed>-<time>/,
 * prints a summary table (stdout) and a progress bar (stderr, on a terminal only).
 * Usage: see USAGE.
 */
import path from "node:path";

import { z } from "zod";

import { CliError, connectNetwork, parseFlags, runMain } from "../lib/cli.js";
import { deploySandbox, deploySimMarket } from "../lib/sim/deploy.js";
import { STRATEGIES, type Strategy } from "../lib/sim/metrics.js";
import { lastDay, records, summaryTable, toJson, writeRun } from "../lib/sim/output.js";
import { DEFAULT_CONFIG, type SimConfig, type SimResult, runSimulation } from "../lib/sim/run.js";

const USAGE =
  "tsx scripts/simulate.ts [--seed N] [--days N] [--farmers N] [--traders N] [--deposit USDC] " +
  "[--volume USDC/day] [--trades N/day] [--trend ‰] [--rewards RWD/day] [--strategies a,b] [--sweep volume=A,B,…] " +
  "[--out DIR] [--json]";

const whole = (name: string, min: number, max: number) =>
  z.coerce
    .number({ invalid_type_error: `--${name} must be a number` })
    .int(`--${name} must be a whole number`)
    .min(min, `--${name} must be at least ${min}`)
    .max(max, `--${name} must be at most ${max}`);

const strategyList = z
  .string()
  .transform((s) => s.split(",").map((x) => x.trim()))
  .pipe(
    z
      .array(
        z.enum(STRATEGIES, {
          errorMap: () => ({ message: `--strategies takes ${STRATEGIES.join(", ")}` }),
        }),
      )
      .min(1),
  );

const sweepSpec = z
  .string()
  .regex(/^volume=\d+(,\d+)*$/, "--sweep takes volume=A,B,… (whole USDC a day)")
  .transform((s) =>
    s
      .slice("volume=".length)
      .split(",")
      .map((v) => BigInt(v)),
  );

const FLAGS = z.object({
  seed: whole("seed", 0, 0xffff_ffff),
  days: whole("days", 1, 3650),
  farmers: whole("farmers", 1, 11),
  traders: whole("traders", 0, 10),
  deposit: whole("deposit", 2, 1_000_000_000),
  volume: whole("volume", 0, 1_000_000_000),
  trades: whole("trades", 0, 1000),
  trend: whole("trend", 0, 1000),
  rewards: whole("rewards", 0, 1_000_000_000),
  strategies: strategyList,
  sweep: sweepSpec.optional(),
  out: z.string().min(1),
});

function zodMessage(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue.message.startsWith("--")
    ? issue.message
    : `--${issue.path.join(".")}: ${issue.message}`;
}

/** Parses and validates the flags into a configuration; one readable line when they are wrong. */
export function parseSimFlags(argv: string[]) {
  const raw = parseFlags(
    USAGE,
    {
      seed: { type: "string", default: String(DEFAULT_CONFIG.seed) },
      days: { type: "string", default: String(DEFAULT_CONFIG.days) },
      farmers: { type: "string", default: String(DEFAULT_CONFIG.farmers) },
      traders: { type: "string", default: String(DEFAULT_CONFIG.traders) },
      deposit: { type: "string", default: String(DEFAULT_CONFIG.depositUsdc) },
      volume: { type: "string", default: String(DEFAULT_CONFIG.dailyVolumeUsdc) },
      trades: { type: "string", default: String(DEFAULT_CONFIG.tradesPerDay) },
      trend: { type: "string", default: String(DEFAULT_CONFIG.buyPermille) },
      rewards: { type: "string", default: String(DEFAULT_CONFIG.rewardPerDay) },
      strategies: { type: "string", default: STRATEGIES.join(",") },
      sweep: { type: "string" },
      out: { type: "string", default: "out" },
    },
    argv,
  );
  const parsed = FLAGS.safeParse(raw);
  if (!parsed.success) throw new CliError(`${zodMessage(parsed.error)} — usage: ${USAGE}`);
  const f = parsed.data;
  if (f.farmers + f.traders > 11) {
    throw new CliError(
      `--farmers plus --traders must be at most 11 (the chain's spare accounts), got ${f.farmers + f.traders}`,
    );
  }
  if (f.trades > 0 && f.traders === 0)
    throw new CliError("--trades needs at least one trader (--traders)");
  const config: SimConfig = {
    seed: f.seed,
    days: f.days,
    farmers: f.farmers,
    traders: f.traders,
    strategies: f.strategies as Strategy[],
    depositUsdc: BigInt(f.deposit),
    dailyVolumeUsdc: BigInt(f.volume),
    tradesPerDay: f.trades,
    buyPermille: f.trend,
    rewardPerDay: BigInt(f.rewards),
  };
  return { config, sweep: f.sweep, out: f.out, json: raw.json, network: raw.network };
}

function progress(days: number): (day: number) => void {
  if (!process.stderr.isTTY) return () => {};
  const colour = (process.env.NO_COLOR ?? "") === "";
  return (day) => {
    const width = 30;
    const done = Math.round((day / days) * width);
    const bar = `${"█".repeat(done)}${"░".repeat(width - done)}`;
    process.stderr.write(`\r${colour ? `\x1b[36m${bar}\x1b[0m` : bar} day ${day}/${days}`);
    if (day === days) process.stderr.write("\n");
  };
}

async function simulateOnce(network: string, config: SimConfig): Promise<SimResult> {
  const connection = await connectNetwork(network);
  if (connection.networkConfig.type !== "edr-simulated") {
    throw new CliError(
      `the simulator moves time on the in-process chain; --network ${network} is a node`,
    );
  }
  process.stderr.write(`deploying the sandbox (seed ${config.seed})\n`);
  const sandbox = await deploySandbox(connection);
  const contracts = await deploySimMarket(sandbox, config.rewardPerDay);
  return runSimulation(connection, contracts, config, progress(config.days));
}

async function main(): Promise<void> {
  const { config, sweep, out, json, network } = parseSimFlags(process.argv.slice(2));
  process.stderr.write(`seed ${config.seed}\n`);
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..*$/, "");
  const runs = sweep ?? [config.dailyVolumeUsdc];
  const outputs: Record<string, unknown>[] = [];
  for (const volume of runs) {
    const runConfig = { ...config, dailyVolumeUsdc: volume };
    const result = await simulateOnce(network, runConfig);
    const dir = path.join(out, `sim-${config.seed}-${stamp}${sweep ? `-volume-${volume}` : ""}`);
    const files = await writeRun(dir, result);
    process.stderr.write(`wrote ${files.join(", ")}\n`);
    if (json) {
      outputs.push(toJson(result, { files }));
    } else {
      process.stdout.write(
        `seed ${config.seed}, ${config.days} days, ${volume} USDC a day of volume, ` +
          `${result.transactions} transactions in ${(result.loopMs / 1000).toFixed(1)} s\n`,
      );
      process.stdout.write(`${summaryTable(result)}\n`);
    }
  }
  if (json) {
    process.stdout.write(`${JSON.stringify(sweep ? outputs : outputs[0], null, 2)}\n`);
  }
}

export { lastDay, records };

if (import.meta.url === `file://${process.argv[1]}`) runMain(main);
