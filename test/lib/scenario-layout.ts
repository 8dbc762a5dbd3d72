import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";

import { expect } from "chai";

import { SCENARIOS } from "../../lib/scenarios/index.js";

const ROOT = process.cwd();
const CONTRACTS = path.join(ROOT, "contracts", "scenarios");
const LIB = path.join(ROOT, "lib", "scenarios");
const TESTS = path.join(ROOT, "test", "scenarios");
/** Code several scenarios share, beside the scenario folders. */
const SHARED = "shared";
/** The sections a scenario README tells its story in. */
const README_SECTIONS = [
  /^## Situation$/m,
  /^## What goes wrong$/m,
  /^## The real incident$/m,
  /^## Play it$/m,
];
const README_FIX = /^## (The fix|What the protections do)/m;

const NAMES = SCENARIOS.map((s) => s.name);

async function entries(dir: string) {
  return (await readdir(dir, { withFileTypes: true })).filter((e) => e.name !== SHARED);
}

describe("scenario layout: one name in every place", function () {
  it("registers the 17 scenarios the sandbox plays", function () {
    expect(NAMES.length, "scenarios registered").to.equal(17);
  });

  for (const scenario of SCENARIOS) {
    const name = scenario.name;
    it(`finds ${name}'s README, library module, scenario test and unit tests under that name`, async function () {
      const readme = path.join(CONTRACTS, name, "README.md");
      expect(existsSync(readme), `contracts/scenarios/${name}/README.md`).to.equal(true);
      const text = await readFile(readme, "utf8");
      for (const section of README_SECTIONS) {
        expect(text, `${name}'s README has ${section.source}`).to.match(section);
      }
      expect(text, `${name}'s README says how it fixes the flaw`).to.match(README_FIX);
      expect(text, `${name}'s README shows how to play it`).to.include(`npm run scenario ${name}`);

      const module = path.join(LIB, `${name}.ts`);
      expect(existsSync(module), `lib/scenarios/${name}.ts`).to.equal(true);
      const exported = Object.values(await import(pathToFileURL(module).href));
      expect(exported, `lib/scenarios/${name}.ts exports the scenario`).to.include(scenario);

      const scenarioTest = path.join(TESTS, `${name}.ts`);
      expect(existsSync(scenarioTest), `test/scenarios/${name}.ts`).to.equal(true);
      // Both sides in setup → initial state → exploit → success, then the framework's verdict.
      const test = await readFile(scenarioTest, "utf8");
      expect(test, `${name}'s test names the scenario`).to.include(`describe("Scenario: ${name}"`);
      expect(
        test.match(/\bdescribeSide\(/g)?.length ?? 0,
        `${name}'s test plays both sides phase by phase`,
      ).to.be.greaterThanOrEqual(2);
      expect(test, `${name}'s test asks the framework's verdict`).to.include(
        "describeFrameworkPlay(",
      );

      const sources = (await readdir(path.join(CONTRACTS, name))).filter((f) => f.endsWith(".sol"));
      const unitDir = path.join(TESTS, name);
      if (sources.length > 0) {
        expect(existsSync(unitDir), `test/scenarios/${name}/ for its contracts`).to.equal(true);
      }
      const units = existsSync(unitDir) ? await readdir(unitDir) : [];
      for (const unit of units) {
        const contract = unit.replace(/(\.t)?\.(sol|ts)$/, ".sol");
        expect(
          sources,
          `test/scenarios/${name}/${unit} tests a contract of contracts/scenarios/${name}/`,
        ).to.include(contract);
      }
    });
  }

  it("has no scenario folder, scenario test or unit-test folder under a name nobody registered", async function () {
    const strays: string[] = [];
    for (const entry of await entries(CONTRACTS)) {
      if (!NAMES.includes(entry.name)) strays.push(`contracts/scenarios/${entry.name}`);
    }
    for (const entry of await entries(TESTS)) {
      const name = entry.isDirectory() ? entry.name : entry.name.replace(/\.ts$/, "");
      if (!NAMES.includes(name)) strays.push(`test/scenarios/${entry.name}`);
    }
    expect(strays, "not a registered scenario").to.deep.equal([]);
  });
});
