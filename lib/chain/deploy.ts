import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";

import hre from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";

import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { DeploymentParameters } from "@nomicfoundation/ignition-core";

import { REPORTER_ACCOUNTS } from "../../ignition/modules/Lending.js";
import SandboxModule from "../../ignition/modules/Sandbox.js";
import { sandboxAirdrop } from "../pure/airdrop.js";
import { ACTOR_NAMES, getActors } from "./actors.js";
import {
  chainIdOf,
  deploymentDirOf,
  deploymentIdOf,
  missingContracts,
  readDeployedAddresses,
} from "./addresses.js";
import { addressesOf, connectSandbox, type SandboxAddresses } from "./sandbox.js";
import { seedSandbox } from "./seed/index.js";

/** The chain id of Hardhat's node (and anvil's), the one `hardhat ignition deploy` treats apart. */
const HARDHAT_CHAIN_ID = 31337n;

export interface DeployResult {
  chainId: bigint;
  /** Where Ignition keeps the record, or undefined on the in-process chain (nothing is kept). */
  deploymentDir: string | undefined;
  /** Why the previous record was dropped: "reset" (asked for), "stale" (not on this chain). */
  dropped: "reset" | "stale" | undefined;
  addresses: SandboxAddresses;
  seeded: string[];
}

/**
 * Deploys the Sandbox Ignition module to a connected chain and seeds it. Only the deployer signs the
 * deployment; the seeding signs as the actors and the reporters.
 *
 * Re-running is safe. Ignition resumes from its record in ignition/deployments/chain-<id>: futures
 * already deployed are skipped (only modules added since are deployed), and every seeding step
 * tops up instead of adding. The record is dropped, and everything deployed afresh, when `reset`
 * is asked for or when the recorded contracts are not on the chain — a restarted node, or another
 * node that shares the chain id (Hardhat's node and anvil both use 31337).
 */
export async function deploySandbox(
  connection: NetworkConnection,
  options: { reset?: boolean; devNode?: boolean; log?: (line: string) => void } = {},
): Promise<DeployResult> {
  const log = options.log ?? (() => {});
  const chainId = await chainIdOf(connection);
  const persisted = connection.networkConfig.type !== "edr-simulated";
  const deploymentDir = persisted ? deploymentDirOf(chainId) : undefined;

  let dropped: DeployResult["dropped"];
  if (deploymentDir !== undefined) {
    const recorded = await readDeployedAddresses(chainId);
    if (options.reset === true) {
      dropped = "reset";
    } else if (recorded !== undefined) {
      const missing = await missingContracts(connection, recorded);
      if (missing.length > 0) {
        dropped = "stale";
        log(
          `the record in ${deploymentDir} names ${missing.length} contract(s) this node does not have ` +
            "(a restarted node?): deploying afresh",
        );
      }
    }
    if (dropped !== undefined) await rm(deploymentDir, { recursive: true, force: true });
  }

  log(`deploying the Sandbox module to ${connection.networkName} (chain ${chainId})`);
  const signers = await connection.ethers.getSigners();
  const deployed = await connection.ignition.deploy(SandboxModule, {
    parameters: sandboxParameters(signers),
  });
  const addresses = await addressesOf(deployed);
  if (persisted && chainId === HARDHAT_CHAIN_ID) {
    await noteNodeInstance(connection, deploymentIdOf(chainId));
  }

  const actors = await getActors(connection.ethers);
  const sandbox = connectSandbox(addresses, actors.deployer);
  const seeded = await seedSandbox({
    ethers: connection.ethers,
    sandbox,
    actors,
    devNode: options.devNode,
    log,
  });
  return { chainId, deploymentDir, dropped, addresses, seeded };
}

/**
 * The Sandbox module's parameters for the accounts of a chain: the keeper (account 7), the treasury
 * (8) and the reporters (9–11) by address, and the airdrop's root over the chain's actors. On a
 * local dev chain they equal the modules' defaults; on a chain reached with keys they name the
 * accounts derived there, and nothing in the deployment signs as them.
 */
export function sandboxParameters(signers: readonly HardhatEthersSigner[]): DeploymentParameters {
  const addressOf = (index: number) => {
    const signer = signers[index];
    if (signer === undefined) {
      throw new Error(
        `the chain exposes ${signers.length} accounts, the sandbox needs account ${index}`,
      );
    }
    return signer.address;
  };
  const keeper = addressOf(ACTOR_NAMES.indexOf("keeper"));
  const treasury = addressOf(ACTOR_NAMES.indexOf("treasury"));
  const airdrop = sandboxAirdrop(addressOf);
  return {
    Lending: { reporters: REPORTER_ACCOUNTS.map(addressOf), treasury },
    Vault: { keeper, treasury },
    LiquidStaking: { oracle: keeper },
    Airdrop: { merkleRoot: airdrop.root, total: airdrop.total },
  };
}

/**
 * `hardhat ignition deploy` drops a chain-31337 record unless Hardhat's cache names the node
 * instance that wrote it (cache/.hardhat-network-instances.json, keyed by deployment id). Noting
 * the instance here lets that command resume this deployment instead of replacing it with
 * unseeded contracts. Hardhat's node and anvil both report one; other nodes are left out.
 */
async function noteNodeInstance(connection: NetworkConnection, deploymentId: string) {
  let instanceId: string;
  try {
    const metadata = (await connection.provider.request({ method: "hardhat_metadata" })) as {
      instanceId: string;
    };
    instanceId = metadata.instanceId;
  } catch {
    return;
  }
  const file = path.join(hre.config.paths.cache, ".hardhat-network-instances.json");
  let instances: Record<string, string> = {};
  try {
    instances = JSON.parse(await readFile(file, "utf8")) as Record<string, string>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  instances[deploymentId] = instanceId;
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(instances, null, 2)}\n`);
}
