import { type ChildProcess, fork } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { type McOptions, type McResult, type PathOutcome, summarise } from "./montecarlo.js";
import type { SimConfig } from "./run.js";

export interface WorkerData {
  module: string;
  configPath: string;
  root: string;
  config: SimConfig;
}
export type WorkerRequest = { type: "path"; path: number };
export type WorkerReply =
  | { type: "ready" }
  | { type: "day"; path: number; day: number; transactions: number }
  | { type: "outcome"; outcome: PathOutcome }
  | { type: "error"; message: string };

export class MonteCarloError extends Error {
  override name = "MonteCarloError";
}

/**
 * Plays paths 0…paths−1 of the configuration's seed on `workers` workers (at most one per path),
 * each deploying its own sandbox in its own chain; a free worker takes the next path. Workers are
 * child processes rather than threads: the chain's engine wants one context per process (a second
 * one in a thread of the same process warns that it should not be created).
 * `root` is the Hardhat project's folder (hardhat.config.ts and the compiled artifacts).
 */
export async function runMonteCarlo(options: McOptions & { root?: string }): Promise<McResult> {
  const { config, paths } = options;
  if (!Number.isInteger(paths) || paths < 1) {
    throw new MonteCarloError(`a Monte Carlo run needs at least one path, got ${paths}`);
  }
  if (!Number.isInteger(options.workers) || options.workers < 1) {
    throw new MonteCarloError(
      `a Monte Carlo run needs at least one worker, got ${options.workers}`,
    );
  }
  const root = options.root ?? process.cwd();
  const data: WorkerData = {
    module: new URL("./worker.ts", import.meta.url).href,
    configPath: path.join(root, "hardhat.config.ts"),
    root,
    config,
  };
  const count = Math.min(options.workers, paths);
  const started = performance.now();
  const outcomes: PathOutcome[] = [];
  /** Per worker, the day and transactions of the path it is playing. */
  const playing = new Map<number, { day: number; transactions: number }>();
  let transactionsDone = 0;
  let next = 0;
  const report = () =>
    options.onProgress?.({
      pathsDone: outcomes.length,
      paths,
      day: Math.max(0, ...[...playing.values()].map((p) => p.day)),
      days: config.days,
      transactions: [...playing.values()].reduce((a, p) => a + p.transactions, transactionsDone),
      elapsedMs: performance.now() - started,
    });
  const workers: ChildProcess[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      for (let w = 0; w < count; w += 1) {
        const worker = fork(fileURLToPath(new URL("./worker-entry.mjs", import.meta.url)), [], {
          serialization: "advanced",
          stdio: ["ignore", "ignore", "inherit", "ipc"],
        });
        workers.push(worker);
        worker.send(data);
        const give = () => {
          if (next >= paths) return;
          worker.send({ type: "path", path: next } satisfies WorkerRequest);
          next += 1;
        };
        worker.on("message", (message: WorkerReply) => {
          if (message.type === "error") {
            reject(new MonteCarloError(message.message));
          } else if (message.type === "ready") {
            give();
          } else if (message.type === "day") {
            playing.set(w, { day: message.day, transactions: message.transactions });
            report();
          } else {
            outcomes.push(message.outcome);
            transactionsDone += message.outcome.transactions;
            playing.delete(w);
            report();
            if (outcomes.length === paths) resolve();
            else give();
          }
        });
        worker.on("error", (error: Error) => reject(new MonteCarloError(error.message)));
        worker.on("exit", (code: number | null) => {
          if (outcomes.length < paths) {
            reject(
              new MonteCarloError(
                `a worker stopped (exit code ${code}) after ${outcomes.length} of ${paths} paths`,
              ),
            );
          }
        });
      }
    });
  } finally {
    for (const w of workers) w.kill();
  }
  outcomes.sort((a, b) => a.path - b.path);
  return {
    outcomes,
    summary: summarise(outcomes),
    wallMs: performance.now() - started,
    transactions: outcomes.reduce((a, o) => a + o.transactions, 0),
  };
}
