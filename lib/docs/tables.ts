/**
 * Every table of figures in the docs, by the name its markers give it, with the page it sits on and
 * how to compute it. Deterministic tables (gas on the in-process chain, scenario figures, worked
 * examples) are checked against the pages by a test; noisy ones (timings) are only rewritten.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";

import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { measureAmmGas } from "../chain/bench/amm-gas.js";
import { measureFarmGas } from "../chain/bench/farm-gas.js";
import { connectNetwork } from "../chain/network.js";
import {
  COMPOUNDING,
  aprFromPeriodicRate,
  aprToApy,
  aprToApyContinuous,
  breakevenDays,
  compoundInterest,
  impermanentLoss,
  dec,
  simpleInterest,
} from "../pure/analytics/index.js";
import { markdown, whole } from "../pure/doc-tables.js";
import { scenarioEnv } from "../scenarios/env.js";
import { formatAmount } from "../scenarios/format.js";
import { SCENARIOS, playEach } from "../scenarios/index.js";
import { TARGETS, measureDashboard } from "../server/app-bench.js";
import type { SideResult } from "../scenarios/types.js";
import { measureMonteCarlo, measureScaling, measureThroughput } from "../sim/bench.js";
import {
  DOCS_SIZES,
  monteCarloFigures,
  monteCarloTimingTable,
  scalingTable,
  throughputTable,
} from "../sim/tables.js";

export interface DocTable {
  name: string;
  /** The page it sits on, relative to the project's root. */
  page: string;
  /** Deterministic tables are checked against the pages by a test; noisy ones only rewritten. */
  deterministic: boolean;
  generate(hre: HardhatRuntimeEnvironment, say: (line: string) => void): Promise<string>;
}

async function onFreshChain<T>(
  hre: HardhatRuntimeEnvironment,
  work: (connection: Awaited<ReturnType<typeof connectNetwork>>) => Promise<T>,
): Promise<T> {
  const connection = await connectNetwork(hre, "default");
  try {
    return await work(connection);
  } finally {
    await connection.close();
  }
}

const ammGas: DocTable = {
  name: "amm-gas",
  page: "docs/benchmarks.md",
  deterministic: true,
  generate: (hre, say) =>
    onFreshChain(hre, async (connection) => {
      const rows = await measureAmmGas(connection, say);
      return markdown(
        ["operation", "gas, sandbox AMM", "gas, Uniswap V2", "ratio", "target", "met?"],
        rows.map((r) => [
          r.operation,
          whole(r.gasOurs),
          whole(r.gasV2),
          r.ratio.toFixed(3),
          r.target === null ? "—" : `≤ ${r.target.toFixed(2)}`,
          r.met === null ? "—" : r.met ? "yes" : "no",
        ]),
        ["l", "r", "r", "r", "r", "c"],
      );
    }),
};

/** The farm benchmark runs once for its two tables. */
let farmGas: ReturnType<typeof measureFarmGas> | undefined;
const farmGasOnce = (hre: HardhatRuntimeEnvironment, say: (line: string) => void) =>
  (farmGas ??= onFreshChain(hre, (connection) => measureFarmGas(connection, say)));

const farmGasTable: DocTable = {
  name: "farm-gas",
  page: "docs/benchmarks.md",
  deterministic: true,
  generate: async (hre, say) => {
    const { operations } = await farmGasOnce(hre, say);
    return markdown(
      ["operation", "gas", "anchor", "anchor gas", "ratio", "target", "met?"],
      operations.map((r) => [
        r.operation,
        whole(r.gas),
        r.anchor,
        whole(r.anchorGas),
        r.ratio.toFixed(3),
        `≤ ${r.target.toFixed(2)}`,
        r.met ? "yes" : "no",
      ]),
      ["l", "r", "l", "r", "r", "r", "c"],
    );
  },
};

const farmScaling: DocTable = {
  name: "farm-scaling",
  page: "docs/benchmarks.md",
  deterministic: true,
  generate: async (hre, say) => {
    const { scaling } = await farmGasOnce(hre, say);
    return markdown(
      ["scaling check", "1 staker", "1,000 stakers", "difference", "target", "met?"],
      [
        [
          "farm: harvest",
          whole(scaling.harvestWith1Staker),
          whole(scaling.harvestWith1000Stakers),
          `${(scaling.difference * 100).toFixed(3)}%`,
          "< 1%",
          scaling.met ? "yes" : "no",
        ],
      ],
      ["l", "r", "r", "r", "r", "c"],
    );
  },
};

