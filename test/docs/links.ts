import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

import { expect } from "chai";

import { isExternal, pageLinks } from "../../lib/pure/doc-links.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** README.md, every page under docs/ and every scenario's README. */
function pages(): string[] {
  const found = ["README.md"];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(ROOT, dir))) {
      const relative = path.join(dir, entry);
      if (statSync(path.join(ROOT, relative)).isDirectory()) walk(relative);
      else if (entry.endsWith(".md")) found.push(relative);
    }
  };
  walk("docs");
  walk("contracts/scenarios");
  return found;
}

/** Every relative link of a page that does not resolve, as "page: target (why)". */
function brokenLinks(page: string): string[] {
  const broken: string[] = [];
  const { targets } = pageLinks(readFileSync(path.join(ROOT, page), "utf8"));
  for (const target of targets) {
    if (isExternal(target)) continue;
    const [file, anchor] = target.split("#", 2) as [string, string | undefined];
    const resolved =
      file === "" ? path.join(ROOT, page) : path.resolve(ROOT, path.dirname(page), file);
    if (!resolved.startsWith(ROOT + path.sep)) {
      broken.push(`${page}: ${target} (outside the repository)`);
    } else if (!existsSync(resolved)) {
      broken.push(`${page}: ${target} (no such file)`);
    } else if (anchor !== undefined && resolved.endsWith(".md")) {
      const { anchors } = pageLinks(readFileSync(resolved, "utf8"));
      if (!anchors.has(anchor)) broken.push(`${page}: ${target} (no heading #${anchor})`);
    }
  }
  return broken;
}

describe("Links in the docs", function () {
  it("finds headings' anchors as GitHub writes them and links outside code", function () {
    const { targets, anchors } = pageLinks(
      [
        "# The sandbox",
        "## Gas against Uniswap V2",
        "## A `code` heading, with punctuation!",
        "## The sandbox",
        '<a id="top"></a>',
        "See [the AMM](docs/amm.md#pools) and ![a chart](img/fan.svg).",
        "",
        "| a | b |",
        "| - | - |",
        "| [in a table](x.md) | `[not a link](y.md)` |",
        "",
        "```",
        "[in code](z.md)",
        "```",
      ].join("\n"),
    );
    expect([...anchors]).to.have.members([
      "the-sandbox",
      "gas-against-uniswap-v2",
      "a-code-heading-with-punctuation",
      "the-sandbox-1",
      "top",
    ]);
    expect(targets).to.have.members(["docs/amm.md#pools", "img/fan.svg", "x.md"]);
  });

  it("every relative link and anchor in README.md, docs/ and the scenarios' READMEs resolves", function () {
    const all = pages();
    expect(all.length, "pages found").to.be.greaterThan(10);
    const broken = all.flatMap(brokenLinks);
    expect(broken, `broken links:\n${broken.join("\n")}`).to.deep.equal([]);
  });

  it("no page cites a file outside the repository", function () {
    const outside = pages().filter((page) =>
      /\.\.\/shared\/|REFERENCE\.md/.test(readFileSync(path.join(ROOT, page), "utf8")),
    );
    expect(outside, "pages citing files outside the repository").to.deep.equal([]);
  });
});
