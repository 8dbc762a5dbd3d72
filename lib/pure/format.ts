import { Decimal as BaseDecimal } from "decimal.js";

// 78 digits hold any uint256, so dividing a balance by 10^decimals is exact.
const Decimal = BaseDecimal.clone({ precision: 80 });

/** An amount in base units shown in whole units, exact (no float on the way). */
export function formatUnits(amount: bigint, decimals: bigint | number): string {
  return new Decimal(amount.toString()).div(new Decimal(10).pow(Number(decimals))).toFixed();
}

/** A block timestamp (seconds) as an ISO date, UTC. */
export function formatTimestamp(seconds: bigint): string {
  return new Date(Number(seconds) * 1000).toISOString().replace(".000Z", "Z");
}