function figures(side: SideResult): string {
  const money = (raw: bigint) => formatAmount(raw, side.asset.decimals, side.asset.symbol, 4);
  return `${money(side.attackerProfit)} / ${money(side.victimsLoss)}`;
}

/** The attack on one side: through, or reverted with the custom error's name when there is one. */
function attackOutcome(side: SideResult): string {
  if (side.revert === null) return "goes through";
  const name = side.revert.split("(")[0];
  return /^\w+$/.test(name) ? `reverts: ${name}` : "reverts";
}

const scenarioResults: DocTable = {
  name: "scenario-results",
  page: "docs/scenarios.md",
  deterministic: true,
  generate: (hre, say) =>
    onFreshChain(hre, async (connection) => {
      const env = await scenarioEnv(connection, say);
      const results = await playEach(SCENARIOS, env, { fresh: true });
      return markdown(
        [
          "scenario",
          "vulnerable: attacker profit / victims' loss",
          "hardened: the attack",
          "hardened: profit / victims' loss",
          "checks",
        ],
        results.map((r) => [
          `[${r.name}](../contracts/scenarios/${r.name}/README.md)`,
          figures(r.vulnerable),
          attackOutcome(r.hardened),
          figures(r.hardened),
          r.vulnerable.passed && r.hardened.passed ? "pass" : "FAIL",
        ]),
      );
    }),
};

const scenarioCatalogue: DocTable = {
  name: "scenario-catalogue",
  page: "docs/scenarios.md",
  deterministic: true,
  generate: async () =>
    markdown(
      ["scenario", "what it plays", "the incident", "the fix on the hardened side"],
      SCENARIOS.map((s) => [
        `[${s.name}](../contracts/scenarios/${s.name}/README.md)`,
        s.title,
        s.incident,
        s.fix,
      ]),
    ),
};

/** The worked example of the farming page: $500 at 30% APR, compounded at every frequency. */
const apyExamples: DocTable = {
  name: "apy-examples",
  page: "docs/reference.md",
  deterministic: true,
  generate: async () => {
    const principal = 500;
    const apr = "0.30";
    const rows: string[][] = [
      ["simple (no compounding)", "—", simpleInterest(principal, apr).toFixed(2), "30.00%"],
    ];
    for (const [name, n] of Object.entries(COMPOUNDING)) {
      rows.push([
        name,
        whole(n),
        compoundInterest(principal, apr, n).toFixed(2),
        `${aprToApy(apr, n).mul(100).toFixed(2)}%`,
      ]);
    }
    const continuous = aprToApyContinuous(apr);
    rows.push([
      "continuous",
      "∞",
      continuous.mul(principal).toFixed(2),
      `${continuous.mul(100).toFixed(2)}%`,
    ]);
    const truncated = aprFromPeriodicRate("0.000821", 365);
    rows.push([
      "daily, at the rate rounded to 0.000821",
      "365",
      compoundInterest(principal, truncated, 365).toFixed(2),
      `${aprToApy(truncated, 365).mul(100).toFixed(2)}%`,
    ]);
    return markdown(["compounding", "periods a year", "interest on $500 in a year", "APY"], rows, [
      "l",
      "r",
      "r",
      "r",
    ]);
  },
};

/** Impermanent loss against the price ratio r = P_end / P_start, IL(r) = 2√r / (1 + r) − 1. */
const ilTable: DocTable = {
  name: "il-table",
  page: "docs/reference.md",
  deterministic: true,
  generate: async () => {
    const ratios = [
      "0.1",
      "0.25",
      "0.5",
      "0.75",
      "0.9",
      "1",
      "1.1",
      "1.25",
      "1.5",
      "2",
      "3",
      "4",
      "5",
      "10",
    ];
    return markdown(
      ["price ratio r", "price change", "IL(r)", "$10,000 LP vs HODL (both at the new price)"],
      ratios.map((r) => {
        const il = impermanentLoss(r);
        // Half of $10,000 in the asset whose price moves by r, half in the quote token.
        const hodl = dec(r).plus(1).mul(5_000);
        const change = dec(r).minus(1).mul(100);
        return [
          r,
          `${change.gte(0) ? "+" : ""}${change.toFixed(0)}%`,
          `${il.mul(100).toFixed(2)}%`,
          `$${whole(Number(hodl.mul(il.plus(1)).toFixed(0)))} vs $${whole(Number(hodl.toFixed(0)))}`,
        ];
      }),
      ["r", "r", "r", "r"],
    );
  },
};

