import {
  AnalyticsError,
  D,
  type Numeric,
  SECONDS_PER_YEAR,
  dec,
  fromUnits,
  requireNonNegative,
  requirePositive,
} from "./decimal.js";

/** Compounding frequencies, in periods per year. */
export const COMPOUNDING = {
  yearly: 1,
  monthly: 12,
  weekly: 52,
  daily: 365,
  hourly: 8_760,
} as const;

function requirePeriods(periodsPerYear: number): number {
  if (!Number.isInteger(periodsPerYear) || periodsPerYear < 1) {
    throw new AnalyticsError(`periods per year must be a whole number >= 1, got ${periodsPerYear}`);
  }
  return periodsPerYear;
}

function requireRate(name: string, rate: D): D {
  if (!rate.isFinite() || rate.lte(-1)) {
    throw new AnalyticsError(`${name} must be above -100%, got ${rate.toString()}`);
  }
  return rate;
}

/**
 * APR of a reward stream: value of a year of rewards over the value staked.
 * APR = rewardPerSecond × seconds per year × reward price / TVL.
 */
export function aprFromRewardRate(args: {
  rewardPerSecond: bigint;
  rewardDecimals: number;
  rewardPriceUsd: Numeric;
  tvlUsd: Numeric;
}): D {
  const price = requireNonNegative("reward price", dec(args.rewardPriceUsd));
  const tvl = requirePositive("TVL", dec(args.tvlUsd));
  if (args.rewardPerSecond < 0n) throw new AnalyticsError("reward rate must not be negative");
  const yearly = fromUnits(args.rewardPerSecond * SECONDS_PER_YEAR, args.rewardDecimals);
  return yearly.mul(price).div(tvl);
}

/** APR from a periodic rate: APR = r × n. */
export function aprFromPeriodicRate(rate: Numeric, periodsPerYear: number): D {
  return dec(rate).mul(requirePeriods(periodsPerYear));
}

/** APY of an APR compounded n times a year: (1 + APR/n)^n − 1. */
export function aprToApy(apr: Numeric, periodsPerYear: number): D {
  const n = requirePeriods(periodsPerYear);
  const a = requireRate("APR", dec(apr));
  return a.div(n).plus(1).pow(n).minus(1);
}

/** The APR that compounded n times a year gives `apy`: n × ((1 + APY)^(1/n) − 1). */
export function apyToApr(apy: Numeric, periodsPerYear: number): D {
  const n = requirePeriods(periodsPerYear);
  const y = requireRate("APY", dec(apy));
  return y.plus(1).pow(new D(1).div(n)).minus(1).mul(n);
}

/** APY of an APR compounded continuously: e^APR − 1. */
export function aprToApyContinuous(apr: Numeric): D {
  return D.exp(dec(apr)).minus(1);
}

/** The APR that compounded continuously gives `apy`: ln(1 + APY). */
export function apyToAprContinuous(apy: Numeric): D {
  return D.ln(requireRate("APY", dec(apy)).plus(1));
}

/** Interest without compounding: principal × APR × years. */
export function simpleInterest(principal: Numeric, apr: Numeric, years: Numeric = 1): D {
  return requireNonNegative("principal", dec(principal)).mul(dec(apr)).mul(dec(years));
}

/** Interest compounded n times a year over whole periods: principal × ((1 + APR/n)^(n·years) − 1). */
export function compoundInterest(
  principal: Numeric,
  apr: Numeric,
  periodsPerYear: number,
  years: Numeric = 1,
): D {
  const n = requirePeriods(periodsPerYear);
  const p = requireNonNegative("principal", dec(principal));
  const a = requireRate("APR", dec(apr));
  return p.mul(a.div(n).plus(1).pow(dec(years).mul(n)).minus(1));
}
