import type { NetworkConnection } from "hardhat/types/network";

import SandboxModule from "../../ignition/modules/Sandbox.js";
import { getActors } from "../chain/actors.js";
import { addressesOf, connectSandbox } from "../chain/sandbox.js";
import { seedTokens } from "../chain/seed/tokens.js";
import type { ScenarioEnv } from "./types.js";

/**
 * The scenario environment on a connection: deploys the Sandbox Ignition module (or finds the
 * deployment a node already has) and, on the in-process chain, funds the named actors.
 */
export async function scenarioEnv(
  connection: NetworkConnection,
  log: (message: string) => void,
): Promise<ScenarioEnv> {
  const { ethers, ignition, networkHelpers } = connection;
  const actors = await getActors(ethers);
  const deployed = await ignition.deploy(SandboxModule);
  const sandbox = connectSandbox(await addressesOf(deployed), actors.deployer);
  if (connection.networkConfig.type === "edr-simulated") {
    await seedTokens({ ethers, sandbox, actors, log: () => {} });
  }
  return { ethers, networkHelpers, actors, sandbox, log };
}
