import { readFile } from "node:fs/promises";
import path from "node:path";

import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { SandboxError, UsageError } from "../../lib/chain/errors.js";
import { connectNetwork, networkNameOf } from "../../lib/chain/network.js";
import { deploySandboxInProcess, deploySimMarket } from "../../lib/sim/deploy.js";
import { type SimArgs, SimOptionError, simConfigFrom } from "../../lib/sim/options.js";
import {
  monteCarloJson,
  monteCarloTable,
  priceModelWords,
  writeMonteCarlo,
} from "../../lib/sim/mc-output.js";
import { compoundingTable, summaryTable, toJson, writeRun } from "../../lib/sim/output.js";
import { PriceModelError, dailyLogReturns } from "../../lib/sim/prices.js";
import { type SimConfig, type SimResult, runSimulation } from "../../lib/sim/run.js";
import { runMonteCarlo } from "../../lib/sim/workers.js";
import type { TaskIo } from "../../lib/terminal/io.js";
import { runProgress } from "../../lib/terminal/progress.js";
import { sandboxAction } from "../../lib/terminal/task.js";

async function simulateOnce(
  hre: HardhatRuntimeEnvironment,
  io: TaskIo,
  config: SimConfig,
): Promise<SimResult> {
  const connection = await connectNetwork(hre, networkNameOf(hre, "default"));
  try {
    io.say(`deploying the sandbox (seed ${config.seed})`);
    const sandbox = await deploySandboxInProcess(connection);
    const contracts = await deploySimMarket(sandbox, config.rewardPerDay);
    const progress = runProgress(io);
    const started = performance.now();
    return await runSimulation(connection, contracts, config, (day, transactions) =>
      progress({
        pathsDone: day === config.days ? 1 : 0,
        paths: 1,
        day: day === config.days ? 0 : day,
        days: config.days,
        transactions,
        elapsedMs: performance.now() - started,
      }),
    );
  } finally {
    await connection.close();
  }
}

/**
 * The yield simulator: farmers with different strategies and randomly trading traders on a fresh
 * in-process sandbox, day by day. Writes CSV, JSON and an SVG chart to <out>/sim-<seed>-<time>/,
 * prints a summary table (stdout) and a progress bar (stderr, on a terminal only).
 */
export default sandboxAction<SimArgs & { json: boolean }>(async (args, hre, io) => {
  let options;
  try {
    options = simConfigFrom(args);
  } catch (error) {
    if (error instanceof SimOptionError) throw new UsageError(error.message);
    throw error;
  }
  const { sweep, out, paths, workers, pricesFile, bootstrapBlock } = options;
  let { config } = options;
  if (pricesFile !== undefined) {
    let text: string;
    try {
      text = await readFile(pricesFile, "utf8");
    } catch (error) {
      throw new UsageError(`cannot read --prices ${pricesFile}: ${(error as Error).message}`);
    }
    try {
      const returns = dailyLogReturns(text, pricesFile);
      if (returns.length < bootstrapBlock) {
        throw new PriceModelError(
          `${pricesFile} has ${returns.length} daily returns, fewer than a block of ${bootstrapBlock} days (--block)`,
        );
      }
      config = {
        ...config,
        priceModel: {
          kind: "bootstrap",
          returns,
          block: bootstrapBlock,
          source: path.basename(pricesFile),
        },
      };
    } catch (error) {
      if (error instanceof PriceModelError) throw new UsageError(error.message);
      throw error;
    }
  }
  const name = networkNameOf(hre, "default");
  if (hre.config.networks[name]?.type !== "edr-simulated") {
    // A missing node or an unknown network is its own line; a node that answers is refused.
    await (await connectNetwork(hre, name)).close();
    throw new SandboxError(
      `the simulator moves time on the in-process chain; --network ${name} is a node`,
    );
  }
  io.say(`seed ${config.seed}`);
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..*$/, "");
  if (paths > 1) {
    io.say(
      `Monte Carlo: ${paths} paths of ${config.days} days (${priceModelWords(config)}) on ${Math.min(workers, paths)} worker(s), each deploying its own sandbox`,
    );
    const result = await runMonteCarlo({
      config,
      paths,
      workers,
      root: hre.config.paths.root,
      onProgress: runProgress(io),
    });
    const dir = path.join(out, `mc-${config.seed}-${stamp}`);
    const files = await writeMonteCarlo(dir, result, config, workers);
    io.say(`wrote ${files.join(", ")}`);
    if (args.json) {
      io.out(`${JSON.stringify({ ...monteCarloJson(result, config, workers), files }, null, 2)}\n`);
    } else {
      io.out(
        `seed ${config.seed}, ${paths} paths × ${config.days} days, ${config.farmers} farmers, ` +
          `${priceModelWords(config)}: ${result.transactions} transactions in ${(result.wallMs / 1000).toFixed(1)} s\n`,
      );
      io.out(`${monteCarloTable(result.summary)}\n`);
    }
    return;
  }
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
    const result = await simulateOnce(hre, io, run.config);
    results.push(result);
    const dir = path.join(out, `sim-${config.seed}-${stamp}${run.label}`);
    const files = await writeRun(dir, result);
    io.say(`wrote ${files.join(", ")}`);
    if (args.json) {
      outputs.push(toJson(result, { files }));
    } else if (sweep?.kind !== "compounding") {
      io.out(
        `seed ${config.seed}, ${config.days} days, ${run.config.dailyVolumeUsdc} USDC a day of volume, ` +
          `${result.transactions} transactions in ${(result.loopMs / 1000).toFixed(1)} s\n`,
      );
      io.out(`${summaryTable(result)}\n`);
    }
  }
  if (args.json) {
    io.out(`${JSON.stringify(sweep ? outputs : outputs[0], null, 2)}\n`);
  } else if (sweep?.kind === "compounding") {
    io.out(
      `seed ${config.seed}, ${config.days} days, ${config.farmers} farmers of ` +
        `${config.depositUsdc} USDC each, one run per compounding frequency\n`,
    );
    io.out(`${compoundingTable(results)}\n`);
  }
});
