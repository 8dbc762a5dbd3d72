import SandboxModule from "../../ignition/modules/Sandbox.js";
import { getActors } from "../../lib/chain/actors.js";
import { addressesOf, connectSandbox } from "../../lib/chain/sandbox.js";
import { seedPrices } from "../../lib/chain/seed/prices.js";
import { seedTokens } from "../../lib/chain/seed/tokens.js";
import { ethers, ignition } from "./connection.js";

/**
 * The Sandbox Ignition module deployed as on a node, with the named actors given their starting bags
 * and the reporters' first prices by the local node's own seeding steps.
 */
export async function sandboxFixture() {
  const actors = await getActors(ethers);
  const deployed = await ignition.deploy(SandboxModule);
  const sandbox = connectSandbox(await addressesOf(deployed), actors.deployer);
  const seed = { ethers, sandbox, actors, log: () => {} };
  await seedTokens(seed);
  await seedPrices(seed);
  return { ...sandbox, actors };
}
