import { loadSandbox } from "../lib/chain/addresses.js";
import { getActors } from "../lib/chain/actors.js";
import { connectNetwork, parseFlags, runMain } from "../lib/cli.js";
import { newTable } from "../lib/terminal/table.js";
import { resolveAccount } from "../lib/chain/node.js";
import { STATUS_SECTIONS } from "../lib/chain/status.js";

const USAGE = "npm run status -- [--network localhost] [--account alice|0x…] [--json]";

/**
 * Shows the deployed sandbox: the chain, the tokens and an account's balances (and, as protocols
 * land, their pools, farms and market). Tables on stdout, or one JSON object with --json.
 */
async function main(): Promise<void> {
  const flags = parseFlags(USAGE, {
    network: { type: "string", default: "localhost" },
    account: { type: "string", default: "alice" },
  });
  const connection = await connectNetwork(flags.network);
  const actors = await getActors(connection.ethers);
  const account = resolveAccount("account", flags.account, actors);
  const { addresses, sandbox } = await loadSandbox(connection, connection.ethers.provider);
  const ctx = { connection, ethers: connection.ethers, sandbox, addresses, account };

  const sections = [];
  for (const section of STATUS_SECTIONS) sections.push(await section(ctx));

  if (flags.json) {
    const output = Object.fromEntries(sections.map((s) => [s.key, s.data]));
    process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
    return;
  }
  for (const section of sections) {
    const table = newTable(section.head);
    table.push(...section.rows);
    process.stdout.write(`${section.title}\n${table.toString()}\n`);
  }
}

runMain(main);
