import { expect } from "chai";

import { erc4626Inflation, type InflationWorld } from "../../lib/scenarios/erc4626-inflation.js";
import { loadFixture } from "../helpers/connection.js";
import { describeFrameworkPlay, describeSide, scenarioEnvFixture } from "../helpers/scenarios.js";

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
  const env = await loadFixture(scenarioEnvFixture);
  return {
    vulnerable: await erc4626Inflation.setup(env, "vulnerable"),
    hardened: await erc4626Inflation.setup(env, "hardened"),
  };
}

/** The starting balances both sides share: an empty vault, alice's deposit queued. */
async function expectInitialState(world: InflationWorld): Promise<void> {
  const { alice, attacker } = world.env.actors;
  expect(await world.vault.totalSupply(), "the vault's shares").to.equal(0n);
  expect(await world.vault.totalAssets(), "the vault's assets").to.equal(0n);
  expect(await world.token.balanceOf(alice.address), "alice's DAI").to.be.greaterThanOrEqual(V);
  expect(
    await world.token.balanceOf(attacker.address),
    "the attacker's DAI: 1 wei and the donation",
  ).to.be.greaterThanOrEqual(1n + D);
}

describe("Scenario: erc4626-inflation", function () {
  describeSide("vulnerable side: NaiveVault", erc4626Inflation, {
    setup: async () => (await loadFixture(vaultWorldsFixture)).vulnerable,
    initialState: [
      "the vault is empty and alice holds the deposit she is about to make",
      expectInitialState,
    ],
    exploit: [
      "the attacker takes the first share for 1 wei, then donates 10,000 DAI to the vault",
      async ({ revert, afterExploit }) => {
        expect(revert, "the attack goes through").to.equal(null);
        expect(afterExploit.protocol, "the vault holds 1 wei and the donation").to.equal(1n + D);
      },
    ],
    success: [
      "alice's deposit mints no share, and the attacker redeems her 10,000 DAI",
      async ({ result, before, afterSettle }, world) => {
        // One share owns 1 wei + the donation + alice's deposit; the attacker paid 1 wei + the donation.
        expect(afterSettle.attacker - before.attacker, "attacker's profit").to.equal(V);
        expect(result.victimsLoss, "alice's loss").to.equal(V);
        expect(await world.vault.totalAssets(), "the vault is emptied").to.equal(0n);
      },
    ],
  });

  describeSide("hardened side: VirtualSharesVault", erc4626Inflation, {
    setup: async () => (await loadFixture(vaultWorldsFixture)).hardened,
    initialState: [
      "the vault is empty and alice holds the deposit she is about to make",
      expectInitialState,
    ],
    exploit: [
      "the same deposit and donation go through, against 10^6 virtual shares",
      async ({ revert, afterExploit }) => {
        expect(revert, "nothing stops the moves themselves").to.equal(null);
        expect(afterExploit.protocol, "the vault holds 1 wei and the donation").to.equal(1n + D);
      },
    ],
    success: [
      "the attack costs the attacker a third of the donation, and alice loses only rounding",
      async ({ result, before, afterSettle }) => {
        const expected = virtualSharesOutcome();
        expect(expected.victimShares, "alice's shares by hand").to.equal(1_999_999n);
        const profit = afterSettle.attacker - before.attacker;
        expect(profit, "attacker's profit").to.equal(expected.attackerOut - (1n + D));
        expect(profit, "the attack loses money").to.be.lessThan(-(D / 3n));
        expect(result.victimsLoss, "alice's loss").to.equal(V - expected.victimOut);
        // One part in a million of her deposit at most: rounding, not theft.
        expect(result.victimsLoss, "alice's loss is dust").to.be.lessThanOrEqual(V / OFFSET);
      },
    ],
  });

  describeFrameworkPlay(erc4626Inflation);
});
