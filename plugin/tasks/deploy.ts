import path from "node:path";

import { FUTURE_IDS } from "../../lib/chain/addresses.js";
import { deploySandbox } from "../../lib/chain/deploy.js";
import {
  connectNetwork,
  isLocalDevChain,
  networkNameOf,
  signingModeOf,
} from "../../lib/chain/network.js";
import { SANDBOX_KEYS } from "../../lib/chain/sandbox.js";
import { newTable } from "../../lib/terminal/table.js";
import { openFaucetWarning, sandboxAction } from "../../lib/terminal/task.js";

interface DeployArgs {
  reset: boolean;
  json: boolean;
}

/**
 * Deploys the whole sandbox through Ignition to a chain and seeds it. Prints the address book on
 * stdout (a table, or JSON with --json); progress goes to stderr.
 */
export default sandboxAction<DeployArgs>(async (args, hre, io) => {
  const connection = await connectNetwork(hre, networkNameOf(hre, "localhost"));
  try {
    const devNode = await isLocalDevChain(connection);
    if (!devNode) io.say(openFaucetWarning(connection.networkName));
    if (signingModeOf(connection.networkConfig) === "keyed") {
      const [deployer] = await connection.ethers.getSigners();
      io.say(
        `signing with the deployer's key (${deployer.address}); the actors are derived from the ` +
          "actors' mnemonic and funded by the deployer",
      );
    }
    const result = await deploySandbox(connection, { reset: args.reset, devNode, log: io.say });

    if (args.json) {
      const output = {
        network: connection.networkName,
        chainId: Number(result.chainId),
        deploymentDir:
          result.deploymentDir === undefined
            ? null
            : path.relative(process.cwd(), result.deploymentDir),
        dropped: result.dropped ?? null,
        addresses: result.addresses,
        futureIds: FUTURE_IDS,
        seeded: result.seeded,
      };
      io.out(`${JSON.stringify(output, null, 2)}\n`);
      return;
    }
    const table = newTable(["key", "Ignition future", "address"]);
    for (const key of SANDBOX_KEYS) table.push([key, FUTURE_IDS[key], result.addresses[key]]);
    io.out(`${table.toString()}\n`);
    io.say(
      `sandbox ready on ${connection.networkName} (chain ${result.chainId})` +
        (result.deploymentDir === undefined
          ? " — in-process chain, nothing recorded"
          : `, recorded in ${result.deploymentDir}`),
    );
  } finally {
    await connection.close();
  }
});
