/**
 * The simulator's charts as vega-lite specs: plain data in, a declarative spec out, so that the
 * command line renders them to SVG (render.ts) and the dashboard can hand the same specs to
 * vega-embed in the browser.
 */
import type { TopLevelSpec } from "vega-lite";

import { impermanentLoss } from "../analytics/impermanent-loss.js";

const SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";
const WIDTH = 640;
const HEIGHT = 320;

/** One point of a line: a series' value on a day. */
export interface SeriesPoint {
  series: string;
  x: number;
  y: number;
}

/** Each strategy's PnL against holding, in USDC, day by day. */
export function pnlChartSpec(title: string, points: readonly SeriesPoint[]): TopLevelSpec {
  return {
    $schema: SCHEMA,
    title,
    width: WIDTH,
    height: HEIGHT,
    data: { values: points.map((p) => ({ strategy: p.series, day: p.x, pnl: p.y })) },
    mark: { type: "line", strokeWidth: 2 },
    encoding: {
      x: { field: "day", type: "quantitative", title: "day" },
      y: { field: "pnl", type: "quantitative", title: "PnL vs HODL (USDC)" },
      color: { field: "strategy", type: "nominal", title: "strategy" },
    },
  };
}

/** A strategy's quantiles of a figure on one day, over the Monte Carlo paths. */
export interface FanPoint {
  series: string;
  day: number;
  p5: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
}

/**
 * The fan chart: per strategy, the band from p5 to p95 (light), p25 to p75 (darker) and the median
 * line of a figure over the paths, one small panel per strategy.
 */
export function fanChartSpec(
  title: string,
  yTitle: string,
  points: readonly FanPoint[],
): TopLevelSpec {
  const x = { field: "day", type: "quantitative", title: "day" } as const;
  return {
    $schema: SCHEMA,
    title,
    data: { values: points.map((p) => ({ ...p, strategy: p.series })) },
    facet: { field: "strategy", type: "nominal", title: null },
    columns: 3,
    spec: {
      width: 220,
      height: 150,
      layer: [
        {
          mark: { type: "area", opacity: 0.25 },
          encoding: {
            x,
            y: { field: "p5", type: "quantitative", title: yTitle },
            y2: { field: "p95" },
            color: { field: "strategy", type: "nominal", legend: null },
          },
        },
        {
          mark: { type: "area", opacity: 0.45 },
          encoding: {
            x,
            y: { field: "p25", type: "quantitative" },
            y2: { field: "p75" },
            color: { field: "strategy", type: "nominal", legend: null },
          },
        },
        {
          mark: { type: "line", strokeWidth: 1.5 },
          encoding: {
            x,
            y: { field: "p50", type: "quantitative" },
            color: { field: "strategy", type: "nominal", legend: null },
          },
        },
      ],
    },
  };
}

/** Realised APY (in %) by how often the farmer compounds, before and after gas. */
export function apyByCompoundingSpec(
  title: string,
  bars: readonly { compounding: string; apy: number; apyAfterGas: number }[],
): TopLevelSpec {
  return {
    $schema: SCHEMA,
    title,
    width: WIDTH,
    height: HEIGHT,
    data: {
      values: bars.flatMap((b) => [
        { compounding: b.compounding, measure: "before gas", apy: b.apy },
        { compounding: b.compounding, measure: "after gas", apy: b.apyAfterGas },
      ]),
    },
    mark: "bar",
    encoding: {
      x: { field: "compounding", type: "nominal", title: "compounding", sort: null },
      xOffset: { field: "measure", type: "nominal" },
      y: { field: "apy", type: "quantitative", title: "realised APY (%)" },
      color: { field: "measure", type: "nominal", title: null },
    },
  };
}

/**
 * Impermanent loss (in %) against the price ratio r: the closed form 2√r / (1 + r) − 1 as a line,
 * and what each path's fee-less LP lost as points.
 */
export function ilByPriceRatioSpec(
  title: string,
  paths: readonly { ratio: number; il: number }[],
): TopLevelSpec {
  const ratios = paths.map((p) => p.ratio);
  const lo = Math.min(0.25, ...ratios);
  const hi = Math.max(4, ...ratios);
  const curve = Array.from({ length: 121 }, (_, i) => {
    const r = lo * (hi / lo) ** (i / 120);
    return { ratio: r, il: impermanentLoss(r).mul(100).toNumber(), source: "2√r/(1+r) − 1" };
  });
  const x = {
    field: "ratio",
    type: "quantitative",
    title: "price ratio r (end / start)",
    scale: { type: "log" },
  } as const;
  const y = { field: "il", type: "quantitative", title: "impermanent loss (%)" } as const;
  return {
    $schema: SCHEMA,
    title,
    width: WIDTH,
    height: HEIGHT,
    layer: [
      { data: { values: curve }, mark: "line", encoding: { x, y } },
      {
        data: { values: paths.map((p) => ({ ratio: p.ratio, il: p.il * 100 })) },
        mark: { type: "point", filled: true, size: 18, color: "#d62728" },
        encoding: { x, y },
      },
    ],
  };
}