/** The gas break-even of the farming page: the farm's entry and exit at mainnet-like prices. */
const breakeven: DocTable = {
  name: "breakeven-example",
  page: "docs/reference.md",
  deterministic: true,
  generate: async () => {
    const rows: string[][] = [];
    for (const position of [500, 5_000, 50_000]) {
      for (const gwei of [5, 40]) {
        const b = breakevenDays({
          positionUsd: position,
          apr: "0.30",
          entryGas: 111_499n,
          exitGas: 94_355n,
          gasPriceGwei: gwei,
          ethPriceUsd: 2_500,
        });
        rows.push([
          `$${whole(position)}`,
          `${gwei} gwei`,
          `$${b.gasUsd.toFixed(2)}`,
          b.days.toFixed(1),
        ]);
      }
    }
    return markdown(
      [
        "position at 30% APR",
        "gas price",
        "entry + exit gas (206 k gas, ETH $2,500)",
        "days to break even",
      ],
      rows,
      ["r", "r", "r", "r"],
    );
  },
};

/**
 * The simulator's Monte Carlo example and its fan chart (docs/img/simulator-fan.svg). The same seed
 * gives the same table on any machine and worker count, but the run takes minutes: it is
 * rewritten, not replayed by the drift test.
 */
const monteCarloSummary: DocTable = {
  name: "mc-summary",
  page: "docs/simulator.md",
  deterministic: false,
  generate: async (hre) => {
    const root = hre.config.paths.root;
    const { table, fan } = await monteCarloFigures(root, 2);
    await writeFile(path.join(root, "docs/img/simulator-fan.svg"), fan);
    return table;
  },
};

const simThroughput: DocTable = {
  name: "throughput",
  page: "docs/simulator.md",
  deterministic: false,
  generate: (hre) =>
    onFreshChain(hre, async (connection) =>
      throughputTable(
        await measureThroughput(
          connection,
          DOCS_SIZES.throughput.farmers,
          DOCS_SIZES.throughput.days,
        ),
      ),
    ),
};

const simScaling: DocTable = {
  name: "scaling",
  page: "docs/simulator.md",
  deterministic: false,
  generate: async (hre, say) =>
    scalingTable(
      await measureScaling(
        () => hre.network.create(),
        [10, 100, 1000],
        DOCS_SIZES.scalingDays,
        say,
      ),
    ),
};

const simMonteCarloTiming: DocTable = {
  name: "montecarlo-timing",
  page: "docs/simulator.md",
  deterministic: false,
  generate: async (hre, say) =>
    monteCarloTimingTable(
      await measureMonteCarlo(
        DOCS_SIZES.monteCarlo.paths,
        DOCS_SIZES.monteCarlo.days,
        hre.config.paths.root,
        say,
      ),
    ),
};

/** The dashboard's speed and size in Chromium, beside their targets (a timing: rewritten only). */
const appBench: DocTable = {
  name: "app-bench",
  page: "docs/dashboard.md",
  deterministic: false,
  generate: async (hre, say) => {
    const f = await measureDashboard(hre, say);
    const row = (label: string, figure: number, target: number | null, unit: string) => [
      label,
      `${whole(figure)} ${unit}`,
      target === null ? "—" : `< ${whole(target)} ${unit}`,
      target === null ? "—" : figure < target ? "yes" : "no",
    ];
    return markdown(
      ["measure", "figure", "target", "met?"],
      [
        row(
          "first render of the overview after load (median of 5)",
          f.firstRenderMs,
          TARGETS.firstRenderMs,
          "ms",
        ),
        row(
          "swap: click to updated reserves (median of 5)",
          f.swapToReservesMs,
          TARGETS.swapToReservesMs,
          "ms",
        ),
        row("bundle, gzipped, every file", f.bundleGzipKb, TARGETS.bundleGzipKb, "kB"),
        row("of which the overview loads", f.overviewGzipKb, null, "kB"),
      ],
      ["l", "r", "r", "c"],
    );
  },
};

export const DOC_TABLES: DocTable[] = [
  scenarioCatalogue,
  scenarioResults,
  ammGas,
  farmGasTable,
  farmScaling,
  apyExamples,
  ilTable,
  breakeven,
  monteCarloSummary,
  simThroughput,
  simScaling,
  simMonteCarloTiming,
  appBench,
];
