/**
 * A Monte Carlo worker: its own Hardhat runtime and in-process chain, the sandbox and the
 * simulation's market deployed on it, the agents brought in once, then one path per request, each
 * from the snapshot. Messages: in {path} | {stop}; out {ready} | {day} | {outcome} | {error}.
 */
import { parentPort, workerData } from "node:worker_threads";

import { createHardhatRuntimeEnvironment, importUserConfig } from "hardhat/hre";

import { deploySandboxInProcess, deploySimMarket } from "./deploy.js";
import { pathOutcome } from "./montecarlo.js";
import { closeWorld, openWorld, playPath } from "./run.js";
import type { WorkerData, WorkerReply, WorkerRequest } from "./workers.js";

const port = parentPort;
if (port === null) throw new Error("the simulation's worker runs in a worker thread");
const data = workerData as WorkerData;
const reply = (message: WorkerReply) => port.postMessage(message);

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
  port.on("message", (request: WorkerRequest) => {
    if (request.type === "stop") {
      void closeWorld(world)
        .then(() => connection.close())
        .then(() => port.close());
      return;
    }
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
