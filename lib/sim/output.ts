import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

import { gasCostUsd } from "../pure/analytics/breakeven.js";
import { D } from "../pure/analytics/decimal.js";
import { pnlChartSpec, renderSvg } from "../pure/charts/index.js";
import { newTable } from "../terminal/table.js";
import type { PoolRow, SimConfig, SimResult, StrategyRow } from "./run.js";

const MONEY_COLUMNS = ["lpValue", "fees", "rewards", "il", "hodl", "value", "pnlVsHodl"] as const;

/** One CSV/JSON record per strategy and day, joined with the pool's figures of that day. */
export function records(result: SimResult): Record<string, string | number>[] {
  const byDay = new Map<number, PoolRow>(result.pool.map((p) => [p.day, p]));
  return result.rows.map((row) => {
    const pool = byDay.get(row.day);
    return {
      day: row.day,
      strategy: row.strategy,
      farmers: row.farmers,
      price: pool?.price.toFixed(6) ?? "",
      tvl: pool?.tvl.toFixed(6) ?? "",
      volume: pool?.volume.toFixed(6) ?? "",
      poolFees: pool?.fees.toFixed(6) ?? "",
      ...Object.fromEntries(MONEY_COLUMNS.map((k) => [k, row[k].toFixed(6)])),
      apr: row.apr.toFixed(6),
      apy: row.apy.toSignificantDigits(12).toString(),
      gasUsed: row.gasUsed.toString(),
      gasCostWei: row.gasCost.toString(),
    };
  });
}

/** The records as CSV (header line first; no field needs quoting). */
export function toCsv(result: SimResult): string {
  const rows = records(result);
  if (rows.length === 0) return "";
  const head = Object.keys(rows[0]);
  return `${[head.join(","), ...rows.map((r) => head.map((k) => String(r[k])).join(","))].join("\n")}\n`;
}

/** A configuration as JSON: bigints as strings, a bootstrap's returns as their count. */
export function configJson(config: SimConfig) {
  const model = config.priceModel;
  return {
    ...config,
    depositUsdc: config.depositUsdc.toString(),
    dailyVolumeUsdc: config.dailyVolumeUsdc.toString(),
    rewardPerDay: config.rewardPerDay.toString(),
    priceModel:
      model.kind === "bootstrap"
        ? { kind: model.kind, source: model.source, block: model.block, days: model.returns.length }
        : model,
  };
}

/** The run as JSON: its configuration (bigints as strings), the records, the throughput. */
export function toJson(result: SimResult, extra: Record<string, unknown> = {}) {
  return {
    config: configJson(result.config),
    ...extra,
    transactions: result.transactions,
    blocks: result.blocks,
    loopSeconds: Number((result.loopMs / 1000).toFixed(3)),
    summary: records({ ...result, rows: lastDay(result.rows) }),
    rows: records(result),
  };
}

/** The rows of the last simulated day. */
export function lastDay(rows: StrategyRow[]): StrategyRow[] {
  const last = rows.reduce((d, r) => Math.max(d, r.day), 0);
  return rows.filter((r) => r.day === last);
}

/** A rate in percent; annualised figures of very short runs can be huge, so those are capped. */
const pct = (x: D) => (x.gt(10_000) ? "> 1,000,000%" : `${x.mul(100).toFixed(2)}%`);

/** A mainnet-like gas price for the summary's cost column: the local chain's own is near zero. */
export const SUMMARY_GAS_GWEI = 20;

/** The summary table: each strategy on the last day, its gas priced at 20 gwei and the pool's ETH price. */
export function summaryTable(result: SimResult): string {
  const ethPrice = result.pool[result.pool.length - 1]?.price ?? 0;
  const table = newTable([
    "strategy",
    "farmers",
    "value (USDC)",
    "HODL",
    "fees",
    "rewards",
    "IL",
    "PnL vs HODL",
    "realised APR",
    "APY",
    "gas",
    `gas USD @${SUMMARY_GAS_GWEI} gwei`,
  ]);
  for (const r of lastDay(result.rows)) {
    table.push([
      r.strategy,
      String(r.farmers),
      r.value.toFixed(2),
      r.hodl.toFixed(2),
      r.fees.toFixed(2),
      r.rewards.toFixed(2),
      r.il.toFixed(2),
      r.pnlVsHodl.toFixed(2),
      pct(r.apr),
      pct(r.apy),
      r.gasUsed.toLocaleString("en-US"),
      gasCostUsd(r.gasUsed, SUMMARY_GAS_GWEI, ethPrice).toFixed(2),
    ]);
  }
  return table.toString();
}

/** The chart: each strategy's PnL against holding, in USDC, day by day. */
export function pnlChart(result: SimResult): Promise<string> {
  return renderSvg(
    pnlChartSpec(
      `PnL vs HODL by strategy (seed ${result.config.seed})`,
      result.rows.map((r) => ({ series: r.strategy, x: r.day, y: Number(r.pnlVsHodl.toFixed(2)) })),
    ),
  );
}

/** Writes result.csv, result.json and pnl.svg into `dir` (created); returns the paths. */
export async function writeRun(dir: string, result: SimResult): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files: [string, string][] = [
    ["result.csv", toCsv(result)],
    ["result.json", `${JSON.stringify(toJson(result), null, 2)}\n`],
    ["pnl.svg", await pnlChart(result)],
  ];
  for (const [name, text] of files) await writeFile(path.join(dir, name), text);
  return files.map(([name]) => path.join(dir, name));
}

/**
 * The compounding sweep's table: one run per compounding frequency, each strategy's farmers on the
 * last day, with its realised APY before gas and after the gas priced as in the summary.
 */
export function compoundingTable(results: SimResult[]): string {
  const table = newTable([
    "compounding",
    "farmers",
    "rewards",
    "PnL vs HODL",
    "APY",
    "transactions",
    "gas",
    `gas USD @${SUMMARY_GAS_GWEI} gwei`,
    "APY after gas",
  ]);
  for (const result of results) {
    const ethPrice = result.pool[result.pool.length - 1]?.price ?? 0;
    const books = result.farmers;
    for (const r of lastDay(result.rows)) {
      const gasUsd = gasCostUsd(r.gasUsed, SUMMARY_GAS_GWEI, ethPrice);
      const afterGas = r.hodl.isZero()
        ? new D(0)
        : r.fees
            .plus(r.rewards)
            .minus(gasUsd)
            .div(r.hodl)
            .plus(1)
            .pow(new D(365).div(r.day))
            .minus(1);
      table.push([
        r.strategy,
        String(r.farmers),
        r.rewards.toFixed(2),
        r.pnlVsHodl.toFixed(2),
        pct(r.apy),
        String(books.filter((b) => b.strategy === r.strategy).reduce((n, b) => n + b.txs, 0)),
        r.gasUsed.toLocaleString("en-US"),
        gasUsd.toFixed(2),
        afterGas.lt(-1) ? "-100.00%" : pct(afterGas),
      ]);
    }
  }
  return table.toString();
}
