import { z } from "zod";

import { CliError, parseFlags } from "../cli.js";
import { STRATEGIES, type Strategy } from "./metrics.js";
import { DEFAULT_CONFIG, type SimConfig } from "./run.js";

export const USAGE =
  "tsx scripts/simulate.ts [--seed N] [--days N] [--farmers N] [--traders N] [--deposit USDC] " +
  "[--volume USDC/day] [--trades N/day] [--trend ‰] [--volatility ‰/day] [--rewards RWD/day] [--strategies a,b] [--sweep volume=A,B,…|compounding=daily,weekly,never,vault] " +
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

/** What `--compounding` names map to: the farmers' strategies, by how often they compound. */
export const COMPOUNDING: Readonly<Record<string, Strategy>> = {
  daily: "compound-daily",
  weekly: "compound-weekly",
  never: "never-harvest",
  vault: "vault",
};

/** A sweep: one run per daily volume, or one run per compounding frequency (all farmers alike). */
export type Sweep =
  { kind: "volume"; values: bigint[] } | { kind: "compounding"; values: Strategy[] };

const SWEEP_MESSAGE = `--sweep takes volume=A,B,… (whole USDC a day) or compounding=${Object.keys(COMPOUNDING).join(",")}`;

const sweepSpec = z
  .string()
  .regex(
    new RegExp(
      `^(volume=\\d+(,\\d+)*|compounding=(${Object.keys(COMPOUNDING).join("|")})(,(${Object.keys(COMPOUNDING).join("|")}))*)$`,
    ),
    SWEEP_MESSAGE,
  )
  .transform((s): Sweep => {
    const [kind, list] = s.split("=");
    const items = list.split(",");
    return kind === "volume"
      ? { kind, values: items.map((v) => BigInt(v)) }
      : { kind: "compounding", values: items.map((v) => COMPOUNDING[v]) };
  });

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
  volatility: whole("volatility", 0, 500),
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
      volatility: { type: "string", default: String(DEFAULT_CONFIG.volatilityPermille) },
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
    volatilityPermille: f.volatility,
  };
  return { config, sweep: f.sweep, out: f.out, json: raw.json, network: raw.network };
}
