/**
 * The simulator's benchmarks, as functions (the bench-sim task prints them; the docs' tables are
 * generated from them): throughput against plain ERC-20 transfers, scaling with the number of
 * agents, and Monte Carlo on 1 and 2 workers. Each figure is measured in the same process and run
 * as the figures it is compared with.
 */
import type { NetworkConnection } from "hardhat/types/network";
import { MaxUint256 } from "ethers";

import { Blocks } from "./blocks.js";
import { deploySandboxInProcess, deploySimMarket } from "./deploy.js";
import { type SimConfig, DEFAULT_CONFIG, runSimulation } from "./run.js";
import { runMonteCarlo } from "./workers.js";

/** The configuration the benchmarks simulate: the default, with `farmers` farmers and as many traders. */
export function benchConfig(farmers: number, days: number): SimConfig {
  return { ...DEFAULT_CONFIG, farmers, traders: farmers, days };
}

export interface Throughput {
  days: number;
  farmers: number;
  transactions: number;
  blocks: number;
  simulationSeconds: number;
  simulationTps: number;
  onePerBlockSeconds: number;
  onePerBlockTps: number;
  sameBlocksSeconds: number;
  sameBlocksTps: number;
  ratioVsOnePerBlock: number;
  ratioVsSameBlocks: number;
}

const round = (x: number, digits: number) => Number(x.toFixed(digits));

/**
 * The simulation's daily loop in transactions a second, then as many ERC-20 transfers on the same
 * chain sent one per block through ethers with a receipt wait each, then as many sent as the
 * simulator sends (its block size, no waits, receipts once a block).
 */
export async function measureThroughput(
  connection: NetworkConnection,
  farmers: number,
  days: number,
): Promise<Throughput> {
  const sandbox = await deploySandboxInProcess(connection);
  const contracts = await deploySimMarket(sandbox, DEFAULT_CONFIG.rewardPerDay);
  const config = benchConfig(farmers, days);
  const result = await runSimulation(connection, contracts, config);
  const n = result.transactions;

  const [from, to] = (await connection.ethers.getSigners()).slice(1, 3);
  const token = sandbox.usdc.connect(from);
  await (await sandbox.usdc.faucet(from.address, MaxUint256 / 2n)).wait();
  await (await token.transfer(to.address, 1n)).wait(); // warm the recipient's balance slot
  let started = performance.now();
  // The same kind of fixed gas limit the simulation sends with, so both skip gas estimation alike.
  for (let i = 0; i < n; i += 1) {
    await (await token.transfer(to.address, 1n, { gasLimit: 300_000n })).wait();
  }
  const onePerBlockMs = performance.now() - started;

  const rpc = connection.ethers.provider;
  const latest = await rpc.getBlock("latest");
  if (latest === null) throw new Error("the chain returned no latest block");
  const usdc = await sandbox.usdc.getAddress();
  const data = sandbox.usdc.interface.encodeFunctionData("transfer", [to.address, 1n]);
  await rpc.send("evm_setAutomine", [false]);
  try {
    const blocks = new Blocks(rpc, latest.timestamp, config.blockTxs);
    started = performance.now();
    await blocks.play(
      Array.from({ length: n }, () => ({
        from: from.address,
        to: usdc,
        data,
        gas: 300_000n,
        label: "a transfer",
      })),
    );
  } finally {
    await rpc.send("evm_setAutomine", [true]);
  }
  const sameBlocksMs = performance.now() - started;
  const tps = (ms: number) => (n * 1000) / ms;
  const simulationTps = tps(result.loopMs);
  return {
    days,
    farmers,
    transactions: n,
    blocks: result.blocks,
    simulationSeconds: round(result.loopMs / 1000, 3),
    simulationTps: round(simulationTps, 1),
    onePerBlockSeconds: round(onePerBlockMs / 1000, 3),
    onePerBlockTps: round(tps(onePerBlockMs), 1),
    sameBlocksSeconds: round(sameBlocksMs / 1000, 3),
    sameBlocksTps: round(tps(sameBlocksMs), 1),
    ratioVsOnePerBlock: round(simulationTps / tps(onePerBlockMs), 3),
    ratioVsSameBlocks: round(simulationTps / tps(sameBlocksMs), 3),
  };
}

export interface ScalingRow {
  farmers: number;
  traders: number;
  days: number;
  transactions: number;
  wallSeconds: number;
  tps: number;
  /** Wall time per transaction of the daily loop, ms. */
  msPerTx: number;
}

/** One run per farmer count, each on a fresh chain from `connect`, timing the daily loop. */
export async function measureScaling(
  connect: () => Promise<NetworkConnection>,
  counts: readonly number[],
  days: number,
  log: (line: string) => void = () => {},
): Promise<ScalingRow[]> {
  const rows: ScalingRow[] = [];
  for (const farmers of counts) {
    log(`scaling: ${farmers} farmers × ${days} days`);
    const connection = await connect();
    try {
      const sandbox = await deploySandboxInProcess(connection);
      const contracts = await deploySimMarket(sandbox, DEFAULT_CONFIG.rewardPerDay);
      const r = await runSimulation(connection, contracts, benchConfig(farmers, days));
      rows.push({
        farmers,
        traders: farmers,
        days,
        transactions: r.transactions,
        wallSeconds: round(r.loopMs / 1000, 3),
        tps: round((r.transactions * 1000) / r.loopMs, 1),
        msPerTx: round(r.loopMs / r.transactions, 3),
      });
    } finally {
      await connection.close();
    }
  }
  return rows;
}

export interface MonteCarloTiming {
  paths: number;
  days: number;
  farmers: number;
  strategies: number;
  oneWorkerSeconds: number;
  twoWorkersSeconds: number;
  speedup: number;
  sameOutcomes: boolean;
}

/** The default configuration's Monte Carlo on 1 worker, then on 2; wall time includes deploying. */
export async function measureMonteCarlo(
  paths: number,
  days: number,
  root: string,
  log: (line: string) => void = () => {},
): Promise<MonteCarloTiming> {
  const config: SimConfig = {
    ...DEFAULT_CONFIG,
    days,
    priceModel: { kind: "gbm", drift: 0, vol: 0.8 },
  };
  log(`Monte Carlo: ${paths} paths × ${days} days on 1 worker`);
  const one = await runMonteCarlo({ config, paths, workers: 1, root });
  log(`Monte Carlo: ${paths} paths × ${days} days on 2 workers`);
  const two = await runMonteCarlo({ config, paths, workers: 2, root });
  return {
    paths,
    days,
    farmers: config.farmers,
    strategies: config.strategies.length,
    oneWorkerSeconds: round(one.wallMs / 1000, 1),
    twoWorkersSeconds: round(two.wallMs / 1000, 1),
    speedup: round(one.wallMs / two.wallMs, 2),
    sameOutcomes: JSON.stringify(one.outcomes) === JSON.stringify(two.outcomes),
  };
}
