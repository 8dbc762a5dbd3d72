import { markdownTable } from "markdown-table";

/**
 * Tables of figures in the docs sit between a pair of markers that name them:
 * `<!-- table:NAME -->` … `<!-- /table:NAME -->`. The command that writes the docs replaces what is
 * between the markers and leaves the rest of the page as it is.
 */
const MARKED = /<!-- table:([a-z0-9-]+) -->\n([\s\S]*?)<!-- \/table:\1 -->/g;
const OPENING = /<!-- table:([a-z0-9-]+) -->/g;

export class DocTableError extends Error {
  override name = "DocTableError";
}

/** The tables marked in a page: name → what stands between its markers today. */
export function markedTables(page: string): Map<string, string> {
  const tables = new Map<string, string>();
  for (const [, name, body] of page.matchAll(MARKED)) {
    if (tables.has(name)) throw new DocTableError(`table "${name}" is marked twice`);
    tables.set(name, body);
  }
  const opened = [...page.matchAll(OPENING)].map((m) => m[1]);
  const unclosed = opened.find((name) => !tables.has(name));
  if (unclosed !== undefined) {
    throw new DocTableError(`table "${unclosed}" has no closing <!-- /table:${unclosed} -->`);
  }
  return tables;
}

/** The page with each named table's body replaced; tables not in `bodies` are left alone. */
export function replaceTables(page: string, bodies: ReadonlyMap<string, string>): string {
  markedTables(page); // refuses a page whose markers do not pair up
  return page.replace(MARKED, (whole, name: string) => {
    const body = bodies.get(name);
    if (body === undefined) return whole;
    return `<!-- table:${name} -->\n${body.trimEnd()}\n<!-- /table:${name} -->`;
  });
}

export type Align = "l" | "r" | "c";

/** A Markdown table; cells are text already formatted for the reader. */
export function markdown(head: string[], rows: string[][], align?: Align[]): string {
  return `${markdownTable([head, ...rows], { align })}\n`;
}

/** A whole number with thousands separators, as every table of the docs writes gas. */
export function whole(value: number | bigint): string {
  return value.toLocaleString("en-US");
}
