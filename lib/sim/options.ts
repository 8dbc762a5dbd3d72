/**
 * The simulator's options, in one place: what each means, its Hardhat argument type and default,
 * and how the values become a run's configuration. The `sandbox simulate` task declares exactly
 * these options, and an option added here appears there (with its help line).
 */
import { ArgumentType } from "hardhat/types/arguments";
import { z } from "zod";

import { availableParallelism } from "node:os";

import type { PriceModel } from "./prices.js";
import { STRATEGIES, type Strategy } from "./valuation.js";

/** What a run simulates. Amounts are whole USDC. */
export interface SimConfig {
  seed: number;
  days: number;
  /** Farmers are handed strategies round-robin in `strategies`' order. */
  farmers: number;
  traders: number;
  strategies: readonly Strategy[];
  /** Each farmer's stake, half WETH and half USDC at the pool's price. */
  depositUsdc: bigint;
  /** Traders' daily volume in USDC, spread over `tradesPerDay` swaps of random size (50–150%). */
  dailyVolumeUsdc: bigint;
  tradesPerDay: number;
  /**
   * Where WETH's outside price goes, once a day; an arbitrageur (the first trader) then brings the
   * pool to it.
   */
  priceModel: PriceModel;
  /** The farm's emission, whole RWD a day, shared by the pool's stakers. */
  rewardPerDay: bigint;
  /** At most this many transactions in a block (a block every 12 s). */
  blockTxs: number;
}

export const DEFAULT_CONFIG: SimConfig = {
  seed: 1,
  days: 30,
  farmers: 5,
  traders: 2,
  strategies: STRATEGIES,
  depositUsdc: 10_000n,
  dailyVolumeUsdc: 40_000n,
  tradesPerDay: 6,
  priceModel: { kind: "steps", upPermille: 500, volatilityPermille: 30 },
  rewardPerDay: 500n,
  blockTxs: 8,
};

/** GBM's volatility when only --drift is given. */
export const DEFAULT_VOL = 0.6;
/** Days in a bootstrap block when --block is not given. */
export const DEFAULT_BOOTSTRAP_BLOCK = 5;

/** What `--sweep compounding=…` names map to: the farmers' strategies, by how often they compound. */
export const COMPOUNDING: Readonly<Record<string, Strategy>> = {
  daily: "compound-daily",
  weekly: "compound-weekly",
  never: "never-harvest",
  vault: "vault",
};

/** A sweep: one run per daily volume, or one run per compounding frequency (all farmers alike). */
export type Sweep =
  { kind: "volume"; values: bigint[] } | { kind: "compounding"; values: Strategy[] };

