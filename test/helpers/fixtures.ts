import SandboxModule from "../../ignition/modules/Sandbox.js";
import { fundActors, getActors } from "../../lib/actors.js";
import { addressesOf, connectSandbox } from "../../lib/sandbox.js";
import { ethers, ignition } from "./connection.js";

/** The Sandbox Ignition module deployed as on a node, with the named actors funded. */
export async function sandboxFixture() {
  const actors = await getActors(ethers);
  const deployed = await ignition.deploy(SandboxModule);
  const sandbox = connectSandbox(await addressesOf(deployed), actors.deployer);
  await fundActors(actors, sandbox);
  return { ...sandbox, actors };
}
