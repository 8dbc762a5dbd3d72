import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

import { fanChartSpec, ilByPriceRatioSpec, renderSvg } from "../pure/charts/index.js";
import { newTable } from "../terminal/table.js";
import {
  type Distribution,
  MC_GAS_GWEI,
  type McResult,
  outcomesCsv,
  pnlFan,
  type StrategySummary,
} from "./montecarlo.js";
import { configJson } from "./output.js";
import type { SimConfig } from "./run.js";

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
const usd = (x: number) => x.toFixed(2);
const spread = (d: Distribution, f: (x: number) => string) =>
  `${f(d.p5)} / ${f(d.p25)} / ${f(d.p50)} / ${f(d.p75)} / ${f(d.p95)}`;

const HEAD = [
  "strategy",
  "paths",
  "APY p5 / p25 / p50 / p75 / p95",
  "APY mean",
  "IL p50",
  "IL mean",
  "PnL vs HODL p5 / p50 / p95 (USDC)",
  "PnL mean",
  `gas mean (USDC @${MC_GAS_GWEI} gwei)`,
  "P(beat HODL)",
  "after gas",
];

function cells(s: StrategySummary): string[] {
  return [
    s.strategy,
    String(s.paths),
    spread(s.apy, pct),
    pct(s.apy.mean),
    pct(s.il.p50),
    pct(s.il.mean),
    `${usd(s.pnlVsHodl.p5)} / ${usd(s.pnlVsHodl.p50)} / ${usd(s.pnlVsHodl.p95)}`,
    usd(s.pnlVsHodl.mean),
    usd(s.gasUsd.mean),
    pct(s.pBeatHodl),
    pct(s.pBeatHodlAfterGas),
  ];
}

/** The Monte Carlo summary for the terminal. */
export function monteCarloTable(summary: readonly StrategySummary[]): string {
  const table = newTable(HEAD);
  for (const s of summary) table.push(cells(s));
  return table.toString();
}

/** The same summary as a Markdown table. */
export function monteCarloMarkdown(summary: readonly StrategySummary[]): string {
  const row = (c: string[]) => `| ${c.join(" | ")} |`;
  return [row(HEAD), row(HEAD.map(() => "---")), ...summary.map((s) => row(cells(s)))].join("\n");
}

/** What the model of the outside price was, in words. */
export function priceModelWords(config: SimConfig): string {
  const m = config.priceModel;
  if (m.kind === "gbm") return `GBM, μ = ${m.drift}, σ = ${m.vol}`;
  if (m.kind === "bootstrap") return `block bootstrap of ${m.source} (${m.block}-day blocks)`;
  return `±${m.volatilityPermille}‰ a day, up ${m.upPermille}‰ of days`;
}

/** The fan chart of PnL vs HODL over the paths, per strategy. */
export function fanChart(result: McResult, config: SimConfig): Promise<string> {
  const step = Math.max(1, Math.ceil(config.days / 30));
  return renderSvg(
    fanChartSpec(
      `PnL vs HODL over ${result.outcomes.length} paths (${priceModelWords(config)}, seed ${config.seed})`,
      "PnL vs HODL (USDC)",
      pnlFan(result.outcomes, step),
    ),
  );
}

/** Each path's never-harvest IL against its price ratio, over the closed form. */
export function ilChart(result: McResult): Promise<string> {
  const points = result.outcomes.flatMap((o) =>
    o.strategies
      .filter((s) => s.strategy === "never-harvest")
      .map((s) => ({ ratio: Number(o.endPrice) / Number(o.entryPrice), il: Number(s.il) })),
  );
  return renderSvg(ilByPriceRatioSpec("Impermanent loss against the price ratio", points));
}

/** The run as JSON: configuration, per-strategy distributions, timing. */
export function monteCarloJson(result: McResult, config: SimConfig, workers: number) {
  return {
    config: configJson(config),
    paths: result.outcomes.length,
    workers,
    wallSeconds: Number((result.wallMs / 1000).toFixed(3)),
    transactions: result.transactions,
    summary: result.summary,
  };
}

/** Writes paths.csv, summary.json, fan.svg and il.svg into `dir`; returns the paths. */
export async function writeMonteCarlo(
  dir: string,
  result: McResult,
  config: SimConfig,
  workers: number,
): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files: [string, string][] = [
    ["paths.csv", outcomesCsv(result.outcomes)],
    ["summary.json", `${JSON.stringify(monteCarloJson(result, config, workers), null, 2)}\n`],
    ["fan.svg", await fanChart(result, config)],
    ["il.svg", await ilChart(result)],
  ];
  for (const [name, text] of files) await writeFile(path.join(dir, name), text);
  return files.map(([name]) => path.join(dir, name));
}
