/**
 * Simulation throughput against the engine's rate for plain transfers, in one process and one run:
 * the yield simulator's daily loop in transactions a second, then as many ERC-20 transfers on the
 * same chain sent one per block with a receipt wait each, and sent in the simulator's own blocks.
 * Target: the simulation at least as fast as one transfer per block. With --scaling, the loop's
 * wall time for 10, 100 and 1,000 farmers; with --montecarlo, a Monte Carlo run on 1 and 2 workers.
 */
import { SandboxError } from "../../lib/chain/errors.js";
import { connectNetwork, networkNameOf } from "../../lib/chain/network.js";
import { measureMonteCarlo, measureScaling, measureThroughput } from "../../lib/sim/bench.js";
import { newTable } from "../../lib/terminal/table.js";
import { sandboxAction, wholeNumber } from "../../lib/terminal/task.js";

const TARGET = 1;

interface BenchSimArgs {
  days: number;
  farmers: number;
  scaling: boolean;
  scalingDays: number;
  montecarlo: boolean;
  mcPaths: number;
  mcDays: number;
  json: boolean;
}

export default sandboxAction<BenchSimArgs>(async (args, hre, io) => {
  const days = wholeNumber("days", args.days, 1, 3650);
  const farmers = wholeNumber("farmers", args.farmers, 1, 5000);
  const scalingDays = wholeNumber("scalingDays", args.scalingDays, 1, 3650);
  const mcPaths = wholeNumber("mcPaths", args.mcPaths, 1, 100_000);
  const mcDays = wholeNumber("mcDays", args.mcDays, 1, 3650);
  const name = networkNameOf(hre, "default");
  const connection = await connectNetwork(hre, name);
  if (connection.networkConfig.type !== "edr-simulated") {
    await connection.close();
    throw new SandboxError("the benchmark measures the in-process chain; drop --network");
  }
  io.say(
    `throughput: ${farmers} farmers and ${farmers} traders × ${days} days, then as many transfers`,
  );
  const throughput = await measureThroughput(connection, farmers, days);
  await connection.close();
  const scaling = args.scaling
    ? await measureScaling(() => connectNetwork(hre, name), [10, 100, 1000], scalingDays, io.say)
    : undefined;
  const montecarlo = args.montecarlo
    ? await measureMonteCarlo(mcPaths, mcDays, hre.config.paths.root, io.say)
    : undefined;
  const figures = {
    ...throughput,
    target: TARGET,
    met: throughput.ratioVsOnePerBlock >= TARGET,
    ...(scaling === undefined ? {} : { scaling }),
    ...(montecarlo === undefined ? {} : { montecarlo }),
  };
  if (args.json) {
    io.out(`${JSON.stringify(figures, null, 2)}\n`);
    return;
  }
  const table = newTable(["measure", "transactions", "seconds", "tx/s"]);
  const n = String(throughput.transactions);
  table.push(
    [
      `simulation (${farmers} farmers, ${days} days)`,
      n,
      throughput.simulationSeconds.toFixed(3),
      throughput.simulationTps.toFixed(1),
    ],
    [
      "ERC-20 transfers, one per block, receipt wait each",
      n,
      throughput.onePerBlockSeconds.toFixed(3),
      throughput.onePerBlockTps.toFixed(1),
    ],
    [
      "ERC-20 transfers in the simulator's blocks",
      n,
      throughput.sameBlocksSeconds.toFixed(3),
      throughput.sameBlocksTps.toFixed(1),
    ],
  );
  io.out(`${table.toString()}\n`);
  io.out(
    `simulation / one per block = ${throughput.ratioVsOnePerBlock.toFixed(3)} (target ≥ ${TARGET.toFixed(2)}: ${figures.met ? "met" : "not met"}); ` +
      `simulation / same blocks = ${throughput.ratioVsSameBlocks.toFixed(3)}\n`,
  );
  if (scaling !== undefined) {
    const t = newTable([
      "farmers",
      "traders",
      "days",
      "transactions",
      "wall s",
      "tx/s",
      "ms per tx",
    ]);
    for (const r of scaling) {
      t.push(
        [
          r.farmers,
          r.traders,
          r.days,
          r.transactions,
          r.wallSeconds.toFixed(1),
          r.tps.toFixed(1),
          r.msPerTx.toFixed(3),
        ].map(String),
      );
    }
    io.out(`${t.toString()}\n`);
  }
  if (montecarlo !== undefined) {
    io.out(
      `Monte Carlo ${montecarlo.paths} paths × ${montecarlo.days} days × ${montecarlo.farmers} farmers × ${montecarlo.strategies} strategies: ` +
        `1 worker ${montecarlo.oneWorkerSeconds} s, 2 workers ${montecarlo.twoWorkersSeconds} s, speed-up ${montecarlo.speedup}×, ` +
        `outcomes ${montecarlo.sameOutcomes ? "identical" : "DIFFERENT"}\n`,
    );
  }
});
