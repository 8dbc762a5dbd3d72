import { Decimal } from "decimal.js";

import { formatUnits } from "../../lib/pure/format.js";

/**
 * Every number the dashboard shows goes through here: base units to whole tokens with the token's
 * decimals (exactly, through the project's formatUnits), then rounded for the eye.
 */
export function amount(raw: bigint, decimals: number, symbol = "", digits = 4): string {
  const whole = new Decimal(formatUnits(raw, decimals));
  return `${group(whole.toDecimalPlaces(digits, Decimal.ROUND_DOWN).toFixed())}${symbol === "" ? "" : ` ${symbol}`}`;
}

/** A decimal.js-like value with a fixed number of decimals. */
export function fixed(value: { toFixed(dp: number): string }, digits = 2): string {
  return group(value.toFixed(digits));
}

/** A fraction (0.0123) as a percentage (1.23%). */
export function percent(
  fraction: { mul(n: number): { toFixed(dp: number): string } },
  digits = 2,
): string {
  return `${fraction.mul(100).toFixed(digits)}%`;
}

/** A wad (1e18 = 1) fraction from a contract as a percentage. */
export function percentWad(wad: bigint, digits = 2): string {
  return percent(new Decimal(formatUnits(wad, 18)), digits);
}

/** A timestamp in seconds as UTC. */
export function utc(seconds: bigint): string {
  return new Date(Number(seconds) * 1000).toISOString().replace(".000Z", "Z").replace("T", " ");
}

export function shortAddress(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}

function group(text: string): string {
  const [int, frac] = text.split(".");
  const sign = int.startsWith("-") ? "-" : "";
  const digits = sign === "" ? int : int.slice(1);
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${sign}${grouped}${frac === undefined ? "" : `.${frac}`}`;
}

/** An amount typed in a form, checked before anything is sent. */
export type Parsed = { ok: true; value: bigint } | { ok: false; error: string };

/**
 * Whole tokens typed by a person to base units: refuses empty, negative, non-numeric input, more
 * decimals than the token has, zero, and more than `max` (the balance) when given.
 */
export function parseAmount(text: string, decimals: number, symbol: string, max?: bigint): Parsed {
  const t = text.trim();
  if (t === "") return { ok: false, error: "enter an amount" };
  if (t.startsWith("-")) return { ok: false, error: "the amount cannot be negative" };
  if (!/^\d+(\.\d*)?$|^\.\d+$/.test(t)) return { ok: false, error: `"${t}" is not a number` };
  const [int, frac = ""] = t.split(".");
  if (frac.length > decimals) {
    return { ok: false, error: `${symbol} has ${decimals} decimals; "${t}" has ${frac.length}` };
  }
  const value = BigInt(`${int === "" ? "0" : int}${frac.padEnd(decimals, "0")}`);
  if (value === 0n) return { ok: false, error: "the amount must be above zero" };
  if (max !== undefined && value > max) {
    return { ok: false, error: `more than the balance (${amount(max, decimals, symbol)})` };
  }
  return { ok: true, value };
}
