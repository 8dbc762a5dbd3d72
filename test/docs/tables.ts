import { readFileSync } from "node:fs";
import path from "node:path";

import { expect } from "chai";
import hre from "hardhat";

import { pageWithTables } from "../../lib/docs/pages.js";
import { DOC_TABLES } from "../../lib/docs/tables.js";
import { markedTables } from "../../lib/pure/doc-tables.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("Tables in the docs", function () {
  it("every table has its markers on its page, and every marked table has a generator", function () {
    const pages = new Set(DOC_TABLES.map((t) => t.page));
    const marked = new Map<string, string>();
    for (const page of pages) {
      for (const name of markedTables(readFileSync(path.join(ROOT, page), "utf8")).keys()) {
        marked.set(name, page);
      }
    }
    for (const table of DOC_TABLES) {
      expect(marked.get(table.name), `markers of ${table.name}`).to.equal(table.page);
    }
    expect([...marked.keys()]).to.have.members(DOC_TABLES.map((t) => t.name));
  });

  for (const table of DOC_TABLES.filter((t) => t.deterministic)) {
    it(`${table.name} in ${table.page} is what the code produces now`, async function () {
      this.timeout(600_000);
      const body = await table.generate(hre, () => {});
      const { before, after } = await pageWithTables(
        ROOT,
        table.page,
        new Map([[table.name, body]]),
      );
      expect(before, `${table.page} differs from a fresh run: run npm run docs:tables`).to.equal(
        after,
      );
    });
  }
});
