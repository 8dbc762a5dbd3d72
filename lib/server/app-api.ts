import { readFile } from "node:fs/promises";
import path from "node:path";

import { Interface, type InterfaceAbi, type Log } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { scenarioEnv } from "../scenarios/env.js";
import { SCENARIOS, findScenario, playSide } from "../scenarios/index.js";
import type { Holdings, Phase, ScenarioEnv, Side, SideResult } from "../scenarios/index.js";
import { simFormOptions, simulateForApp, type SimRun } from "./app-sim.js";
import { UsageError } from "../chain/errors.js";

/** What the dashboard's API answers besides the address book and the status view. */
export interface AppApi {
  handle(method: string, pathname: string, body: unknown): Promise<unknown>;
}

/** A narrated step of a side, with every party's holdings once it is done. */
interface TimelineStep {
  phase: Phase;
  narration: string[];
  holdings: Holdings;
  /** The transactions of the step, decoded: only the exploit's are kept. */
  transactions: DecodedTransaction[];
}

interface DecodedTransaction {
  hash: string;
  from: string;
  to: string | null;
  call: string;
  status: "ok" | "reverted";
  transfers: { token: string; from: string; to: string; amount: string }[];
}

interface SimJob {
  progress: number;
  runs?: SimRun[];
  error?: string;
}

const TRANSFER = new Interface([
  "event Transfer(address indexed from, address indexed to, uint256 value)",
]);

/** Work on the in-process chain runs one at a time: each builds a sandbox of its own. */
function serial() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const next = tail.then(work, work);
    tail = next.catch(() => {});
    return next;
  };
}

export function createAppApi(hre: HardhatRuntimeEnvironment): AppApi {
  const queue = serial();
  const jobs = new Map<string, SimJob>();
  let interfaces: Interface[] | undefined;

  /** Every compiled contract's interface, to name the calls of a scenario's attack. */
  async function allInterfaces(): Promise<Interface[]> {
    if (interfaces === undefined) {
      const names = await hre.artifacts.getAllFullyQualifiedNames();
      const abis = await Promise.all(
        [...names].map(async (name) => (await hre.artifacts.readArtifact(name)).abi),
      );
      interfaces = abis.map((abi) => new Interface(abi as InterfaceAbi));
    }
    return interfaces;
  }

  function callOf(data: string, value: bigint, known: Interface[]): string {
    if (data === "0x") return `send ${value} wei`;
    for (const iface of known) {
      const parsed = iface.parseTransaction({ data, value });
      if (parsed !== null) {
        return `${parsed.name}(${parsed.args.map((a: unknown) => String(a)).join(", ")})`;
      }
    }
    return data.length <= 10 ? data : `${data.slice(0, 10)}…`;
  }

  async function readmeOf(name: string): Promise<string | null> {
    const file = path.join(hre.config.paths.root, "contracts", "scenarios", name, "README.md");
    return readFile(file, "utf8").catch(() => null);
  }

  async function playScenarioForApp(name: string, sides: Side[]) {
    const scenario = findScenario(name);
    if (scenario === undefined) throw new UsageError(`unknown scenario "${name}"`);
    const connection = await hre.network.create();
    try {
      const known = await allInterfaces();
      const timelines: Record<string, TimelineStep[]> = {};
      let narration: string[] = [];
      let stepStart = 0;
      const env: ScenarioEnv = {
        ...(await scenarioEnv(connection, () => {})),
        log: (line) => narration.push(line),
        onMeasured: async (side, phase, holdings) => {
          const latest = await connection.ethers.provider.getBlockNumber();
          const transactions = phase === "exploit" ? await decodeBlocks(stepStart + 1, latest) : [];
          stepStart = latest;
          (timelines[side] ??= []).push({ phase, narration, holdings, transactions });
          narration = [];
        },
      };
      async function decodeBlocks(from: number, to: number): Promise<DecodedTransaction[]> {
        const out: DecodedTransaction[] = [];
        for (let n = from; n <= to; n += 1) {
          const block = await connection.ethers.provider.getBlock(n, true);
          for (const tx of block?.prefetchedTransactions ?? []) {
            const receipt = await connection.ethers.provider.getTransactionReceipt(tx.hash);
            out.push({
              hash: tx.hash,
              from: tx.from,
              to: tx.to,
              call: tx.to === null ? "deploys a contract" : callOf(tx.data, tx.value, known),
              status: receipt?.status === 1 ? "ok" : "reverted",
              transfers: (receipt?.logs ?? []).flatMap((log: Log) => {
                const parsed = TRANSFER.parseLog(log);
                if (parsed === null || log.topics.length !== 3) return [];
                return [
                  {
                    token: log.address,
                    from: String(parsed.args[0]),
                    to: String(parsed.args[1]),
                    amount: String(parsed.args[2]),
                  },
                ];
              }),
            });
          }
        }
        return out;
      }
      const results: Partial<Record<Side, SideResult>> = {};
      for (const side of sides) {
        stepStart = await connection.ethers.provider.getBlockNumber();
        results[side] = await playSide(scenario, env, side);
        // The side's checks are narrated after its last measure: they close its timeline.
        timelines[side]?.at(-1)?.narration.push(...narration);
        narration = [];
      }
      return {
        name: scenario.name,
        title: scenario.title,
        incident: scenario.incident,
        fix: scenario.fix,
        exploit: "shipped",
        ...results,
        timelines,
      };
    } finally {
      await connection.close();
    }
  }

  return {
    async handle(method, pathname, body) {
      const args = (body ?? {}) as Record<string, unknown>;
      if (pathname === "/api/scenarios" && method === "GET") {
        return Promise.all(
          SCENARIOS.map(async (s) => ({
            name: s.name,
            title: s.title,
            incident: s.incident,
            fix: s.fix,
            readme: await readmeOf(s.name),
          })),
        );
      }
      if (pathname === "/api/scenarios/play" && method === "POST") {
        const side = String(args.side ?? "both");
        const sides: Side[] =
          side === "both" ? ["vulnerable", "hardened"] : side === "hardened" ? ["hardened"] : [];
        if (side === "vulnerable") sides.push("vulnerable");
        if (sides.length === 0) throw new UsageError(`side must be vulnerable, hardened or both`);
        return queue(() => playScenarioForApp(String(args.name), sides));
      }
      if (pathname === "/api/simulate/options" && method === "GET") return simFormOptions();
      if (pathname === "/api/simulate" && method === "POST") {
        const id = String(jobs.size + 1);
        const job: SimJob = { progress: 0 };
        jobs.set(id, job);
        void queue(() => simulateForApp(hre, args, (p) => (job.progress = p))).then(
          (runs) => {
            job.runs = runs;
            job.progress = 1;
          },
          (error: unknown) => (job.error = String((error as Error).message ?? error)),
        );
        return { id };
      }
      const match = /^\/api\/simulate\/(\d+)$/.exec(pathname);
      if (match !== null && method === "GET") {
        const job = jobs.get(match[1]);
        if (job === undefined) throw new UsageError(`no simulation ${match[1]}`);
        return job;
      }
      throw new UsageError(`no such request: ${method} ${pathname}`);
    },
  };
}
