/**
 * Constant-product AMM math in bigint, mirroring the pair and router to the wei: quotes with the 0.3%
 * fee, price impact, a liquidity provider's share of a pool and the value of an LP position. Amounts
 * are base units; fractions for display are decimal.js values, never floats.
 */
import { Decimal } from "decimal.js";

/** Bad input to the AMM math (a zero amount, an empty reserve, an output the pool cannot pay). */
export class AmmMathError extends Error {
  override name = "AmmMathError";
}

const FEE_NUMERATOR = 997n;
const FEE_DENOMINATOR = 1000n;

function requirePositive(name: string, value: bigint): void {
  if (value <= 0n) throw new AmmMathError(`${name} must be positive, got ${value}`);
}

/** amountA·reserveB/reserveA, rounded down: the matching deposit at the pool's price (no fee). */
export function quote(amountA: bigint, reserveA: bigint, reserveB: bigint): bigint {
  requirePositive("amountA", amountA);
  requirePositive("reserveA", reserveA);
  requirePositive("reserveB", reserveB);
  return (amountA * reserveB) / reserveA;
}

/** Output of a swap of `amountIn` after the 0.3% fee, rounded down (the pair pays no more). */
export function getAmountOut(amountIn: bigint, reserveIn: bigint, reserveOut: bigint): bigint {
  requirePositive("amountIn", amountIn);
  requirePositive("reserveIn", reserveIn);
  requirePositive("reserveOut", reserveOut);
  const inWithFee = amountIn * FEE_NUMERATOR;
  return (inWithFee * reserveOut) / (reserveIn * FEE_DENOMINATOR + inWithFee);
}

/** Least input that buys `amountOut` after the 0.3% fee, rounded up. */
export function getAmountIn(amountOut: bigint, reserveIn: bigint, reserveOut: bigint): bigint {
  requirePositive("amountOut", amountOut);
  requirePositive("reserveIn", reserveIn);
  requirePositive("reserveOut", reserveOut);
  if (amountOut >= reserveOut) {
    throw new AmmMathError(`amountOut ${amountOut} must be below the reserve ${reserveOut}`);
  }
  return (
    (reserveIn * amountOut * FEE_DENOMINATOR) / ((reserveOut - amountOut) * FEE_NUMERATOR) + 1n
  );
}

/**
 * How much worse than the pool's mid price a swap executes, fee included, as a fraction:
 * 1 − (amountOut/amountIn) / (reserveOut/reserveIn). Tends to 0.003 (the fee) for tiny trades.
 */
export function priceImpact(amountIn: bigint, reserveIn: bigint, reserveOut: bigint): Decimal {
  const amountOut = getAmountOut(amountIn, reserveIn, reserveOut);
  const executed = new Decimal(amountOut.toString()).mul(reserveIn.toString());
  const mid = new Decimal(amountIn.toString()).mul(reserveOut.toString());
  return new Decimal(1).minus(executed.div(mid));
}

/** A liquidity provider's share of a pool, as a fraction of the LP supply. */
export function lpShare(liquidity: bigint, totalSupply: bigint): Decimal {
  requirePositive("totalSupply", totalSupply);
  if (liquidity < 0n || liquidity > totalSupply) {
    throw new AmmMathError(`liquidity ${liquidity} must be within [0, ${totalSupply}]`);
  }
  return new Decimal(liquidity.toString()).div(totalSupply.toString());
}

export interface LpPosition {
  liquidity: bigint;
  totalSupply: bigint;
  /** Reserve of the token to be valued. */
  reserveBase: bigint;
  /** Reserve of the token the value is expressed in. */
  reserveQuote: bigint;
}

/** The tokens burning `liquidity` would pay out, rounded down as the pair does. */
export function lpWithdrawable(position: LpPosition): { base: bigint; quote: bigint } {
  const { liquidity, totalSupply, reserveBase, reserveQuote } = position;
  lpShare(liquidity, totalSupply);
  return {
    base: (liquidity * reserveBase) / totalSupply,
    quote: (liquidity * reserveQuote) / totalSupply,
  };
}

/**
 * Value of an LP position in the quote token, rounded down: the quote side plus the base side priced
 * at `price` (quoteAmount per baseAmount, e.g. from a TWAP), or at the pool's own price when none is
 * given — then the value is simply twice the quote side.
 */
export function lpValueInQuote(
  position: LpPosition,
  price?: { quoteAmount: bigint; baseAmount: bigint },
): bigint {
  const { base, quote: quoteSide } = lpWithdrawable(position);
  if (price === undefined) {
    return (2n * position.liquidity * position.reserveQuote) / position.totalSupply;
  }
  requirePositive("price.baseAmount", price.baseAmount);
  return quoteSide + (base * price.quoteAmount) / price.baseAmount;
}

/**
 * LP minted for a deposit into a pool that already has liquidity, rounded down as the pair does:
 * min(amount0·S/reserve0, amount1·S/reserve1).
 */
export function liquidityMinted(
  amount0: bigint,
  amount1: bigint,
  reserve0: bigint,
  reserve1: bigint,
  totalSupply: bigint,
): bigint {
  requirePositive("reserve0", reserve0);
  requirePositive("reserve1", reserve1);
  requirePositive("totalSupply", totalSupply);
  const by0 = (amount0 * totalSupply) / reserve0;
  const by1 = (amount1 * totalSupply) / reserve1;
  return by0 < by1 ? by0 : by1;
}
