import type { Random } from "./random.js";

/**
 * Where WETH's outside price goes, day by day:
 * - `steps`: ± `volatilityPermille` ‰ a day, up with chance `upPermille` ‰;
 * - `gbm`: geometric Brownian motion with annual `drift` μ and volatility σ, one step a day;
 * - `bootstrap`: a block bootstrap of the daily log returns of a price history, in blocks of
 *   `block` consecutive days started at random, which keeps the history's short-range dependence.
 */
export type PriceModel =
  | { kind: "steps"; upPermille: number; volatilityPermille: number }
  | { kind: "gbm"; drift: number; vol: number }
  | { kind: "bootstrap"; returns: readonly number[]; block: number; source: string };

export class PriceModelError extends Error {
  override name = "PriceModelError";
}

const YEAR_DAYS = 365;

/**
 * The outside price at the end of each day 1…days as a multiple of the price at the start
 * (index 0 is day 1), drawn from `random`.
 */
export function priceMultiples(model: PriceModel, days: number, random: Random): number[] {
  const out: number[] = [];
  let logPrice = 0;
  if (model.kind === "steps") {
    let m = 1;
    for (let d = 0; d < days; d += 1) {
      const step = random.chance(model.upPermille)
        ? 1000 + model.volatilityPermille
        : 1000 - model.volatilityPermille;
      m = (m * step) / 1000;
      out.push(m);
    }
    return out;
  }
  if (model.kind === "gbm") {
    const dt = 1 / YEAR_DAYS;
    const mean = (model.drift - (model.vol * model.vol) / 2) * dt;
    const sd = model.vol * Math.sqrt(dt);
    for (let d = 0; d < days; d += 1) {
      logPrice += mean + sd * random.normal();
      out.push(Math.exp(logPrice));
    }
    return out;
  }
  const { returns, block } = model;
  let i = 0;
  let left = 0;
  for (let d = 0; d < days; d += 1) {
    if (left === 0) {
      i = random.below(returns.length - block + 1);
      left = block;
    }
    logPrice += returns[i];
    i += 1;
    left -= 1;
    out.push(Math.exp(logPrice));
  }
  return out;
}

/**
 * The daily log returns ln(pₜ / pₜ₋₁) of a CSV of daily prices: a header line, then one row a day
 * in time order, the price in the column named `price` or `close` (any case), else the last column.
 */
export function dailyLogReturns(csv: string, source = "the price file"): number[] {
  const lines = csv
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "");
  if (lines.length < 3) {
    throw new PriceModelError(`${source} needs a header and at least two daily prices`);
  }
  const header = lines[0].split(",").map((h) => h.trim().toLowerCase());
  const named = header.findIndex((h) => h === "price" || h === "close");
  const column = named >= 0 ? named : header.length - 1;
  const prices = lines.slice(1).map((line, n) => {
    const cell = line.split(",")[column]?.trim() ?? "";
    const price = Number(cell);
    if (cell === "" || !Number.isFinite(price) || price <= 0) {
      throw new PriceModelError(
        `${source} line ${n + 2}: "${cell}" is not a positive price (column ${header[column]})`,
      );
    }
    return price;
  });
  return prices.slice(1).map((p, i) => Math.log(p / prices[i]));
}
