import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

import { expect } from "chai";

const PURE = path.join(process.cwd(), "lib", "pure");

/**
 * Packages pure code may import: arithmetic, encoding and hashing, Markdown and chart specs; nothing
 * that reaches a chain.
 */
const ALLOWED_PACKAGES = [
  "decimal.js",
  "ethers",
  "@openzeppelin/merkle-tree",
  "markdown-table",
  "marked",
  "github-slugger",
  "vega",
  "vega-lite",
];

async function sourcesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** Every module specifier a file imports or re-exports, statically or dynamically. */
function specifiersOf(source: string): string[] {
  const patterns = [/\bfrom\s+"([^"]+)"/g, /\bimport\s+"([^"]+)"/g, /\bimport\(\s*"([^"]+)"\s*\)/g];
  return patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((m) => m[1]));
}

describe("lib/pure", function () {
  it("imports nothing from Hardhat, the chain code, the terminal or the generated types", async function () {
    const files = await sourcesUnder(PURE);
    expect(files.length, "pure sources found").to.be.greaterThan(5);
    const offending: string[] = [];
    for (const file of files) {
      for (const specifier of specifiersOf(await readFile(file, "utf8"))) {
        const where = `${path.relative(process.cwd(), file)} imports ${specifier}`;
        if (specifier.startsWith(".")) {
          const target = path.resolve(path.dirname(file), specifier);
          if (!target.startsWith(PURE + path.sep)) offending.push(where);
        } else if (
          !specifier.startsWith("node:") &&
          !ALLOWED_PACKAGES.some((p) => specifier === p || specifier.startsWith(`${p}/`))
        ) {
          offending.push(where);
        }
      }
    }
    expect(offending).to.deep.equal([]);
  });

  it("recognises every form of import the check looks for", function () {
    const source = [
      'import { a } from "hardhat";',
      'export { b } from "../chain/actors.js";',
      'import "@nomicfoundation/hardhat-ethers";',
      'const c = await import("../../typechain-types/index.js");',
    ].join("\n");
    expect(specifiersOf(source)).to.have.members([
      "hardhat",
      "../chain/actors.js",
      "@nomicfoundation/hardhat-ethers",
      "../../typechain-types/index.js",
    ]);
  });
});
