import type { ResolvedConfigurationVariable } from "hardhat/types/config";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import type { NetworkConfig } from "hardhat/types/config";
import type { NetworkConnection } from "hardhat/types/network";

import { hdAccounts } from "../pure/hd.js";
import { ACTOR_NAMES } from "./actors.js";
import { DevNodeRequiredError, NoNodeError, SandboxError, UsageError } from "./errors.js";

/** Clients that accept the dev-node methods (evm_increaseTime, evm_mine) on a throwaway chain. */
const DEV_CLIENTS = ["hardhatnetwork", "anvil", "ganache"];
/** Accounts the sandbox signs with: the named actors (0–8) and the three price reporters (9–11). */
export const SANDBOX_ACCOUNTS = 12;

/**
 * How a network's transactions are signed. `in-process`: Hardhat's simulated chain, in this
 * process. `node`: a node's own unlocked accounts (Hardhat's node, anvil). `keyed`: keys held
 * here — the network's configured deployer key, the other accounts derived from the actors'
 * mnemonic — as on a shared or public chain; dev-node methods are refused there.
 */
export type SigningMode = "in-process" | "node" | "keyed";

export function signingModeOf(config: NetworkConfig): SigningMode {
  if (config.type === "edr-simulated") return "in-process";
  return config.accounts === "remote" ? "node" : "keyed";
}

/** What to run to bring up the node a network's URL points at, for the "no node" line. */
function startHint(networkName: string): string {
  return networkName === "anvil" ? "anvil --port 8546" : "npm run chain";
}

/** The first line of an error's message (Hardhat's errors run over several lines). */
function firstLine(error: unknown): string {
  return String((error as Error).message ?? error).split("\n")[0];
}

async function secret(variable: ResolvedConfigurationVariable, what: string): Promise<string> {
  try {
    return await variable.get();
  } catch (error) {
    throw new SandboxError(
      `${what}: ${firstLine(error)} Set it with npx hardhat keystore set, or in the environment`,
    );
  }
}

/**
 * The accounts a keyed network signs with: its configured keys, and when those are fewer than the
 * sandbox's accounts, the deployer's key (the first) followed by accounts 1–11 derived from the
 * actors' mnemonic. Undefined when the configuration already holds every account.
 */
async function keyedAccounts(
  hre: HardhatRuntimeEnvironment,
  name: string,
  config: Extract<NetworkConfig, { type: "http" }>,
): Promise<string[] | undefined> {
  if (!Array.isArray(config.accounts) || config.accounts.length >= SANDBOX_ACCOUNTS)
    return undefined;
  const [deployerKey] = config.accounts;
  if (deployerKey === undefined) {
    throw new SandboxError(`network ${name} lists no key for the deployer in hardhat.config.ts`);
  }
  const mnemonicVariable = hre.config.sandbox.actorsMnemonic;
  if (mnemonicVariable === undefined) {
    throw new SandboxError(
      `network ${name} signs with configured keys: set sandbox.actorsMnemonic in hardhat.config.ts, ` +
        "the mnemonic the named actors are derived from",
    );
  }
  const deployer = await secret(deployerKey, `network ${name} needs the deployer's key`);
  const mnemonic = await secret(mnemonicVariable, `network ${name} derives the named actors`);
  const indices = Array.from({ length: SANDBOX_ACCOUNTS - 1 }, (_, i) => i + 1);
  let derived;
  try {
    derived = hdAccounts(mnemonic, indices);
  } catch (error) {
    throw new SandboxError(`the actors' mnemonic for network ${name} is ${firstLine(error)}`);
  }
  return [deployer, ...derived.map((account) => account.privateKey)];
}

/**
 * Connects to a configured network for the sandbox. A keyed network gets the actors' keys added
 * to its deployer's; a node reached over HTTP is first asked for its chain id, so that a missing
 * node is one clear line instead of a stack trace.
 */
export async function connectNetwork(
  hre: HardhatRuntimeEnvironment,
  name: string,
): Promise<NetworkConnection> {
  const config = hre.config.networks[name];
  if (config === undefined) {
    const known = Object.keys(hre.config.networks).join(", ");
    throw new UsageError(`no network named "${name}" in hardhat.config.ts (networks: ${known})`);
  }
  let connection: NetworkConnection;
  try {
    const accounts = config.type === "http" ? await keyedAccounts(hre, name, config) : undefined;
    connection =
      accounts === undefined
        ? await hre.network.create(name)
        : await hre.network.create({ network: name, override: { accounts } });
  } catch (error) {
    if (error instanceof SandboxError) throw error;
    throw new SandboxError(`cannot use network "${name}": ${firstLine(error)}`);
  }
  if (connection.networkConfig.type === "http") {
    const url = await connection.networkConfig.url.getUrl();
    try {
      await connection.provider.request({ method: "eth_chainId" });
    } catch {
      await connection.close();
      throw new NoNodeError(url, startHint(name));
    }
  }
  return connection;
}

/** The network a task uses: the global --network, or the task's default. */
export function networkNameOf(hre: HardhatRuntimeEnvironment, fallback: string): string {
  return hre.globalOptions.network ?? fallback;
}

/** What a JSON-RPC client says it is (`web3_clientVersion`), or "unknown". */
export async function clientVersionOf(connection: NetworkConnection): Promise<string> {
  try {
    return String(await connection.provider.request({ method: "web3_clientVersion" }));
  } catch {
    return "unknown";
  }
}

/**
 * True for a chain that exists only on this machine and is reached with its own accounts: the
 * in-process chain, or a Hardhat, anvil or Ganache node. A network that signs with configured keys
 * is treated as a shared chain whatever node serves it.
 */
export async function isLocalDevChain(connection: NetworkConnection): Promise<boolean> {
  const mode = signingModeOf(connection.networkConfig);
  if (mode !== "node") return mode === "in-process";
  const client = (await clientVersionOf(connection)).toLowerCase();
  return DEV_CLIENTS.some((prefix) => client.startsWith(prefix));
}

/**
 * Throws DevNodeRequiredError unless the chain is a local dev chain: `doing` names the refused act
 * ("move time"), `feature` what only a dev node offers ("travel in time").
 */
export async function requireDevChain(
  connection: NetworkConnection,
  doing: string,
  feature: string,
): Promise<void> {
  if (await isLocalDevChain(connection)) return;
  const where = `${connection.networkName} (${await clientVersionOf(connection)})`;
  const keyed = signingModeOf(connection.networkConfig) === "keyed";
  throw new DevNodeRequiredError(
    keyed
      ? `refusing to ${doing} on ${where}: it signs with configured keys, as a shared chain does — ` +
          `only a local dev node reached with its own accounts (npm run chain) can ${feature}`
      : `refusing to ${doing} on ${where}: only a local dev node (Hardhat, anvil) can ${feature}`,
  );
}
