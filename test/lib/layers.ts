import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

import { expect } from "chai";

const LIB = path.join(process.cwd(), "lib");

/**
 * Which layer of lib/ may import which (docs/architecture.md draws it): each only from below.
 * Imports within a layer are always allowed.
 */
const MAY_IMPORT: Record<string, string[]> = {
  pure: [],
  chain: ["pure"],
  terminal: ["pure", "chain"],
  scenarios: ["pure", "chain"],
  sim: ["pure", "chain", "terminal"],
  docs: ["pure", "chain", "scenarios", "sim", "server"],
  server: ["pure", "chain", "scenarios", "sim"],
};

describe("lib's layers", function () {
  it("import only from the layers below them", async function () {
    const layers = (await readdir(LIB, { withFileTypes: true }))
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    expect(layers, "every folder of lib/ has a place in the layers").to.have.members(
      Object.keys(MAY_IMPORT),
    );
    const offending: string[] = [];
    for (const layer of layers) {
      const entries = await readdir(path.join(LIB, layer), {
        withFileTypes: true,
        recursive: true,
      });
      for (const entry of entries.filter((e) => e.isFile() && e.name.endsWith(".ts"))) {
        const file = path.join(entry.parentPath, entry.name);
        const source = await readFile(file, "utf8");
        for (const [, specifier] of source.matchAll(/\b(?:from|import)\s*\(?\s*"(\.[^"]+)"/g)) {
          const target = path.relative(LIB, path.resolve(path.dirname(file), specifier));
          const targetLayer = target.split(path.sep)[0];
          if (target.startsWith("..") || targetLayer === layer) continue;
          if (!MAY_IMPORT[layer].includes(targetLayer)) {
            offending.push(`${path.relative(process.cwd(), file)} imports ${specifier}`);
          }
        }
      }
    }
    expect(offending, "imports against the layers").to.deep.equal([]);
  });
});
