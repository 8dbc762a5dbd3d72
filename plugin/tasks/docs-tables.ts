import { writeFile } from "node:fs/promises";
import path from "node:path";

import { UsageError } from "../../lib/chain/errors.js";
import { pageWithTables } from "../../lib/docs/pages.js";
import { DOC_TABLES } from "../../lib/docs/tables.js";
import { sandboxAction } from "../../lib/terminal/task.js";

interface DocsTablesArgs {
  only: string;
  check: boolean;
}

/**
 * Computes the docs' tables of figures from a fresh run and writes each between its markers; with
 * --check, writes nothing and fails when a page differs from what the code produces now.
 */
export default sandboxAction<DocsTablesArgs>(async (args, hre, io) => {
  const names = DOC_TABLES.map((t) => t.name);
  const only = args.only === "" ? names : args.only.split(",").map((n) => n.trim());
  const unknown = only.filter((n) => !names.includes(n));
  if (unknown.length > 0) {
    throw new UsageError(
      `--only: no table named ${unknown.join(", ")} (tables: ${names.join(", ")})`,
    );
  }
  // Timings differ from run to run: --check alone compares the deterministic tables.
  const chosen = DOC_TABLES.filter(
    (t) => only.includes(t.name) && (args.only !== "" || !args.check || t.deterministic),
  );
  const byPage = new Map<string, Map<string, string>>();
  for (const table of chosen) {
    io.say(`computing ${table.name} (${table.page})…`);
    const body = await table.generate(hre, io.say);
    const bodies = byPage.get(table.page) ?? new Map<string, string>();
    bodies.set(table.name, body);
    byPage.set(table.page, bodies);
  }
  const root = hre.config.paths.root;
  const drifted: string[] = [];
  for (const [page, bodies] of byPage) {
    const { before, after } = await pageWithTables(root, page, bodies);
    if (before === after) {
      io.out(`${page}: up to date (${[...bodies.keys()].join(", ")})\n`);
    } else if (args.check) {
      drifted.push(page);
      io.out(`${page}: differs from a fresh run (${[...bodies.keys()].join(", ")})\n`);
    } else {
      await writeFile(path.join(root, page), after);
      io.out(`${page}: rewritten (${[...bodies.keys()].join(", ")})\n`);
    }
  }
  if (drifted.length > 0) {
    throw new UsageError(
      `tables differ from a fresh run in ${drifted.join(", ")}: run npm run docs:tables`,
    );
  }
});
