/**
 * A Monte Carlo worker, in a process of its own: its own Hardhat runtime and in-process chain, the
 * sandbox and the simulation's market deployed on it, the agents brought in once, then one path
 * per request, each from the snapshot. Messages: in {path}; out {ready} | {day} | {outcome} | {error}.
 */
import { createHardhatRuntimeEnvironment, importUserConfig } from "hardhat/hre";

import { deploySandboxInProcess, deploySimMarket } from "./deploy.js";
import { pathOutcome } from "./montecarlo.js";
import { openWorld, playPath } from "./run.js";
import type { WorkerData, WorkerReply, WorkerRequest } from "./workers.js";

const reply = (message: WorkerReply) => process.send?.(message);

export async function serve(data: WorkerData): Promise<void> {
  try {
    const hre = await createHardhatRuntimeEnvironment(
      await importUserConfig(data.configPath),
      { config: data.configPath },
      data.root,
    );
    const connection = await hre.network.create();
    const sandbox = await deploySandboxInProcess(connection);
    const contracts = await deploySimMarket(sandbox, data.config.rewardPerDay);
    const world = await openWorld(connection, contracts, data.config);
    process.on("message", (request: WorkerRequest) => {
      playPath(world, request.path, (day, transactions) =>
        reply({ type: "day", path: request.path, day, transactions }),
      )
        .then((result) => reply({ type: "outcome", outcome: pathOutcome(result) }))
        .catch((error: unknown) => reply({ type: "error", message: (error as Error).message }));
    });
    reply({ type: "ready" });
  } catch (error) {
    reply({ type: "error", message: (error as Error).message });
  }
}
