/**
 * The simulator's options, in one place: what each means, its Hardhat argument type and default,
 * and how the values become a run's configuration. The `sandbox simulate` task declares exactly
 * these options, and an option added here appears there (with its help line).
 */
import { ArgumentType } from "hardhat/types/arguments";
import { z } from "zod";

import { STRATEGIES, type Strategy } from "./metrics.js";

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
   * The outside price of WETH moves once a day by ± `volatilityPermille` ‰, up with chance
   * `buyPermille` ‰ (500: no trend); an arbitrageur (the first trader) then brings the pool to it.
   */
  buyPermille: number;
  volatilityPermille: number;
  /** The farm's emission, whole RWD a day, shared by the pool's stakers. */
  rewardPerDay: bigint;
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
  buyPermille: 500,
  volatilityPermille: 30,
  rewardPerDay: 500n,
};

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
    description: "Farmers in the WETH/USDC pool, 1 to 11 (with the traders, 11 at most)",
    type: ArgumentType.INT,
    defaultValue: DEFAULT_CONFIG.farmers,
  },
  {
    name: "traders",
    description: "Traders swapping in the pool, 0 to 10; the first one also arbitrages",
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
    defaultValue: DEFAULT_CONFIG.buyPermille,
  },
  {
    name: "volatility",
    description: "WETH's daily price move in ‰, 0 to 500",
    type: ArgumentType.INT,
    defaultValue: DEFAULT_CONFIG.volatilityPermille,
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

const SCHEMA = z.object({
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
} {
  const parsed = SCHEMA.safeParse({ ...DEFAULT_SIM_ARGS, ...args });
  if (!parsed.success) throw new SimOptionError(zodMessage(parsed.error));
  const f = parsed.data;
  if (f.farmers + f.traders > 11) {
    throw new SimOptionError(
      `--farmers plus --traders must be at most 11 (the chain's spare accounts), got ${f.farmers + f.traders}`,
    );
  }
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
    buyPermille: f.trend,
    rewardPerDay: BigInt(f.rewards),
    volatilityPermille: f.volatility,
  };
  return { config, sweep: f.sweep, out: f.out };
}