/** The simulator's options as Hardhat declares them, in the order `--help` lists them. */
export const SIM_OPTIONS = [
  {
    name: "seed",
    description: "Seed of the run's randomness: the same seed gives the same run",
    type: ArgumentType.INT,
    defaultValue: DEFAULT_CONFIG.seed,
  },
  {
    name: "days",
    description: "Days to simulate, 1 to 3650",
    type: ArgumentType.INT,
    defaultValue: DEFAULT_CONFIG.days,
  },
  {
    name: "farmers",
    description: "Farmers in the WETH/USDC pool, 1 to 5000",
    type: ArgumentType.INT,
    defaultValue: DEFAULT_CONFIG.farmers,
  },
  {
    name: "traders",
    description: "Traders swapping in the pool, 0 to 5000; the first one also arbitrages",
    type: ArgumentType.INT,
    defaultValue: DEFAULT_CONFIG.traders,
  },
  {
    name: "deposit",
    description: "Each farmer's stake in whole USDC, half WETH and half USDC",
    type: ArgumentType.INT,
    defaultValue: Number(DEFAULT_CONFIG.depositUsdc),
  },
  {
    name: "volume",
    description: "The traders' daily volume in whole USDC",
    type: ArgumentType.INT,
    defaultValue: Number(DEFAULT_CONFIG.dailyVolumeUsdc),
  },
  {
    name: "trades",
    description: "Swaps a day the volume is spread over",
    type: ArgumentType.INT,
    defaultValue: DEFAULT_CONFIG.tradesPerDay,
  },
  {
    name: "trend",
    description: "Chance in ‰ that WETH's outside price moves up on a day (500: no trend)",
    type: ArgumentType.INT,
    defaultValue: 500,
  },
  {
    name: "volatility",
    description: "WETH's daily price move in ‰, 0 to 500",
    type: ArgumentType.INT,
    defaultValue: 30,
  },
  {
    name: "rewards",
    description: "The farm's emission in whole RWD a day",
    type: ArgumentType.INT,
    defaultValue: Number(DEFAULT_CONFIG.rewardPerDay),
  },
  {
    name: "strategies",
    description: `The farmers' strategies, comma-separated, handed out round-robin (${STRATEGIES.join(", ")})`,
    type: ArgumentType.STRING,
    defaultValue: STRATEGIES.join(","),
  },
  {
    name: "drift",
    description: "Outside price as geometric Brownian motion: annual drift μ (e.g. 0.05)",
    type: ArgumentType.STRING_WITHOUT_DEFAULT,
    defaultValue: undefined,
  },
  {
    name: "vol",
    description: `Outside price as geometric Brownian motion: annual volatility σ (e.g. 0.8; ${DEFAULT_VOL} with --drift alone)`,
    type: ArgumentType.STRING_WITHOUT_DEFAULT,
    defaultValue: undefined,
  },
  {
    name: "prices",
    description: "Outside price as a block bootstrap of the daily returns of a CSV of daily prices",
    type: ArgumentType.STRING_WITHOUT_DEFAULT,
    defaultValue: undefined,
  },
  {
    name: "block",
    description: "Days in each block of the bootstrap (--prices)",
    type: ArgumentType.INT,
    defaultValue: DEFAULT_BOOTSTRAP_BLOCK,
  },
  {
    name: "paths",
    description: "Monte Carlo: price paths, each played from the same deployed state",
    type: ArgumentType.INT,
    defaultValue: 1,
  },
  {
    name: "workers",
    description: "Monte Carlo: worker threads, each with its own chain (0: one per core)",
    type: ArgumentType.INT,
    defaultValue: 0,
  },
  {
    name: "blockTxs",
    description: "Transactions in a block at most (a block every 12 s)",
    type: ArgumentType.INT,
    defaultValue: DEFAULT_CONFIG.blockTxs,
  },
  {
    name: "sweep",
    description: `One run per value: volume=A,B,… (whole USDC a day) or compounding=${Object.keys(COMPOUNDING).join(",")}`,
    type: ArgumentType.STRING_WITHOUT_DEFAULT,
    defaultValue: undefined,
  },
  {
    name: "out",
    description: "Folder the CSV, JSON and SVG of each run are written to",
    type: ArgumentType.STRING,
    defaultValue: "out",
  },
] as const;

/** The values of the simulator's options, as the task receives them. */
export interface SimArgs {
  seed: number;
  days: number;
  farmers: number;
  traders: number;
  deposit: number;
  volume: number;
  trades: number;
  trend: number;
  volatility: number;
  rewards: number;
  strategies: string;
  drift: string | undefined;
  vol: string | undefined;
  prices: string | undefined;
  block: number;
  paths: number;
  workers: number;
  blockTxs: number;
  sweep: string | undefined;
  out: string;
}

/** The options' defaults, as the task would receive them with none given. */
export const DEFAULT_SIM_ARGS: SimArgs = Object.fromEntries(
  SIM_OPTIONS.map((option) => [option.name, option.defaultValue]),
) as unknown as SimArgs;

/** A value of the simulator's options that cannot be used; the message is one line. */
export class SimOptionError extends Error {
  override name = "SimOptionError";
}

const whole = (name: string, min: number, max: number) =>
  z
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

const SWEEP_MESSAGE = `--sweep takes volume=A,B,… (whole USDC a day) or compounding=${Object.keys(COMPOUNDING).join(",")}`;
const NAMES = Object.keys(COMPOUNDING).join("|");

