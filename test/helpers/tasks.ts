import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";

import { createHardhatRuntimeEnvironment } from "hardhat/hre";
import type { HardhatUserConfig, NetworkUserConfig } from "hardhat/types/config";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import type { TaskArguments } from "hardhat/types/tasks";

import { captureIo, withIo } from "../../lib/terminal/io.js";

const ROOT = process.cwd();
const HARDHAT_CLI = path.join(ROOT, "node_modules", "hardhat", "dist", "src", "cli.js");
const RUN_TIMEOUT_MS = 180_000;

export interface TaskRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Keeps only the tail of a child's output, so that a chatty process never blocks on a full pipe. */
export function drain(child: ChildProcess): () => string {
  let tail = "";
  const keep = (chunk: Buffer) => (tail = (tail + chunk.toString()).slice(-8_000));
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  return () => tail;
}

/** Starts `npx hardhat <args>` as a person would, in its own process, without colour. */
export function startHardhat(args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, [HARDHAT_CLI, ...args], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** Stops a child process by its PID: SIGTERM, then SIGKILL if it is still there after `graceMs`. */
export async function stopProcess(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }, graceMs);
  await exited;
  clearTimeout(timer);
}

/** Runs `npx hardhat <args>` to its end and returns its exit code and output. */
export async function runHardhat(
  args: string[],
  env: Record<string, string> = {},
): Promise<TaskRun> {
  const child = startHardhat(args, env);
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => void stopProcess(child), RUN_TIMEOUT_MS);
  const code = await new Promise<number | null>((resolve) => child.once("close", resolve));
  clearTimeout(timer);
  return { code, stdout, stderr };
}

/** What a task run in-process returned and wrote. */
export interface InProcessRun {
  ok: boolean;
  stdout: string;
  stderr: string;
}

const runtimes = new Map<string, Promise<HardhatRuntimeEnvironment>>();

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      if (address === null || typeof address === "string") {
        reject(new Error("no port assigned"));
        return;
      }
      server.close(() => resolve(address.port));
    });
  });
}

/** The URL of the network `nowhere`, which the test runtimes add: a port where no node listens. */
export const NOWHERE = freePort().then((port) => `http://127.0.0.1:${port}`);

/** Changes to the project's configuration a test runtime makes: networks added or replaced. */
export type ConfigPatch = Omit<HardhatUserConfig, "networks"> & {
  networks?: Record<string, NetworkUserConfig>;
};

/**
 * A Hardhat runtime of this project whose global --network is `network` (undefined: none given),
 * with `patch` applied to its configuration, created once per network and patch and shared by the
 * tests. Its configuration adds the network `nowhere`. (A runtime resolves each configuration
 * variable once: a test that needs another URL patches the network instead of the environment.)
 */
export function runtimeFor(
  network: string | undefined,
  patch: ConfigPatch = {},
): Promise<HardhatRuntimeEnvironment> {
  const key = `${network ?? ""}|${JSON.stringify(patch)}`;
  let runtime = runtimes.get(key);
  if (runtime === undefined) {
    runtime = Promise.all([import("../../hardhat.config.js"), NOWHERE]).then(
      ([{ default: config }, nowhere]) =>
        createHardhatRuntimeEnvironment(
          {
            ...config,
            ...patch,
            networks: {
              ...config.networks,
              nowhere: { type: "http", url: nowhere },
              ...patch.networks,
            },
          },
          network === undefined ? {} : { network },
          ROOT,
        ),
    );
    runtimes.set(key, runtime);
  }
  return runtime;
}

/** Runs a task in this process, as `npx hardhat [--network <network>] <id> …` would. */
export async function runTask(
  id: string[],
  args: TaskArguments,
  network?: string,
  patch: ConfigPatch = {},
): Promise<InProcessRun> {
  const hre = await runtimeFor(network, patch);
  const io = captureIo();
  const result: unknown = await withIo(io, () => hre.tasks.getTask(id).run(args));
  const failed =
    typeof result === "object" &&
    result !== null &&
    (result as { success?: unknown }).success === false;
  return { ok: !failed, stdout: io.stdout, stderr: io.stderr };
}

/** Resolves with a child's output once it matches `pattern`; rejects when the child exits first. */
export function waitForOutput(
  child: ChildProcess,
  pattern: RegExp,
  timeoutMs: number,
): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(
      () => reject(new Error(`no ${pattern} within ${timeoutMs / 1000} s:\n${seen}`)),
      timeoutMs,
    );
    const look = (chunk: Buffer) => {
      seen += chunk.toString();
      if (pattern.test(seen)) {
        clearTimeout(timer);
        resolve(seen);
      }
    };
    child.stdout?.on("data", look);
    child.stderr?.on("data", look);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the process exited with code ${code} before ${pattern}:\n${seen}`));
    });
  });
}

/** Sends one JSON-RPC request and returns the whole response (result or error). */
export async function rpc(
  url: string,
  method: string,
  params: unknown[] = [],
): Promise<{ result?: unknown; error?: { code: number; message: string } }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  return (await response.json()) as { result?: unknown; error?: { code: number; message: string } };
}
