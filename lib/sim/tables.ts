/**
 * The figures docs/simulator.md shows (lib/docs/tables.ts writes them between the page's markers).
 * `mc-summary` is deterministic: the same seed gives the same table whatever the machine's speed or
 * the number of workers. `throughput`, `scaling` and `montecarlo-timing` are measured and differ
 * from run to run.
 */
import type { measureMonteCarlo, measureScaling, measureThroughput } from "./bench.js";
import { fanChart, monteCarloMarkdown } from "./mc-output.js";
import { DEFAULT_CONFIG, type SimConfig } from "./run.js";
import { runMonteCarlo } from "./workers.js";

/** The Monte Carlo run the page's table and fan chart show. */
export const DOCS_MONTE_CARLO = {
  paths: 40,
  config: {
    ...DEFAULT_CONFIG,
    days: 90,
    priceModel: { kind: "gbm", drift: 0, vol: 0.8 },
  } satisfies SimConfig,
};

const row = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;

/** The Monte Carlo table (Markdown) and the fan chart (SVG) of DOCS_MONTE_CARLO. */
export async function monteCarloFigures(root: string, workers: number) {
  const { paths, config } = DOCS_MONTE_CARLO;
  const result = await runMonteCarlo({ config, paths, workers, root });
  return { table: monteCarloMarkdown(result.summary), fan: await fanChart(result, config) };
}

export interface TableSizes {
  throughput: { farmers: number; days: number };
  scalingDays: number;
  monteCarlo: { paths: number; days: number };
}

/** The sizes the page's measured tables were taken at. */
export const DOCS_SIZES: TableSizes = {
  throughput: { farmers: 100, days: 30 },
  scalingDays: 30,
  monteCarlo: { paths: 50, days: 30 },
};

export function throughputTable(t: Awaited<ReturnType<typeof measureThroughput>>): string {
  return [
    row(["measure", "transactions", "seconds", "tx/s"]),
    row(["---", "---:", "---:", "---:"]),
    row([
      `simulation, ${t.farmers} farmers + ${t.farmers} traders × ${t.days} days`,
      t.transactions,
      t.simulationSeconds,
      t.simulationTps,
    ]),
    row([
      "ERC-20 transfers, one per block, receipt wait each",
      t.transactions,
      t.onePerBlockSeconds,
      t.onePerBlockTps,
    ]),
    row([
      "ERC-20 transfers in the simulator's blocks",
      t.transactions,
      t.sameBlocksSeconds,
      t.sameBlocksTps,
    ]),
    "",
    `\`ratioVsOnePerBlock\` = ${t.ratioVsOnePerBlock}, \`ratioVsSameBlocks\` = ${t.ratioVsSameBlocks}`,
  ].join("\n");
}

export function scalingTable(rows: Awaited<ReturnType<typeof measureScaling>>): string {
  return [
    row(["farmers", "traders", "days", "transactions", "wall s", "tx/s", "ms per tx"]),
    row(["---:", "---:", "---:", "---:", "---:", "---:", "---:"]),
    ...rows.map((r) =>
      row([r.farmers, r.traders, r.days, r.transactions, r.wallSeconds, r.tps, r.msPerTx]),
    ),
  ].join("\n");
}

export function monteCarloTimingTable(m: Awaited<ReturnType<typeof measureMonteCarlo>>): string {
  return [
    row([
      "paths × days × farmers × strategies",
      "1 worker (s)",
      "2 workers (s)",
      "speed-up",
      "outcomes",
    ]),
    row(["---", "---:", "---:", "---:", "---"]),
    row([
      `${m.paths} × ${m.days} × ${m.farmers} × ${m.strategies}`,
      m.oneWorkerSeconds,
      m.twoWorkersSeconds,
      `${m.speedup}×`,
      m.sameOutcomes ? "identical" : "different",
    ]),
  ].join("\n");
}
