import { Decimal } from "decimal.js";

/**
 * The analytics library's decimal type: 50 significant digits, so that a wei amount of a large
 * supply (up to 1e30) keeps every digit, and rounding half-even for display.
 */
export const D = Decimal.clone({ precision: 50, rounding: Decimal.ROUND_HALF_EVEN });
export type D = InstanceType<typeof D>;
export type Numeric = D | string | number | bigint;

/** Thrown for inputs a formula cannot take (a negative price, a zero TVL, …), with the reason. */
export class AnalyticsError extends Error {
  override name = "AnalyticsError";
}

export const SECONDS_PER_YEAR = 365n * 86_400n;
export const DAYS_PER_YEAR = 365;

/** A decimal from a number-like; bigints are taken as integers (use fromUnits for token amounts). */
export function dec(value: Numeric): D {
  return new D(typeof value === "bigint" ? value.toString() : value);
}

/** Token base units (wei) to whole tokens, exactly. */
export function fromUnits(amount: bigint, decimals: number | bigint): D {
  return new D(amount.toString()).div(new D(10).pow(Number(decimals)));
}

/** Whole tokens to base units, rounded down to a whole unit. */
export function toUnits(amount: Numeric, decimals: number | bigint): bigint {
  return BigInt(
    dec(amount)
      .mul(new D(10).pow(Number(decimals)))
      .toDecimalPlaces(0, Decimal.ROUND_DOWN)
      .toFixed(0),
  );
}

/** Money for display: two decimals, rounded half-even. */
export function usd(value: Numeric): string {
  return dec(value).toFixed(2);
}

export function requirePositive(name: string, value: D): D {
  if (!value.isFinite() || value.lte(0)) {
    throw new AnalyticsError(`${name} must be positive, got ${value.toString()}`);
  }
  return value;
}

export function requireNonNegative(name: string, value: D): D {
  if (!value.isFinite() || value.lt(0)) {
    throw new AnalyticsError(`${name} must not be negative, got ${value.toString()}`);
  }
  return value;
}
