import { D, fromUnits } from "../pure/analytics/decimal.js";

/** The farmers' strategies, in the order tables and charts list them. */
export const STRATEGIES = [
  "harvest-and-hold",
  "compound-daily",
  "compound-weekly",
  "never-harvest",
  "vault",
] as const;
export type Strategy = (typeof STRATEGIES)[number];

export const WETH_DECIMALS = 18;
export const USDC_DECIMALS = 6;
export const RWD_DECIMALS = 18;
const LP_DECIMALS = 18;

/** The two pools the simulation prices with, read at one block. */
export interface Market {
  /** WETH/USDC pair: reserves and LP supply. */
  weth: bigint;
  usdc: bigint;
  lpSupply: bigint;
  /** RWD/WETH pair's reserves, to price the reward token. */
  rwdReserve: bigint;
  rwdPoolWeth: bigint;
}

/** One farmer's ledger, kept by the simulation as it acts. */
export interface FarmerBook {
  strategy: Strategy;
  address: string;
  /** What the farmer was handed at the start: the HODL baseline. */
  given: { weth: bigint; usdc: bigint };
  /** Everything the farmer ever put into the pool (the start, then each compounding). */
  intoLp: { weth: bigint; usdc: bigint };
  /** LP staked in the farm, or for a vault farmer the LP its shares are worth. */
  lp: bigint;
  /** Σ (LP minted × pool growth per LP when minted): prices each deposit's LP without later fees. */
  lpTimesGrowth: D;
  gasUsed: bigint;
  /** Gas paid, in wei. */
  gasCost: bigint;
  txs: number;
}

/** What the farmer holds outside the pool: rewards (in wallet and pending) and leftovers. */
export interface Holdings {
  rwd: bigint;
  weth: bigint;
  usdc: bigint;
}

/** A farmer's (or a strategy's summed) position in USDC at one moment. */
export interface PositionValue {
  /** The staked LP at the pool's price. */
  lpValue: D;
  /** Value the LP would have without the swap fees earned since each deposit. */
  lpValueWithoutFees: D;
  /** Swap fees earned: lpValue − lpValueWithoutFees. */
  fees: D;
  /** Rewards, in USDC now: RWD held or pending, plus what compounding turned them into. */
  rewards: D;
  /** Impermanent loss (≤ 0): the fee-less LP against holding what went into the pool. */
  il: D;
  /** Holding what went into the pool, at today's price: what the IL is measured against. */
  hodlIntoLp: D;
  /** Holding what the farmer was handed, at today's price. */
  hodl: D;
  /** Everything the farmer has now. */
  value: D;
  /** value − hodl = fees + rewards + il. */
  pnlVsHodl: D;
}

/** USDC per WETH at the pool's reserves. */
export function wethPrice(market: Market): D {
  return fromUnits(market.usdc, USDC_DECIMALS).div(fromUnits(market.weth, WETH_DECIMALS));
}

/** USDC per RWD: WETH per RWD in the RWD/WETH pool times the WETH price. */
export function rewardPrice(market: Market): D {
  return fromUnits(market.rwdPoolWeth, WETH_DECIMALS)
    .div(fromUnits(market.rwdReserve, RWD_DECIMALS))
    .mul(wethPrice(market));
}

/**
 * The pool's growth per LP unit, √(x·y) / S: constant under swaps without fees and under mints and
 * burns, so it grows only by the fees left in the pool.
 */
export function growthPerLp(market: Market): D {
  const x = fromUnits(market.weth, WETH_DECIMALS);
  const y = fromUnits(market.usdc, USDC_DECIMALS);
  return x.mul(y).sqrt().div(fromUnits(market.lpSupply, LP_DECIMALS));
}

/** WETH and USDC amounts valued in USDC at the pool's price. */
export function valueInUsdc(market: Market, weth: bigint, usdc: bigint): D {
  return fromUnits(weth, WETH_DECIMALS).mul(wethPrice(market)).plus(fromUnits(usdc, USDC_DECIMALS));
}

/**
 * Values a farmer's position and splits its result against holding into fees, rewards and
 * impermanent loss. The split adds up by construction:
 *   fees    = lpValue − lpValueWithoutFees
 *   il      = lpValueWithoutFees − HODL(what went into the pool)
 *   rewards = RWD·price + leftovers + HODL(what went into the pool) − HODL(what was handed)
 * so fees + il + rewards = lpValue + RWD·price + leftovers − HODL(handed) = value − hodl.
 */
export function valuePosition(
  book: FarmerBook,
  holdings: Holdings,
  market: Market,
  prices: MarketPrices = marketPrices(market),
): PositionValue {
  const lpValue = fromUnits(book.lp, LP_DECIMALS).mul(prices.perLp);
  const lpValueWithoutFees =
    book.lp === 0n
      ? new D(0)
      : lpValue.mul(book.lpTimesGrowth).div(fromUnits(book.lp, LP_DECIMALS).mul(prices.growth));
  const inUsdc = (weth: bigint, usdc: bigint) =>
    fromUnits(weth, WETH_DECIMALS).mul(prices.weth).plus(fromUnits(usdc, USDC_DECIMALS));
  const hodlIntoLp = inUsdc(book.intoLp.weth, book.intoLp.usdc);
  const hodl = inUsdc(book.given.weth, book.given.usdc);
  const outside = fromUnits(holdings.rwd, RWD_DECIMALS)
    .mul(prices.rwd)
    .plus(inUsdc(holdings.weth, holdings.usdc));
  const value = lpValue.plus(outside);
  return {
    lpValue,
    lpValueWithoutFees,
    fees: lpValue.minus(lpValueWithoutFees),
    rewards: outside.plus(hodlIntoLp).minus(hodl),
    il: lpValueWithoutFees.minus(hodlIntoLp),
    hodlIntoLp,
    hodl,
    value,
    pnlVsHodl: value.minus(hodl),
  };
}

/** A market's prices, worked out once for every position valued at it. */
export interface MarketPrices {
  /** USDC per WETH, per RWD, and per LP unit (whole LP). */
  weth: D;
  rwd: D;
  perLp: D;
  growth: D;
}

export function marketPrices(market: Market): MarketPrices {
  return {
    weth: wethPrice(market),
    rwd: rewardPrice(market),
    perLp: valueInUsdc(market, market.weth, market.usdc).div(
      fromUnits(market.lpSupply, LP_DECIMALS),
    ),
    growth: growthPerLp(market),
  };
}

/** Sums positions (a strategy's farmers). */
export function sumPositions(positions: PositionValue[]): PositionValue {
  const zero = new D(0);
  const keys = [
    "lpValue",
    "lpValueWithoutFees",
    "fees",
    "rewards",
    "il",
    "hodlIntoLp",
    "hodl",
    "value",
    "pnlVsHodl",
  ] as const;
  return Object.fromEntries(
    keys.map((k) => [k, positions.reduce((acc, p) => acc.plus(p[k]), zero)]),
  ) as unknown as PositionValue;
}

/**
 * Realised yield over `days`: the return from fees and rewards on the HODL value, simple
 * annualised (APR = r × 365 / days) and compounded over the year (APY = (1 + r)^(365/days) − 1).
 */
export function realisedYield(position: PositionValue, days: number): { apr: D; apy: D } {
  if (days <= 0 || position.hodl.isZero()) return { apr: new D(0), apy: new D(0) };
  const r = position.fees.plus(position.rewards).div(position.hodl);
  const periods = new D(365).div(days);
  return { apr: r.mul(periods), apy: r.plus(1).pow(periods).minus(1) };
}
