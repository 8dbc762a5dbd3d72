import { expect } from "chai";
import { network } from "hardhat";

import { ethers, loadFixture, networkHelpers } from "./helpers/connection.js";

/** An account no test uses: each fixture leaves its own balance there, which tells its world. */
const MARKER = "0x00000000000000000000000000000000000f1c57";

async function markerBalance(): Promise<bigint> {
  return ethers.provider.getBalance(MARKER);
}

async function baseFixture(): Promise<string> {
  await networkHelpers.setBalance(MARKER, 1n);
  return "base";
}

async function otherFixture(): Promise<string> {
  await networkHelpers.setBalance(MARKER, 7n);
  return "other";
}

/** A fixture built on another, as the sandbox's scenario and protocol fixtures are. */
async function compositeFixture(): Promise<string> {
  await loadFixture(baseFixture);
  await networkHelpers.setBalance(MARKER, 9n);
  return "composite";
}

describe("loadFixture on the shared chain", function () {
  it("gives each fixture its own world whatever order fixtures built on others load in", async function () {
    // base, then other, then a fixture built on base: loading base again kills other's snapshot.
    const order = [baseFixture, otherFixture, compositeFixture, otherFixture, compositeFixture];
    const seen: [string, bigint][] = [];
    for (const fixture of [...order, baseFixture]) {
      const name = await loadFixture(fixture);
      seen.push([name, await markerBalance()]);
    }
    expect(seen).to.deep.equal([
      ["base", 1n],
      ["other", 7n],
      ["composite", 9n],
      ["other", 7n],
      ["composite", 9n],
      ["base", 1n],
    ]);
  });

  it("undoes what a test did after the fixture", async function () {
    await loadFixture(otherFixture);
    await networkHelpers.setBalance(MARKER, 123n);
    await loadFixture(otherFixture);
    expect(await markerBalance()).to.equal(7n);
  });

  it("is needed: the network helpers' own loadFixture fails on the same order", async function () {
    // If this starts passing, the network helpers' loadFixture composes and can replace ours.
    const own = await network.create();
    const helpers = own.networkHelpers;
    async function base() {
      await helpers.setBalance(MARKER, 1n);
    }
    async function other() {
      await helpers.setBalance(MARKER, 7n);
    }
    async function composite() {
      await helpers.loadFixture(base);
    }
    try {
      await helpers.loadFixture(base);
      await helpers.loadFixture(other);
      await helpers.loadFixture(composite);
      const error = await helpers.loadFixture(other).catch((e: unknown) => e);
      expect(String(error)).to.include("error reverting the snapshot of the fixture");
    } finally {
      await own.close();
    }
  });
});
