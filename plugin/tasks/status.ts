import { checkAccountOption, getActors, resolveAccount } from "../../lib/chain/actors.js";
import { loadSandbox } from "../../lib/chain/addresses.js";
import { connectNetwork, networkNameOf } from "../../lib/chain/network.js";
import { STATUS_SECTIONS } from "../../lib/chain/status.js";
import { newTable } from "../../lib/terminal/table.js";
import { sandboxAction } from "../../lib/terminal/task.js";

interface StatusArgs {
  account: string;
  json: boolean;
}

/**
 * Shows the deployed sandbox: the chain, the tokens, pools, farms, lending market and governance,
 * and an account's balances. Tables on stdout, or one JSON object with --json.
 */
export default sandboxAction<StatusArgs>(async (args, hre, io) => {
  checkAccountOption("account", args.account);
  const connection = await connectNetwork(hre, networkNameOf(hre, "localhost"));
  try {
    const actors = await getActors(connection.ethers);
    const account = resolveAccount("account", args.account, actors);
    const { addresses, sandbox } = await loadSandbox(connection, connection.ethers.provider);
    const ctx = { connection, ethers: connection.ethers, sandbox, addresses, account };

    const sections = [];
    for (const section of STATUS_SECTIONS) sections.push(await section(ctx));

    if (args.json) {
      const output = Object.fromEntries(sections.map((s) => [s.key, s.data]));
      io.out(`${JSON.stringify(output, null, 2)}\n`);
      return;
    }
    for (const section of sections) {
      const table = newTable(section.head);
      table.push(...section.rows);
      io.out(`${section.title}\n${table.toString()}\n`);
    }
  } finally {
    await connection.close();
  }
});
