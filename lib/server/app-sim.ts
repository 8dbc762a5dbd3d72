import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { deploySandboxInProcess, deploySimMarket } from "../sim/deploy.js";
import { SIM_OPTIONS, type SimArgs, SimOptionError, simConfigFrom } from "../sim/options.js";
import { toCsv, toJson } from "../sim/output.js";
import { type SimConfig, runSimulation } from "../sim/run.js";
import { UsageError } from "../chain/errors.js";

/**
 * The dashboard's one door into the simulator: its options for the form, and a run (or a sweep of
 * runs) on a fresh in-process chain through the simulator's function API, returning each run's
 * JSON and CSV as `npm run simulate` writes them.
 */

/** The options the form shows: the simulator's own, without the output folder. */
export function simFormOptions() {
  return SIM_OPTIONS.filter((o) => o.name !== "out").map((o) => ({
    name: o.name,
    description: o.description,
    defaultValue: o.defaultValue ?? "",
    numeric: typeof o.defaultValue === "number",
  }));
}

export interface SimRun {
  label: string;
  json: unknown;
  csv: string;
}

/** Runs the simulation the form asked for; `onProgress` hears (runs done + day/days) / runs. */
export async function simulateForApp(
  hre: HardhatRuntimeEnvironment,
  args: Partial<SimArgs>,
  onProgress: (fraction: number) => void,
): Promise<SimRun[]> {
  let options;
  try {
    options = simConfigFrom({ ...args, out: "out" });
  } catch (error) {
    if (error instanceof SimOptionError) throw new UsageError(error.message);
    throw error;
  }
  const { config, sweep } = options;
  const runs: { config: SimConfig; label: string }[] =
    sweep === undefined
      ? [{ config, label: "run" }]
      : sweep.kind === "volume"
        ? sweep.values.map((v) => ({
            config: { ...config, dailyVolumeUsdc: v },
            label: `volume ${v}`,
          }))
        : sweep.values.map((s) => ({ config: { ...config, strategies: [s] }, label: s }));
  const out: SimRun[] = [];
  for (const [i, run] of runs.entries()) {
    const connection = await hre.network.create();
    try {
      const sandbox = await deploySandboxInProcess(connection);
      const contracts = await deploySimMarket(sandbox, run.config.rewardPerDay);
      const result = await runSimulation(connection, contracts, run.config, (day) =>
        onProgress((i + day / run.config.days) / runs.length),
      );
      out.push({ label: run.label, json: toJson(result), csv: toCsv(result) });
    } finally {
      await connection.close();
    }
  }
  return out;
}
