/**
 * Monte Carlo over price paths: every path is played from the same snapshot of the deployed world,
 * on worker threads with one in-process chain each. A path's numbers depend only on the seed and
 * the path's index, so the outcomes are the same whatever the number of workers.
 */
import type { RunProgress } from "../terminal/progress.js";
import { gasCostUsd } from "../pure/analytics/breakeven.js";
import { D } from "../pure/analytics/decimal.js";
import type { SimConfig, SimResult } from "./run.js";
import { type Strategy } from "./valuation.js";

/** The gas price the outcomes' gas cost is priced at (the local chain's own is near zero). */
export const MC_GAS_GWEI = 20;

/** One strategy's outcome on one path, as fixed-point strings (the CSV's exact text). */
export interface StrategyOutcome {
  strategy: Strategy;
  farmers: number;
  /** Realised APY from fees and rewards, as a fraction. */
  apy: string;
  /** Impermanent loss as a fraction of holding what went into the pool (≤ 0). */
  il: string;
  /** PnL against holding, USDC. */
  pnlVsHodl: string;
  gasUsed: string;
  /** Gas at MC_GAS_GWEI and the path's closing ETH price, USDC. */
  gasUsd: string;
  beatHodl: boolean;
  beatHodlAfterGas: boolean;
}

/** One path's outcome, and its strategies' PnL day by day (for the fan chart). */
export interface PathOutcome {
  path: number;
  entryPrice: string;
  endPrice: string;
  strategies: StrategyOutcome[];
  daily: { strategy: Strategy; pnl: number[] }[];
  transactions: number;
}

/** What a played path comes to. */
export function pathOutcome(result: SimResult): PathOutcome {
  const days = result.config.days;
  const endPrice = result.pool[result.pool.length - 1].price;
  const last = result.rows.filter((r) => r.day === days);
  return {
    path: result.path,
    entryPrice: result.entryPrice.toFixed(6),
    endPrice: endPrice.toFixed(6),
    transactions: result.transactions,
    strategies: last.map((r) => {
      const gasUsd = gasCostUsd(r.gasUsed, MC_GAS_GWEI, endPrice);
      return {
        strategy: r.strategy,
        farmers: r.farmers,
        apy: r.apy.toFixed(8),
        il: (r.hodlIntoLp.isZero() ? new D(0) : r.il.div(r.hodlIntoLp)).toFixed(10),
        pnlVsHodl: r.pnlVsHodl.toFixed(6),
        gasUsed: r.gasUsed.toString(),
        gasUsd: gasUsd.toFixed(6),
        beatHodl: r.pnlVsHodl.gt(0),
        beatHodlAfterGas: r.pnlVsHodl.minus(gasUsd).gt(0),
      };
    }),
    daily: last.map((l) => ({
      strategy: l.strategy,
      pnl: result.rows
        .filter((r) => r.strategy === l.strategy)
        .map((r) => Number(r.pnlVsHodl.toFixed(6))),
    })),
  };
}

/** Every path's outcome per strategy, one line each, ordered by path then strategy. */
export function outcomesCsv(outcomes: readonly PathOutcome[]): string {
  const head =
    "path,strategy,farmers,entryPrice,endPrice,apy,il,pnlVsHodl,gasUsed,gasUsd,beatHodl,beatHodlAfterGas";
  const lines = [...outcomes]
    .sort((a, b) => a.path - b.path)
    .flatMap((o) =>
      o.strategies.map((s) =>
        [
          o.path,
          s.strategy,
          s.farmers,
          o.entryPrice,
          o.endPrice,
          s.apy,
          s.il,
          s.pnlVsHodl,
          s.gasUsed,
          s.gasUsd,
          s.beatHodl,
          s.beatHodlAfterGas,
        ].join(","),
      ),
    );
  return `${[head, ...lines].join("\n")}\n`;
}

/** p5, p25, p50, p75, p95 (linear between order statistics) and the mean of some numbers. */
export interface Distribution {
  p5: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
  mean: number;
}

/** The q-quantile of sorted numbers, interpolating between neighbours (Hyndman & Fan type 7). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new RangeError("no numbers to take a quantile of");
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export function distribution(values: readonly number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    p5: quantile(sorted, 0.05),
    p25: quantile(sorted, 0.25),
    p50: quantile(sorted, 0.5),
    p75: quantile(sorted, 0.75),
    p95: quantile(sorted, 0.95),
    mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
  };
}

/** A strategy over all paths. */
export interface StrategySummary {
  strategy: Strategy;
  paths: number;
  apy: Distribution;
  il: Distribution;
  pnlVsHodl: Distribution;
  gasUsd: Distribution;
  pBeatHodl: number;
  pBeatHodlAfterGas: number;
}

export function summarise(outcomes: readonly PathOutcome[]): StrategySummary[] {
  const strategies = [...new Set(outcomes.flatMap((o) => o.strategies.map((s) => s.strategy)))];
  return strategies.map((strategy) => {
    const mine = outcomes.flatMap((o) => o.strategies.filter((s) => s.strategy === strategy));
    const of = (k: "apy" | "il" | "pnlVsHodl" | "gasUsd") =>
      distribution(mine.map((s) => Number(s[k])));
    return {
      strategy,
      paths: mine.length,
      apy: of("apy"),
      il: of("il"),
      pnlVsHodl: of("pnlVsHodl"),
      gasUsd: of("gasUsd"),
      pBeatHodl: mine.filter((s) => s.beatHodl).length / mine.length,
      pBeatHodlAfterGas: mine.filter((s) => s.beatHodlAfterGas).length / mine.length,
    };
  });
}

/** Per strategy and day, the quantiles of PnL vs HODL over the paths (every `step`-th day). */
export function pnlFan(outcomes: readonly PathOutcome[], step = 1) {
  if (outcomes.length === 0) return [];
  const days = outcomes[0].daily[0]?.pnl.length ?? 0;
  return outcomes[0].daily.flatMap(({ strategy }) => {
    const points = [];
    for (let d = 0; d < days; d += 1) {
      if ((d + 1) % step !== 0 && d !== days - 1) continue;
      const values = outcomes.map((o) => o.daily.find((x) => x.strategy === strategy)?.pnl[d] ?? 0);
      const q = distribution(values);
      points.push({
        series: strategy,
        day: d + 1,
        p5: q.p5,
        p25: q.p25,
        p50: q.p50,
        p75: q.p75,
        p95: q.p95,
      });
    }
    return points;
  });
}

/** Progress of a Monte Carlo run: paths done of all, the furthest day any worker has reached. */
export type McProgress = RunProgress;

export interface McOptions {
  config: SimConfig;
  paths: number;
  workers: number;
  onProgress?: (progress: McProgress) => void;
}

export interface McResult {
  outcomes: PathOutcome[];
  summary: StrategySummary[];
  wallMs: number;
  transactions: number;
}
