import { expect } from "chai";

import { erc4626Inflation } from "../../lib/scenarios/erc4626-inflation.js";
import { playSide } from "../../lib/scenarios/run.js";
import { ethers, networkHelpers } from "../helpers/connection.js";
import { scenarioEnvFixture } from "../helpers/scenarios.js";

const DAI = 10n ** 18n;
// The README's story: alice is about to deposit 10,000 DAI; the attacker deposits 1 wei, then
// donates 10,000 DAI.
const V = 10_000n * DAI;
const D = 10_000n * DAI;
const OFFSET = 10n ** 6n; // VirtualSharesVault's 10^DECIMALS_OFFSET virtual shares

/** ERC-4626 with virtual shares, by hand: shares = a·(S + o) / (A + 1), assets = s·(A + 1) / (S + o). */
function virtualSharesOutcome() {
  const attackerShares = (1n * (0n + OFFSET)) / (0n + 1n);
  let assets = 1n + D;
  let supply = attackerShares;
  const victimShares = (V * (supply + OFFSET)) / (assets + 1n);
  assets += V;
  supply += victimShares;
  const victimOut = (victimShares * (assets + 1n)) / (supply + OFFSET);
  assets -= victimOut;
  supply -= victimShares;
  const attackerOut = (attackerShares * (assets + 1n)) / (supply + OFFSET);
  return { victimShares, victimOut, attackerOut };
}

async function vaultWorldsFixture() {
  const env = await networkHelpers.loadFixture(scenarioEnvFixture);
  return {
    vulnerable: await erc4626Inflation.setup(env, "vulnerable"),
    hardened: await erc4626Inflation.setup(env, "hardened"),
  };
}

async function play(side: "vulnerable" | "hardened") {
  const world = (await networkHelpers.loadFixture(vaultWorldsFixture))[side];
  const start = await ethers.provider.getBlockNumber();
  const before = await erc4626Inflation.measure(world, start);
  await erc4626Inflation.exploit(world);
  const { alice } = world.env.actors;
  await erc4626Inflation.settle(world);
  const after = await erc4626Inflation.measure(world, start);
  return { world, before, after, alice };
}

describe("Scenario: ERC-4626 inflation", function () {
  it("starts with two empty vaults and alice holding the deposit she is about to make", async function () {
    const worlds = await networkHelpers.loadFixture(vaultWorldsFixture);
    for (const world of [worlds.vulnerable, worlds.hardened]) {
      expect(await world.vault.totalSupply(), `${world.contract} supply`).to.equal(0n);
      expect(await world.vault.totalAssets(), `${world.contract} assets`).to.equal(0n);
      expect(await world.token.balanceOf(world.env.actors.alice.address)).to.be.greaterThanOrEqual(
        V,
      );
    }
  });

  it("mints alice no share in the vulnerable NaiveVault, and the attacker takes her 10,000 DAI", async function () {
    const { world, before, after, alice } = await play("vulnerable");
    expect(await world.vault.balanceOf(alice.address), "alice's shares").to.equal(0n);
    // One share owns 1 wei + the donation + alice's deposit; the attacker paid 1 wei + the donation.
    expect(after.attacker - before.attacker, "attacker's profit").to.equal(V);
    expect(before.victims - after.victims, "alice's loss").to.equal(V);
    expect(await world.vault.totalAssets(), "the vault is emptied").to.equal(0n);
  });

  it("makes the attack cost the attacker on the VirtualSharesVault, and alice loses only rounding", async function () {
    const { world, before, after, alice } = await play("hardened");
    const expected = virtualSharesOutcome();
    expect(expected.victimShares, "alice's shares by hand").to.equal(1_999_999n);
    expect(after.attacker - before.attacker, "attacker's profit").to.equal(
      expected.attackerOut - (1n + D),
    );
    expect(after.attacker - before.attacker, "the attack loses money").to.be.lessThan(-(D / 3n));
    expect(before.victims - after.victims, "alice's loss").to.equal(V - expected.victimOut);
    // One part in a million of her deposit at most: rounding, not theft.
    expect(before.victims - after.victims, "alice's loss is dust").to.be.lessThanOrEqual(
      V / OFFSET,
    );
    expect(await world.vault.balanceOf(alice.address)).to.equal(0n);
  });

  it("passes every check on both sides when played through the framework", async function () {
    const env = await networkHelpers.loadFixture(scenarioEnvFixture);
    for (const side of ["vulnerable", "hardened"] as const) {
      const result = await playSide(erc4626Inflation, env, side);
      const failed = result.checks.filter((c) => !c.ok).map((c) => c.message);
      expect(failed, side).to.deep.equal([]);
    }
  });
});
