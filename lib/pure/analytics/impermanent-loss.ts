import { AnalyticsError, D, type Numeric, dec, fromUnits, requirePositive } from "./decimal.js";

/**
 * Impermanent loss of a constant-product position without fees when the price moves by a factor r
 * (new price / entry price): IL(r) = 2·√r / (1 + r) − 1. Always <= 0, and IL(r) = IL(1/r).
 */
export function impermanentLoss(priceRatio: Numeric): D {
  const r = requirePositive("price ratio", dec(priceRatio));
  return r.sqrt().mul(2).div(r.plus(1)).minus(1);
}

/** The pair's view the library needs: reserves, LP supply and balances (Uniswap V2 interface). */
export interface PairReader {
  getReserves(): Promise<[bigint, bigint, bigint] | { _reserve0: bigint; _reserve1: bigint }>;
  totalSupply(): Promise<bigint>;
  balanceOf(account: string): Promise<bigint>;
}

/** An LP position read from a pair: the holder's share of each reserve, in base units. */
export interface LpPosition {
  liquidity: bigint;
  totalSupply: bigint;
  reserve0: bigint;
  reserve1: bigint;
  amount0: bigint;
  amount1: bigint;
}

/** Reads `account`'s LP position in `pair`: its share of each reserve, rounded down as a burn would. */
export async function readLpPosition(pair: PairReader, account: string): Promise<LpPosition> {
  const reserves = await pair.getReserves();
  const [reserve0, reserve1] = Array.isArray(reserves)
    ? [reserves[0], reserves[1]]
    : [reserves._reserve0, reserves._reserve1];
  const totalSupply = await pair.totalSupply();
  const liquidity = await pair.balanceOf(account);
  if (totalSupply === 0n) throw new AnalyticsError("the pair has no liquidity");
  return {
    liquidity,
    totalSupply,
    reserve0,
    reserve1,
    amount0: (liquidity * reserve0) / totalSupply,
    amount1: (liquidity * reserve1) / totalSupply,
  };
}

/** LP against HODL, both valued in token1 at the pool's current price. */
export interface LpVsHodl {
  /** Token1 per token0 now, from the reserves. */
  price: D;
  /** Current price over the entry price. */
  priceRatio: D;
  lpValue: D;
  hodlValue: D;
  /** lpValue / hodlValue − 1: impermanent loss, plus whatever fees the position earned. */
  lpVsHodl: D;
}

/**
 * Values a position read from the AMM against simply holding what was deposited, both in token1 at
 * the current pool price. Decimals convert base units to whole tokens.
 */
export function lpVsHodl(
  position: LpPosition,
  deposited: { amount0: bigint; amount1: bigint },
  decimals: { token0: number; token1: number },
): LpVsHodl {
  const reserve0 = requirePositive("reserve0", fromUnits(position.reserve0, decimals.token0));
  const reserve1 = requirePositive("reserve1", fromUnits(position.reserve1, decimals.token1));
  const in0 = requirePositive("deposited amount0", fromUnits(deposited.amount0, decimals.token0));
  const in1 = requirePositive("deposited amount1", fromUnits(deposited.amount1, decimals.token1));
  const price = reserve1.div(reserve0);
  const entryPrice = in1.div(in0);
  const lpValue = fromUnits(position.amount0, decimals.token0)
    .mul(price)
    .plus(fromUnits(position.amount1, decimals.token1));
  const hodlValue = in0.mul(price).plus(in1);
  return {
    price,
    priceRatio: price.div(entryPrice),
    lpValue,
    hodlValue,
    lpVsHodl: lpValue.div(hodlValue).minus(1),
  };
}
