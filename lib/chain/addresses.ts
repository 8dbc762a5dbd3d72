import { readFile } from "node:fs/promises";
import path from "node:path";

import type { ContractRunner } from "ethers";
import hre from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";

import SandboxModule from "../../ignition/modules/Sandbox.js";
import { SandboxError } from "./errors.js";
import {
  connectSandbox,
  SANDBOX_KEYS,
  type Sandbox,
  type SandboxAddresses,
  type SandboxKey,
} from "./sandbox.js";

/**
 * The address book of a deployed sandbox. Ignition records every contract it deploys in
 * `ignition/deployments/chain-<chainId>/deployed_addresses.json`, keyed by future id
 * (`Tokens#USDC`); the Sandbox module's results say which future each sandbox key is, so a module
 * added to Sandbox.ts appears here without a table to maintain.
 */

/** Thrown when a network has no usable sandbox deployment; the message says how to make one. */
export class SandboxNotDeployedError extends SandboxError {
  override name = "SandboxNotDeployedError";

  constructor(
    readonly networkName: string,
    readonly chainId: bigint,
    readonly detail?: string,
  ) {
    const deploy =
      networkName === "localhost"
        ? "npm run deploy:local"
        : `npx hardhat sandbox deploy --network ${networkName}`;
    const why = detail === undefined ? "" : ` (${detail})`;
    super(`the sandbox is not deployed on ${networkName} (chain ${chainId}) — run ${deploy}${why}`);
  }
}

/** The Ignition future id behind each sandbox key, e.g. usdc → `Tokens#USDC`. */
export const FUTURE_IDS: Record<SandboxKey, string> = Object.fromEntries(
  SANDBOX_KEYS.map((key) => [key, futureIdOf(key)]),
) as Record<SandboxKey, string>;

/** Ignition's default deployment id for a chain, also the folder name of its record. */
export function deploymentIdOf(chainId: bigint): string {
  return `chain-${chainId}`;
}

/** The folder where Ignition keeps the journal and address record of a chain's deployment. */
export function deploymentDirOf(chainId: bigint): string {
  return path.join(hre.config.paths.ignition, "deployments", deploymentIdOf(chainId));
}

/**
 * Every address Ignition recorded for a chain, keyed by future id, or undefined when nothing was
 * ever deployed there.
 */
export async function readDeployedAddresses(
  chainId: bigint,
): Promise<Record<string, string> | undefined> {
  const file = path.join(deploymentDirOf(chainId), "deployed_addresses.json");
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  return JSON.parse(text) as Record<string, string>;
}

/** Recorded addresses whose account has no code on the connected chain (a restarted node). */
export async function missingContracts(
  connection: NetworkConnection,
  recorded: Record<string, string>,
): Promise<string[]> {
  const codes = await Promise.all(
    Object.values(recorded).map((address) =>
      connection.provider.request({ method: "eth_getCode", params: [address, "latest"] }),
    ),
  );
  return Object.keys(recorded).filter((_, i) => codes[i] === "0x");
}

/** The chain id of a connection. */
export async function chainIdOf(connection: NetworkConnection): Promise<bigint> {
  return BigInt((await connection.provider.request({ method: "eth_chainId" })) as string);
}

/**
 * The sandbox's addresses on a connected chain, from Ignition's record. Throws
 * SandboxNotDeployedError when the chain has no record, when the record predates a module of the
 * sandbox, or when the recorded contracts are not on the chain (the node was restarted).
 */
export async function loadAddressBook(connection: NetworkConnection): Promise<SandboxAddresses> {
  const chainId = await chainIdOf(connection);
  const recorded = await readDeployedAddresses(chainId);
  if (recorded === undefined) {
    throw new SandboxNotDeployedError(connection.networkName, chainId);
  }
  const absent = SANDBOX_KEYS.filter((key) => recorded[FUTURE_IDS[key]] === undefined);
  if (absent.length > 0) {
    const names = absent.map((key) => `${key} (${FUTURE_IDS[key]})`).join(", ");
    throw new SandboxNotDeployedError(connection.networkName, chainId, `no record of ${names}`);
  }
  const addresses = Object.fromEntries(
    SANDBOX_KEYS.map((key) => [key, recorded[FUTURE_IDS[key]]]),
  ) as SandboxAddresses;
  const missing = await missingContracts(connection, addresses);
  if (missing.length > 0) {
    throw new SandboxNotDeployedError(
      connection.networkName,
      chainId,
      `no code at the recorded ${missing.join(", ")}: the node was restarted`,
    );
  }
  return addresses;
}

/** Typed handles on the sandbox deployed on a connected chain, resolved from the address book. */
export async function loadSandbox(
  connection: NetworkConnection,
  runner: ContractRunner,
): Promise<{ addresses: SandboxAddresses; sandbox: Sandbox }> {
  const addresses = await loadAddressBook(connection);
  return { addresses, sandbox: connectSandbox(addresses, runner) };
}

function futureIdOf(key: SandboxKey): string {
  const results = SandboxModule.results as Record<string, { id: string } | undefined>;
  const future = results[key];
  if (future === undefined) {
    throw new Error(
      `the Sandbox module returns no "${key}": add it to ignition/modules/Sandbox.ts`,
    );
  }
  return future.id;
}
