import { expect } from "chai";

import {
  REENTRANCY_DEPOSITS,
  REENTRANCY_STAKE,
  reentrancy,
  type ReentrancyWorld,
} from "../../lib/scenarios/reentrancy.js";
import { ethers, loadFixture } from "../helpers/connection.js";
import { describeFrameworkPlay, describeSide, scenarioEnvFixture } from "../helpers/scenarios.js";

const ETHER = 10n ** 18n;
// Independent of the scenario's constants: the README's starting balances, 4 + 3.5 + 2.5 ETH.
const VICTIMS_TOTAL = 10n * ETHER;

/** Both sides set up on one chain: a NaiveEtherVault and an EtherVault with the same deposits. */
async function reentrancyWorldsFixture() {
  const env = await loadFixture(scenarioEnvFixture);
  return {
    vulnerable: await reentrancy.setup(env, "vulnerable"),
    hardened: await reentrancy.setup(env, "hardened"),
  };
}

/** The starting balances both sides share. */
async function expectInitialState(world: ReentrancyWorld): Promise<void> {
  const { vault, env } = world;
  const { alice, bob, carol, attacker } = env.actors;
  expect(await ethers.provider.getBalance(await vault.getAddress()), "the vault's ether").to.equal(
    VICTIMS_TOTAL,
  );
  expect(await vault.balanceOf(alice.address), "alice's deposit").to.equal(4n * ETHER);
  expect(await vault.balanceOf(bob.address), "bob's deposit").to.equal(35n * (ETHER / 10n));
  expect(await vault.balanceOf(carol.address), "carol's deposit").to.equal(25n * (ETHER / 10n));
  expect(await vault.balanceOf(attacker.address), "attacker's deposit").to.equal(0n);
  expect(
    REENTRANCY_DEPOSITS.alice + REENTRANCY_DEPOSITS.bob + REENTRANCY_DEPOSITS.carol,
    "the scenario's deposits add up to the README's",
  ).to.equal(VICTIMS_TOTAL);
}

describe("Scenario: reentrancy", function () {
  describeSide("vulnerable side: NaiveEtherVault", reentrancy, {
    setup: async () => (await loadFixture(reentrancyWorldsFixture)).vulnerable,
    initialState: [
      "the vault holds the victims' 10 ETH and nothing of the attacker",
      expectInitialState,
    ],
    exploit: [
      "a 1 ETH stake withdrawn again from inside each payout empties the vault",
      async ({ revert, afterExploit }) => {
        expect(revert, "the attack goes through").to.equal(null);
        expect(afterExploit.protocol, "the vault is empty after the attack").to.equal(0n);
      },
    ],
    success: [
      "the attacker gains the victims' 10 ETH and the victims lose it",
      async ({ result, before, afterSettle }) => {
        // A 1 ETH stake withdrawn 11 times from 11 ETH: the attacker nets every victim's ether.
        expect(afterSettle.attacker - before.attacker, "attacker's profit").to.equal(VICTIMS_TOTAL);
        expect(result.victimsLoss, "victims' loss").to.equal(VICTIMS_TOTAL);
      },
    ],
  });

  describeSide("hardened side: EtherVault", reentrancy, {
    setup: async () => (await loadFixture(reentrancyWorldsFixture)).hardened,
    initialState: [
      "the vault holds the victims' 10 ETH and nothing of the attacker",
      expectInitialState,
    ],
    exploit: [
      "the guard stops the re-entry, so the payout fails and the attack reverts",
      async ({ revert, afterExploit }) => {
        expect(revert, "the attack reverts on the failed payout").to.match(
          new RegExp(`^EtherVaultPayoutFailed\\(0x[0-9a-fA-F]{40}, ${REENTRANCY_STAKE}\\)$`),
        );
        expect(afterExploit.protocol, "the vault still holds the victims' ether").to.equal(
          VICTIMS_TOTAL,
        );
      },
    ],
    success: [
      "the attacker gains nothing and every victim withdraws in full",
      async ({ result, before, afterSettle }) => {
        expect(afterSettle.attacker - before.attacker, "attacker's profit").to.equal(0n);
        expect(afterSettle.victims - before.victims, "the victims get all of it back").to.equal(
          VICTIMS_TOTAL,
        );
        expect(result.victimsLoss, "victims' loss").to.equal(0n);
      },
    ],
  });

  describe("the guard's error", function () {
    it("names the attacker contract and the stake whose payout failed", async function () {
      const { vault, attacker } = (await loadFixture(reentrancyWorldsFixture)).hardened;
      const contract = await ethers.deployContract("ReentrancyAttacker", [
        await vault.getAddress(),
        attacker.address,
      ]);
      await expect(contract.connect(attacker).attack({ value: REENTRANCY_STAKE }))
        .to.be.revertedWithCustomError(vault, "EtherVaultPayoutFailed")
        .withArgs(await contract.getAddress(), REENTRANCY_STAKE);
    });
  });

  describeFrameworkPlay(reentrancy);
});
