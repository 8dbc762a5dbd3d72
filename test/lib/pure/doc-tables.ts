import { expect } from "chai";

import { DocTableError, markedTables, replaceTables } from "../../../lib/pure/doc-tables.js";

describe("the docs' table markers", function () {
  const page =
    "intro\n<!-- table:a -->\nold\n<!-- /table:a -->\nmid\n<!-- table:b -->\nkeep\n<!-- /table:b -->\n";

  it("fill the content between a table's markers and leave other text and unknown tables alone", function () {
    expect(replaceTables(page, new Map([["a", "| new |\n"]]))).to.equal(
      "intro\n<!-- table:a -->\n| new |\n<!-- /table:a -->\nmid\n<!-- table:b -->\nkeep\n<!-- /table:b -->\n",
    );
  });

  it("list each marked table with what stands between its markers", function () {
    expect([...markedTables(page)]).to.deep.equal([
      ["a", "old\n"],
      ["b", "keep\n"],
    ]);
  });

  it("refuse a table marked twice or never closed", function () {
    expect(() => markedTables(`${page}<!-- table:a -->\nx\n<!-- /table:a -->\n`)).to.throw(
      DocTableError,
      'table "a" is marked twice',
    );
    expect(() => replaceTables("<!-- table:c -->\nx\n", new Map())).to.throw(
      DocTableError,
      'table "c" has no closing <!-- /table:c -->',
    );
  });
});
