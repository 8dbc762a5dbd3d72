/**
 * The yield simulator: farmers with different strategies and randomly trading traders on a fresh
 * in-process sandbox, day by day. Writes CSV, JSON and an SVG chart to out/sim-<seed>-<time>/,
 * prints a summary table (stdout) and a progress bar (stderr, on a terminal only).
 * Usage: see USAGE.
 */
import path from "node:path";

import { CliError, connectNetwork, runMain } from "../lib/cli.js";
import { deploySandboxInProcess, deploySimMarket } from "../lib/sim/deploy.js";
import { parseSimFlags } from "../lib/sim/flags.js";
import { compoundingTable, summaryTable, toJson, writeRun } from "../lib/sim/output.js";
import { type SimConfig, type SimResult, runSimulation } from "../lib/sim/run.js";

function progress(days: number): (day: number) => void {
  if (!process.stderr.isTTY) return () => {};
  const colour = (process.env.NO_COLOR ?? "") === "";
  return (day) => {
    const width = 30;
    const done = Math.round((day / days) * width);
    const bar = `${"█".repeat(done)}${"░".repeat(width - done)}`;
    process.stderr.write(`\r${colour ? `\x1b[36m${bar}\x1b[0m` : bar} day ${day}/${days}`);
    if (day === days) process.stderr.write("\n");
  };
}

async function simulateOnce(network: string, config: SimConfig): Promise<SimResult> {
  const connection = await connectNetwork(network);
  if (connection.networkConfig.type !== "edr-simulated") {
    throw new CliError(
      `the simulator moves time on the in-process chain; --network ${network} is a node`,
    );
  }
  process.stderr.write(`deploying the sandbox (seed ${config.seed})\n`);
  const sandbox = await deploySandboxInProcess(connection);
  const contracts = await deploySimMarket(sandbox, config.rewardPerDay);
  return runSimulation(connection, contracts, config, progress(config.days));
}

async function main(): Promise<void> {
  const { config, sweep, out, json, network } = parseSimFlags(process.argv.slice(2));
  process.stderr.write(`seed ${config.seed}\n`);
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..*$/, "");
  // A sweep over compounding gives every farmer the same strategy, one run per strategy.
  const runs: { config: SimConfig; label: string }[] =
    sweep === undefined
      ? [{ config, label: "" }]
      : sweep.kind === "volume"
        ? sweep.values.map((v) => ({
            config: { ...config, dailyVolumeUsdc: v },
            label: `-volume-${v}`,
          }))
        : sweep.values.map((s) => ({ config: { ...config, strategies: [s] }, label: `-${s}` }));
  const outputs: Record<string, unknown>[] = [];
  const results: SimResult[] = [];
  for (const run of runs) {
    const result = await simulateOnce(network, run.config);
    results.push(result);
    const dir = path.join(out, `sim-${config.seed}-${stamp}${run.label}`);
    const files = await writeRun(dir, result);
    process.stderr.write(`wrote ${files.join(", ")}\n`);
    if (json) {
      outputs.push(toJson(result, { files }));
    } else if (sweep?.kind !== "compounding") {
      process.stdout.write(
        `seed ${config.seed}, ${config.days} days, ${run.config.dailyVolumeUsdc} USDC a day of volume, ` +
          `${result.transactions} transactions in ${(result.loopMs / 1000).toFixed(1)} s\n`,
      );
      process.stdout.write(`${summaryTable(result)}\n`);
    }
  }
  if (json) {
    process.stdout.write(`${JSON.stringify(sweep ? outputs : outputs[0], null, 2)}\n`);
  } else if (sweep?.kind === "compounding") {
    process.stdout.write(
      `seed ${config.seed}, ${config.days} days, ${config.farmers} farmers of ` +
        `${config.depositUsdc} USDC each, one run per compounding frequency\n`,
    );
    process.stdout.write(`${compoundingTable(results)}\n`);
  }
}

runMain(main);
