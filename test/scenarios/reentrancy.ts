import { expect } from "chai";

import {
  REENTRANCY_DEPOSITS,
  REENTRANCY_STAKE,
  reentrancy,
} from "../../lib/scenarios/reentrancy.js";
import { playSide } from "../../lib/scenarios/run.js";
import { ethers, networkHelpers } from "../helpers/connection.js";
import { scenarioEnvFixture } from "../helpers/scenarios.js";

const ETHER = 10n ** 18n;
// Independent of the scenario's constants: the README's starting balances, 4 + 3.5 + 2.5 ETH.
const VICTIMS_TOTAL = 10n * ETHER;

/** Both sides set up on one chain: a NaiveEtherVault and an EtherVault with the same deposits. */
async function reentrancyWorldsFixture() {
  const env = await networkHelpers.loadFixture(scenarioEnvFixture);
  return {
    vulnerable: await reentrancy.setup(env, "vulnerable"),
    hardened: await reentrancy.setup(env, "hardened"),
  };
}

/** Exploit → settle on one side, returning the balances before and after. */
async function playShipped(side: "vulnerable" | "hardened") {
  const world = (await networkHelpers.loadFixture(reentrancyWorldsFixture))[side];
  const start = await ethers.provider.getBlockNumber();
  const before = await reentrancy.measure(world, start);
  let reverted = false;
  await reentrancy.exploit(world).catch(() => {
    reverted = true;
  });
  const vaultAfterExploit = await ethers.provider.getBalance(await world.vault.getAddress());
  await reentrancy.settle(world);
  const after = await reentrancy.measure(world, start);
  return { world, before, after, reverted, vaultAfterExploit };
}

describe("Scenario: reentrancy", function () {
  describe("setup and initial state", function () {
    for (const side of ["vulnerable", "hardened"] as const) {
      it(`holds the victims' 10 ETH and nothing of the attacker on the ${side} side`, async function () {
        const { vault, env } = (await networkHelpers.loadFixture(reentrancyWorldsFixture))[side];
        const { alice, bob, carol, attacker } = env.actors;
        expect(await ethers.provider.getBalance(await vault.getAddress()), "vault").to.equal(
          VICTIMS_TOTAL,
        );
        expect(await vault.balanceOf(alice.address), "alice's deposit").to.equal(4n * ETHER);
        expect(await vault.balanceOf(bob.address), "bob's deposit").to.equal(35n * (ETHER / 10n));
        expect(await vault.balanceOf(carol.address), "carol's deposit").to.equal(
          25n * (ETHER / 10n),
        );
        expect(await vault.balanceOf(attacker.address), "attacker's deposit").to.equal(0n);
        expect(
          REENTRANCY_DEPOSITS.alice + REENTRANCY_DEPOSITS.bob + REENTRANCY_DEPOSITS.carol,
        ).to.equal(VICTIMS_TOTAL);
      });
    }
  });

  describe("on the vulnerable NaiveEtherVault", function () {
    it("lets the exploit drain the vault: the attacker gains the victims' 10 ETH, the victims lose it", async function () {
      const { before, after, reverted, vaultAfterExploit } = await playShipped("vulnerable");
      expect(reverted, "the attack must go through").to.equal(false);
      expect(vaultAfterExploit, "the vault is empty after the attack").to.equal(0n);
      // A 1 ETH stake withdrawn 11 times from 11 ETH: the attacker nets every victim's ether.
      expect(after.attacker - before.attacker, "attacker's profit").to.equal(VICTIMS_TOTAL);
      expect(before.victims + VICTIMS_TOTAL - after.victims, "victims' loss").to.equal(
        VICTIMS_TOTAL,
      );
    });
  });

  describe("on the hardened EtherVault", function () {
    it("reverts the exploit, and every victim withdraws in full", async function () {
      const { before, after, reverted, vaultAfterExploit } = await playShipped("hardened");
      expect(reverted, "the attack must revert").to.equal(true);
      expect(vaultAfterExploit, "the vault still holds the victims' ether").to.equal(VICTIMS_TOTAL);
      expect(after.attacker - before.attacker, "attacker's profit").to.equal(0n);
      expect(after.victims - before.victims, "the victims get all of it back").to.equal(
        VICTIMS_TOTAL,
      );
    });

    it("names the failed payout when the guard stops the re-entry", async function () {
      const { vault, attacker } = (await networkHelpers.loadFixture(reentrancyWorldsFixture))
        .hardened;
      const contract = await ethers.deployContract("ReentrancyAttacker", [
        await vault.getAddress(),
        attacker.address,
      ]);
      await expect(contract.connect(attacker).attack({ value: REENTRANCY_STAKE }))
        .to.be.revertedWithCustomError(vault, "EtherVaultPayoutFailed")
        .withArgs(await contract.getAddress(), REENTRANCY_STAKE);
    });
  });

  describe("played through the framework", function () {
    it("passes every check on both sides", async function () {
      const env = await networkHelpers.loadFixture(scenarioEnvFixture);
      for (const side of ["vulnerable", "hardened"] as const) {
        const result = await playSide(reentrancy, env, side);
        const failed = result.checks.filter((c) => !c.ok).map((c) => c.message);
        expect(failed, `${side} side`).to.deep.equal([]);
      }
    });

    it("fails the vulnerable side's checks for an exploit that does nothing", async function () {
      const env = await networkHelpers.loadFixture(scenarioEnvFixture);
      const result = await playSide(reentrancy, env, "vulnerable", async () => {});
      expect(result.passed).to.equal(false);
      expect(result.attackerProfit).to.equal(0n);
      expect(result.victimsLoss).to.equal(0n);
    });
  });
});
