import { readFile } from "node:fs/promises";
import path from "node:path";

import * as prettier from "prettier";

import { replaceTables } from "../pure/doc-tables.js";

/**
 * A page with some of its tables replaced, in the project's format: prettier aligns a Markdown
 * table's columns, so a table is compared and written as the formatter leaves it.
 */
export async function pageWithTables(
  root: string,
  page: string,
  bodies: ReadonlyMap<string, string>,
): Promise<{ before: string; after: string }> {
  const file = path.join(root, page);
  const before = await readFile(file, "utf8");
  const options = (await prettier.resolveConfig(file)) ?? {};
  const after = await prettier.format(replaceTables(before, bodies), {
    ...options,
    filepath: file,
  });
  return { before, after };
}