const sweepSpec = z
  .string()
  .regex(new RegExp(`^(volume=\\d+(,\\d+)*|compounding=(${NAMES})(,(${NAMES}))*)$`), SWEEP_MESSAGE)
  .transform((s): Sweep => {
    const [kind, list] = s.split("=");
    const items = list.split(",");
    return kind === "volume"
      ? { kind, values: items.map((v) => BigInt(v)) }
      : { kind: "compounding", values: items.map((v) => COMPOUNDING[v]) };
  });

const real = (name: string, min: number, max: number) =>
  z
    .string()
    .regex(/^-?\d+(\.\d+)?$/, `--${name} must be a number`)
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, `--${name} must be at least ${min}`)
        .max(max, `--${name} must be at most ${max}`),
    );

const SCHEMA = z.object({
  seed: whole("seed", 0, 0xffff_ffff),
  days: whole("days", 1, 3650),
  farmers: whole("farmers", 1, 5000),
  traders: whole("traders", 0, 5000),
  deposit: whole("deposit", 2, 1_000_000_000),
  volume: whole("volume", 0, 1_000_000_000),
  trades: whole("trades", 0, 1000),
  trend: whole("trend", 0, 1000),
  rewards: whole("rewards", 0, 1_000_000_000),
  volatility: whole("volatility", 0, 500),
  strategies: strategyList,
  drift: real("drift", -5, 5).optional(),
  vol: real("vol", 0, 5).optional(),
  prices: z.string().min(1, "--prices must name a file").optional(),
  block: whole("block", 1, 365),
  paths: whole("paths", 1, 100_000),
  workers: whole("workers", 0, 256),
  blockTxs: whole("blockTxs", 1, 25),
  sweep: sweepSpec.optional(),
  out: z.string().min(1, "--out must name a folder"),
});

function zodMessage(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue.message.startsWith("--")
    ? issue.message
    : `--${issue.path.join(".")}: ${issue.message}`;
}

/**
 * The run's configuration from the options' values (any not given take their defaults); throws a
 * SimOptionError naming the first value that cannot be used.
 */
export function simConfigFrom(args: Partial<SimArgs>): {
  config: SimConfig;
  sweep: Sweep | undefined;
  out: string;
  /** Monte Carlo: paths, and worker threads to play them on. */
  paths: number;
  workers: number;
  /** The CSV of daily prices to bootstrap the outside price from, read by the caller. */
  pricesFile: string | undefined;
  bootstrapBlock: number;
} {
  const parsed = SCHEMA.safeParse({ ...DEFAULT_SIM_ARGS, ...args });
  if (!parsed.success) throw new SimOptionError(zodMessage(parsed.error));
  const f = parsed.data;
  if (f.prices !== undefined && (f.drift !== undefined || f.vol !== undefined)) {
    throw new SimOptionError("--prices bootstraps a price history: drop --drift and --vol");
  }
  if (f.sweep !== undefined && f.paths > 1) {
    throw new SimOptionError("--sweep plays one path per run: drop --paths");
  }
  const priceModel: PriceModel =
    f.drift !== undefined || f.vol !== undefined
      ? { kind: "gbm", drift: f.drift ?? 0, vol: f.vol ?? DEFAULT_VOL }
      : { kind: "steps", upPermille: f.trend, volatilityPermille: f.volatility };
  if (f.trades > 0 && f.traders === 0) {
    throw new SimOptionError("--trades needs at least one trader (--traders)");
  }
  const config: SimConfig = {
    seed: f.seed,
    days: f.days,
    farmers: f.farmers,
    traders: f.traders,
    strategies: f.strategies,
    depositUsdc: BigInt(f.deposit),
    dailyVolumeUsdc: BigInt(f.volume),
    tradesPerDay: f.trades,
    priceModel,
    rewardPerDay: BigInt(f.rewards),
    blockTxs: f.blockTxs,
  };
  return {
    config,
    sweep: f.sweep,
    out: f.out,
    paths: f.paths,
    workers: f.workers === 0 ? availableParallelism() : f.workers,
    pricesFile: f.prices,
    bootstrapBlock: f.block,
  };
}
