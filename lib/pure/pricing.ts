/**
 * Prices from the sandbox's own pools, for display: a pair's price from its reserves, USD prices of
 * the tokens (the stablecoins at $1, WETH through WETH/USDC, RWD through RWD/WETH), and the USD value
 * of a pool and of a share of its LP. Exact decimal.js arithmetic on base-unit amounts.
 */
import { D, fromUnits } from "./analytics/index.js";

/** A token of a pair as read from the chain. */
export interface PairToken {
  address: string;
  symbol: string;
  decimals: number;
}

/** A pair's state as read from the chain, with its price. */
export interface PairView {
  key: string;
  address: string;
  token0: PairToken;
  token1: PairToken;
  reserve0: bigint;
  reserve1: bigint;
  totalSupply: bigint;
  /** Whole token1 per whole token0, zero for an empty pool. */
  price: D;
}

/** Whole token1 per whole token0 at the reserves, or zero when the pool is empty. */
export function pairPrice(
  reserve0: bigint,
  reserve1: bigint,
  decimals0: number,
  decimals1: number,
): D {
  return reserve0 === 0n
    ? new D(0)
    : fromUnits(reserve1, decimals1).div(fromUnits(reserve0, decimals0));
}

/** The addresses of the tokens priced in USD. */
export interface PricedTokens {
  usdc: string;
  dai: string;
  weth: string;
  reward: string;
}

/**
 * USD prices of the sandbox's tokens, from its own pools: the stablecoins at $1, WETH at the
 * WETH/USDC pool's price, RWD at the RWD/WETH pool's price times WETH's. A token whose pool is
 * empty (or missing) has no price.
 */
export function usdPrices(tokens: PricedTokens, pairs: PairView[]): Map<string, D> {
  const prices = new Map<string, D>([
    [tokens.usdc, new D(1)],
    [tokens.dai, new D(1)],
  ]);
  const priceIn = (pair: PairView, base: string) =>
    pair.token0.address === base ? pair.price : new D(1).div(pair.price);
  const wethUsdc = pairs.find((p) => p.key === "pairWethUsdc");
  if (wethUsdc !== undefined && !wethUsdc.price.isZero()) {
    prices.set(tokens.weth, priceIn(wethUsdc, tokens.weth));
  }
  const rewardWeth = pairs.find((p) => p.key === "pairRewardWeth");
  const weth = prices.get(tokens.weth);
  if (rewardWeth !== undefined && weth !== undefined && !rewardWeth.price.isZero()) {
    prices.set(tokens.reward, priceIn(rewardWeth, tokens.reward).mul(weth));
  }
  return prices;
}

/**
 * USD value of `liquidity` LP of a pair (its share of both reserves), or undefined when a token has
 * no price or the pair has no LP supply.
 */
export function lpValueUsd(
  pair: PairView,
  prices: Map<string, D>,
  liquidity: bigint,
): D | undefined {
  const p0 = prices.get(pair.token0.address);
  const p1 = prices.get(pair.token1.address);
  if (p0 === undefined || p1 === undefined || pair.totalSupply === 0n) return undefined;
  const poolUsd = fromUnits(pair.reserve0, pair.token0.decimals)
    .mul(p0)
    .plus(fromUnits(pair.reserve1, pair.token1.decimals).mul(p1));
  return poolUsd.mul(liquidity.toString()).div(pair.totalSupply.toString());
}
