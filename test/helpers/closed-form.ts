/**
 * Closed forms the tests compute expected values with, written out here so that no expected value
 * comes from the contracts (or the library) under test.
 */

/** Uniswap V2's output for an exact input with the 0.3% fee, rounded down. */
export function v2AmountOut(amountIn: bigint, reserveIn: bigint, reserveOut: bigint): bigint {
  return (amountIn * 997n * reserveOut) / (reserveIn * 1000n + amountIn * 997n);
}

/** ⌊√n⌋ by Newton's method. */
export function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = n;
  let y = (x + 1n) / 2n;
  while (y < x) {
    x = y;
    y = (x + n / x) / 2n;
  }
  return x;
}

/** Uniswap V2's input for an exact output with the 0.3% fee: rIn·out·1000 / ((rOut − out)·997) + 1. */
export function v2AmountIn(amountOut: bigint, reserveIn: bigint, reserveOut: bigint): bigint {
  return (reserveIn * amountOut * 1000n) / ((reserveOut - amountOut) * 997n) + 1n;
}
