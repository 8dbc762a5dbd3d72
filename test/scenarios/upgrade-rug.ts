import { expect } from "chai";

import type { Side } from "../../lib/scenarios/types.js";
import { upgradeRug, type UpgradeRugWorld } from "../../lib/scenarios/upgrade-rug.js";
import { ethers, loadFixture } from "../helpers/connection.js";
import { describeFrameworkPlay, describeSide, scenarioEnvFixture } from "../helpers/scenarios.js";

const DAI = 10n ** 18n;
// The README's starting balances: 30,000 + 20,000 + 10,000 DAI.
const DEPOSITS = 60_000n * DAI;
// ERC-1967: bytes32(uint256(keccak256("eip1967.proxy.implementation")) - 1).
const IMPLEMENTATION_SLOT = "0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc";

async function implementationOf(proxy: string): Promise<string> {
  const word = await ethers.provider.getStorage(proxy, IMPLEMENTATION_SLOT);
  return ethers.getAddress(`0x${word.slice(26)}`);
}

async function setup(side: Side): Promise<UpgradeRugWorld> {
  return upgradeRug.setup(await loadFixture(scenarioEnvFixture), side);
}

/** The logic each side's proxy started with, read in its initial-state step. */
const originalLogic = new Map<Side, string>();

/** The starting state both sides share: the depositors' 60,000 DAI behind the proxy. */
async function expectInitialState(world: UpgradeRugWorld): Promise<void> {
  const { alice, bob, carol } = world.env.actors;
  const proxy = await world.vault.getAddress();
  expect(await world.env.sandbox.dai.balanceOf(proxy), "the vault's DAI").to.equal(DEPOSITS);
  expect(await world.vault.totalDeposits(), "recorded deposits").to.equal(DEPOSITS);
  expect(await world.vault.balanceOf(alice.address), "alice's deposit").to.equal(30_000n * DAI);
  expect(await world.vault.balanceOf(bob.address), "bob's deposit").to.equal(20_000n * DAI);
  expect(await world.vault.balanceOf(carol.address), "carol's deposit").to.equal(10_000n * DAI);
  expect(await world.vault.upgrader(), "the upgrader").to.equal(
    world.side === "vulnerable" ? world.attacker.address : await world.admin.timelock?.getAddress(),
  );
  originalLogic.set(world.side, await implementationOf(proxy));
}

describe("Scenario: upgrade-rug", function () {
  describeSide("vulnerable side: the upgrader is the deployer's key", upgradeRug, {
    setup: () => setup("vulnerable"),
    initialState: ["the depositors' 60,000 DAI sit behind the vault's proxy", expectInitialState],
    exploit: [
      "the deployer swaps the logic and drains the vault in one transaction",
      async ({ revert, startBlock, afterExploit }, world) => {
        expect(revert, "the attack goes through").to.equal(null);
        // Deploying the draining logic, then one upgradeToAndCall.
        expect((await ethers.provider.getBlockNumber()) - startBlock, "blocks").to.equal(2);
        expect(
          await implementationOf(await world.vault.getAddress()),
          "implementation",
        ).to.not.equal(originalLogic.get("vulnerable"));
        expect(afterExploit.protocol, "the vault's DAI").to.equal(0n);
      },
    ],
    success: [
      "the attacker gains the 60,000 DAI and the depositors lose it",
      async ({ result }) => {
        expect(result.attackerProfit, "attacker's profit").to.equal(DEPOSITS);
        expect(result.victimsLoss, "depositors' loss").to.equal(DEPOSITS);
      },
    ],
  });

  describeSide("hardened side: the upgrader is a 2-day timelock", upgradeRug, {
    setup: () => setup("hardened"),
    initialState: ["the depositors' 60,000 DAI sit behind the vault's proxy", expectInitialState],
    exploit: [
      "the upgrade can only be queued, and the old logic stays while it waits",
      async ({ revert, afterExploit }, world) => {
        expect(revert, "the attack reverts").to.match(/^TimelockUnexpectedOperationState/);
        expect(
          await implementationOf(await world.vault.getAddress()),
          "implementation while queued",
        ).to.equal(originalLogic.get("hardened"));
        expect(afterExploit.protocol, "the vault's DAI while queued").to.equal(DEPOSITS);
      },
    ],
    success: [
      "the depositors leave in time; the upgrade then runs on an empty vault",
      async ({ result }, world) => {
        const proxy = await world.vault.getAddress();
        expect(await implementationOf(proxy), "implementation after the delay").to.not.equal(
          originalLogic.get("hardened"),
        );
        expect(await world.env.sandbox.dai.balanceOf(proxy), "the vault's DAI").to.equal(0n);
        expect(
          await world.env.sandbox.dai.balanceOf(world.env.actors.alice.address),
          "alice's DAI",
        ).to.be.greaterThanOrEqual(30_000n * DAI);
        expect(result.attackerProfit, "attacker's profit").to.equal(0n);
        expect(result.victimsLoss, "depositors' loss").to.equal(0n);
      },
    ],
  });

  describeFrameworkPlay(upgradeRug);
});
