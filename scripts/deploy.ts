import path from "node:path";

import { FUTURE_IDS } from "../lib/chain/addresses.js";
import { connectNetwork, parseFlags, runMain } from "../lib/cli.js";
import { deploySandbox } from "../lib/chain/deploy.js";
import { newTable } from "../lib/terminal/table.js";
import { SANDBOX_KEYS } from "../lib/chain/sandbox.js";

const USAGE = "npm run deploy:local -- [--network localhost] [--reset] [--json]";

/**
 * Deploys the whole sandbox through Ignition to a node and seeds it. Prints the address book on
 * stdout (a table, or JSON with --json); progress goes to stderr.
 */
async function main(): Promise<void> {
  const flags = parseFlags(USAGE, {
    network: { type: "string", default: "localhost" },
    reset: { type: "boolean", default: false },
  });
  const connection = await connectNetwork(flags.network);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const result = await deploySandbox(connection, { reset: flags.reset, log });

  if (flags.json) {
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
    process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
    return;
  }
  const table = newTable(["key", "Ignition future", "address"]);
  for (const key of SANDBOX_KEYS) table.push([key, FUTURE_IDS[key], result.addresses[key]]);
  process.stdout.write(`${table.toString()}\n`);
  log(
    `sandbox ready on ${connection.networkName} (chain ${result.chainId})` +
      (result.deploymentDir === undefined
        ? " — in-process chain, nothing recorded"
        : `, recorded in ${result.deploymentDir}`),
  );
}

runMain(main);
