import { expect } from "chai";

import { playSide } from "../../lib/scenarios/run.js";
import { upgradeRug } from "../../lib/scenarios/upgrade-rug.js";
import { ethers, networkHelpers } from "../helpers/connection.js";
import { scenarioEnvFixture } from "../helpers/scenarios.js";

const DAI = 10n ** 18n;
// The README's starting balances: 30,000 + 20,000 + 10,000 DAI.
const DEPOSITS = 60_000n * DAI;
// ERC-1967: bytes32(uint256(keccak256("eip1967.proxy.implementation")) - 1).
const IMPLEMENTATION_SLOT = "0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc";

async function implementationOf(proxy: string): Promise<string> {
  const word = await ethers.provider.getStorage(proxy, IMPLEMENTATION_SLOT);
  return ethers.getAddress(`0x${word.slice(26)}`);
}

async function setup(side: "vulnerable" | "hardened") {
  const env = await networkHelpers.loadFixture(scenarioEnvFixture);
  return upgradeRug.setup(env, side);
}

describe("Scenario: upgrade-rug", function () {
  for (const side of ["vulnerable", "hardened"] as const) {
    it(`holds the depositors' 60,000 DAI in the ${side} vault's proxy`, async function () {
      const world = await setup(side);
      const { alice, bob, carol } = world.env.actors;
      const proxy = await world.vault.getAddress();
      expect(await world.env.sandbox.dai.balanceOf(proxy)).to.equal(DEPOSITS);
      expect(await world.vault.totalDeposits()).to.equal(DEPOSITS);
      expect(await world.vault.balanceOf(alice.address)).to.equal(30_000n * DAI);
      expect(await world.vault.balanceOf(bob.address)).to.equal(20_000n * DAI);
      expect(await world.vault.balanceOf(carol.address)).to.equal(10_000n * DAI);
      const upgrader = await world.vault.upgrader();
      expect(upgrader).to.equal(
        side === "vulnerable" ? world.attacker.address : await world.admin.timelock?.getAddress(),
      );
    });
  }

  describe("on the vulnerable vault (upgrader = the deployer's key)", function () {
    it("swaps the logic and drains the vault in one transaction", async function () {
      const world = await setup("vulnerable");
      const proxy = await world.vault.getAddress();
      const before = await implementationOf(proxy);
      const blockBefore = await ethers.provider.getBlockNumber();
      await upgradeRug.exploit(world);
      // Deploying the draining logic, then one upgradeToAndCall.
      expect((await ethers.provider.getBlockNumber()) - blockBefore, "blocks").to.equal(2);
      expect(await implementationOf(proxy), "implementation").to.not.equal(before);
      expect(await world.env.sandbox.dai.balanceOf(proxy), "vault").to.equal(0n);
    });

    it("passes every check through the framework: the attacker gains 60,000 DAI, the depositors lose it", async function () {
      const env = await networkHelpers.loadFixture(scenarioEnvFixture);
      const result = await playSide(upgradeRug, env, "vulnerable");
      expect(result.checks.filter((c) => !c.ok).map((c) => c.message)).to.deep.equal([]);
      expect(result.attackerProfit).to.equal(DEPOSITS);
      expect(result.victimsLoss).to.equal(DEPOSITS);
      expect(result.protocolAfter).to.equal(0n);
    });
  });

  describe("on the hardened vault (upgrader = a 2-day timelock)", function () {
    it("keeps the old logic while the upgrade waits, and runs it on an empty vault after the depositors left", async function () {
      const world = await setup("hardened");
      const proxy = await world.vault.getAddress();
      const before = await implementationOf(proxy);
      const reverted = await upgradeRug.exploit(world).then(
        () => false,
        () => true,
      );
      expect(reverted, "the attack reverts").to.equal(true);
      expect(await implementationOf(proxy), "implementation while queued").to.equal(before);
      expect(await world.env.sandbox.dai.balanceOf(proxy), "vault while queued").to.equal(DEPOSITS);
      await upgradeRug.settle(world);
      expect(await implementationOf(proxy), "implementation after the delay").to.not.equal(before);
      expect(await world.env.sandbox.dai.balanceOf(proxy), "vault").to.equal(0n);
      expect(
        await world.env.sandbox.dai.balanceOf(world.env.actors.alice.address),
      ).to.be.greaterThanOrEqual(30_000n * DAI);
    });

    it("passes every check through the framework: the attack reverts, the depositors keep everything", async function () {
      const env = await networkHelpers.loadFixture(scenarioEnvFixture);
      const result = await playSide(upgradeRug, env, "hardened");
      expect(result.checks.filter((c) => !c.ok).map((c) => c.message)).to.deep.equal([]);
      expect(result.revert).to.match(/^TimelockUnexpectedOperationState/);
      expect(result.attackerProfit).to.equal(0n);
      expect(result.victimsLoss).to.equal(0n);
      expect(result.protocolAfter).to.equal(DEPOSITS);
    });
  });

  it("fails the vulnerable side's checks for an exploit that does nothing", async function () {
    const env = await networkHelpers.loadFixture(scenarioEnvFixture);
    const result = await playSide(upgradeRug, env, "vulnerable", async () => {});
    expect(result.passed).to.equal(false);
  });
});
