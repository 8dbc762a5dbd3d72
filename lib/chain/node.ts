import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

import { getAddress, isAddress } from "ethers";
import hre from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";

import { ACTOR_NAMES, type ActorName, type Actors } from "./actors.js";
import { CliError } from "../cli.js";

/** Clients that accept the dev-node methods (evm_increaseTime, evm_mine) on a throwaway chain. */
const DEV_CLIENTS = ["hardhatnetwork", "anvil", "ganache"];

/** What a JSON-RPC client says it is (`web3_clientVersion`), or "unknown". */
export async function clientVersionOf(connection: NetworkConnection): Promise<string> {
  try {
    return String(await connection.provider.request({ method: "web3_clientVersion" }));
  } catch {
    return "unknown";
  }
}

/**
 * True for a chain that exists only on this machine: the in-process chain, or a Hardhat, anvil or
 * Ganache node. Time travel and other dev-node methods are refused anywhere else.
 */
export async function isLocalDevChain(connection: NetworkConnection): Promise<boolean> {
  if (connection.networkConfig.type === "edr-simulated") return true;
  const client = (await clientVersionOf(connection)).toLowerCase();
  return DEV_CLIENTS.some((name) => client.startsWith(name));
}

/** An account given on the command line: a named actor (`alice`) or a 0x address. */
export function resolveAccount(
  flag: string,
  raw: string | undefined,
  actors: Actors,
): { label: string; address: string } {
  if (raw !== undefined && (ACTOR_NAMES as readonly string[]).includes(raw)) {
    return { label: raw, address: actors[raw as ActorName].address };
  }
  if (raw !== undefined && isAddress(raw)) {
    const address = getAddress(raw.toLowerCase());
    const name = ACTOR_NAMES.find((n) => actors[n].address === address);
    return { label: name ?? address, address };
  }
  throw new CliError(
    `--${flag} must be a 0x address or one of ${ACTOR_NAMES.join(", ")}, got "${raw ?? ""}"`,
  );
}

/** Sends `eth_chainId` to a URL; true when a JSON-RPC node answers. */
export async function nodeAnswers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      signal: AbortSignal.timeout(2_000),
    });
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * Waits until a node answers at `url`, polling; throws when `timeoutMs` passes first or when
 * `child` (the node's process, if we started it) exits before answering.
 */
export async function waitForNode(
  url: string,
  timeoutMs: number,
  child?: ChildProcess,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child !== undefined && child.exitCode !== null) {
      throw new Error(`the node exited with code ${child.exitCode} before answering at ${url}`);
    }
    if (await nodeAnswers(url)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no node answered at ${url} within ${timeoutMs / 1000} s`);
}

/**
 * Starts `hardhat node` bound to 127.0.0.1 as a child process of this one (run by the same Node
 * binary, so its PID is the node's own and stopping it by PID stops the node).
 */
export function startHardhatNode(
  port: number,
  options: { chainId?: number; stdio?: "inherit" | "pipe" } = {},
): ChildProcess {
  const cli = path.join(hre.config.paths.root, "node_modules", "hardhat", "dist", "src", "cli.js");
  const args = [cli, "node", "--hostname", "127.0.0.1", "--port", String(port)];
  if (options.chainId !== undefined) args.push("--chain-id", String(options.chainId));
  const stdio = options.stdio ?? "inherit";
  return spawn(process.execPath, args, {
    cwd: hre.config.paths.root,
    stdio: stdio === "inherit" ? "inherit" : ["ignore", "pipe", "pipe"],
  });
}

/** Stops a child process by its PID: SIGTERM, then SIGKILL if it is still there after `graceMs`. */
export async function stopProcess(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const pid = child.pid;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  signal(pid, "SIGTERM");
  const timer = setTimeout(() => {
    if (child.exitCode === null && child.signalCode === null) signal(pid, "SIGKILL");
  }, graceMs);
  await exited;
  clearTimeout(timer);
}

/** Sends a signal to a process that may have exited already (ESRCH is then not an error). */
function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
  }
}
