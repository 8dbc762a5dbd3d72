/**
 * Simulation throughput against the engine's raw rate, in one process and one run: the yield
 * simulator's daily loop (swaps, harvests, compounding, reads and time travel) in transactions a
 * second, then the same number of plain ERC-20 transfers on the same chain. Target: ≥ 50% of raw.
 */
import { MaxUint256 } from "ethers";

import { D } from "../../lib/pure/analytics/decimal.js";
import { connectNetwork, networkNameOf } from "../../lib/chain/network.js";
import { SandboxError } from "../../lib/chain/errors.js";
import { sandboxAction, wholeNumber } from "../../lib/terminal/task.js";
import { newTable } from "../../lib/terminal/table.js";
import { deploySandboxInProcess, deploySimMarket } from "../../lib/sim/deploy.js";
import { DEFAULT_CONFIG, runSimulation } from "../../lib/sim/run.js";

const TARGET = new D("0.5");

export default sandboxAction<{ days: number; json: boolean }>(async (args, hre, io) => {
  const days = wholeNumber("days", args.days, 1, 3650);
  const connection = await connectNetwork(hre, networkNameOf(hre, "default"));
  if (connection.networkConfig.type !== "edr-simulated") {
    throw new SandboxError("the benchmark measures the in-process chain; drop --network");
  }
  const log = (line: string) => io.say(`${line}`);
  log("deploying the sandbox");
  const sandbox = await deploySandboxInProcess(connection);
  const contracts = await deploySimMarket(sandbox, DEFAULT_CONFIG.rewardPerDay);

  log(`simulating ${days} days`);
  const result = await runSimulation(connection, contracts, { ...DEFAULT_CONFIG, days });
  const simTps = new D(result.transactions).div(new D(result.loopMs).div(1000));

  log(`sending ${result.transactions} plain ERC-20 transfers`);
  const [from, to] = (await connection.ethers.getSigners()).slice(1, 3);
  const token = sandbox.usdc.connect(from);
  await (await sandbox.usdc.faucet(from.address, MaxUint256 / 2n)).wait();
  await (await token.transfer(to.address, 1n)).wait(); // warm the recipient's balance slot
  const started = performance.now();
  // The same fixed gas limit the simulation sends with, so both skip gas estimation alike.
  for (let i = 0; i < result.transactions; i += 1) {
    await (await token.transfer(to.address, 1n, { gasLimit: 1_000_000n })).wait();
  }
  const rawMs = performance.now() - started;
  const rawTps = new D(result.transactions).div(new D(rawMs).div(1000));
  const ratio = simTps.div(rawTps);

  const figures = {
    days,
    transactions: result.transactions,
    simulationSeconds: Number((result.loopMs / 1000).toFixed(3)),
    simulationTps: Number(simTps.toFixed(1)),
    rawSeconds: Number((rawMs / 1000).toFixed(3)),
    rawTps: Number(rawTps.toFixed(1)),
    ratio: Number(ratio.toFixed(3)),
    target: Number(TARGET.toFixed(2)),
    met: ratio.gte(TARGET),
  };
  if (args.json) {
    io.out(`${JSON.stringify(figures, null, 2)}\n`);
    return;
  }
  const table = newTable(["measure", "transactions", "seconds", "tx/s"]);
  table.push(
    [
      "simulation (daily loop)",
      String(figures.transactions),
      figures.simulationSeconds.toFixed(3),
      figures.simulationTps.toFixed(1),
    ],
    [
      "raw ERC-20 transfers",
      String(figures.transactions),
      figures.rawSeconds.toFixed(3),
      figures.rawTps.toFixed(1),
    ],
  );
  io.out(`${table.toString()}\n`);
  io.out(
    `simulation / raw = ${figures.ratio.toFixed(3)} (target ≥ ${figures.target.toFixed(2)}: ${figures.met ? "met" : "not met"})\n`,
  );
});
