import { expect } from "chai";

import { flashLoanSideEntrance } from "../../lib/scenarios/flash-loan-side-entrance.js";
import { flashLoanTruster } from "../../lib/scenarios/flash-loan-truster.js";
import { playSide } from "../../lib/scenarios/run.js";
import { ethers, networkHelpers } from "../helpers/connection.js";
import { scenarioEnvFixture } from "../helpers/scenarios.js";

const ETHER = 10n ** 18n;
const DAI = 10n ** 18n;
// The README's starting balances: 400 + 350 + 250 ETH in the ether pool, 40k + 35k + 25k DAI in
// the token pool.
const ETHER_POOL = 1_000n * ETHER;
const TOKEN_POOL = 100_000n * DAI;

/** Both pools of both sides, with the depositors' money in, on one chain. */
async function poolWorldsFixture() {
  const env = await networkHelpers.loadFixture(scenarioEnvFixture);
  return {
    sideEntrance: {
      vulnerable: await flashLoanSideEntrance.setup(env, "vulnerable"),
      hardened: await flashLoanSideEntrance.setup(env, "hardened"),
    },
    truster: {
      vulnerable: await flashLoanTruster.setup(env, "vulnerable"),
      hardened: await flashLoanTruster.setup(env, "hardened"),
    },
  };
}

describe("Scenario: flash-loan pool accounting", function () {
  describe("side entrance: a deposit counted as repayment", function () {
    async function play(side: "vulnerable" | "hardened") {
      const world = (await networkHelpers.loadFixture(poolWorldsFixture)).sideEntrance[side];
      const start = await ethers.provider.getBlockNumber();
      const before = await flashLoanSideEntrance.measure(world, start);
      let reverted = false;
      await flashLoanSideEntrance.exploit(world).catch(() => {
        reverted = true;
      });
      const poolAfterExploit = await ethers.provider.getBalance(await world.pool.getAddress());
      await flashLoanSideEntrance.settle(world);
      const after = await flashLoanSideEntrance.measure(world, start);
      return { world, before, after, reverted, poolAfterExploit };
    }

    it("starts with the depositors' 1,000 ETH in each pool and owes the attacker nothing", async function () {
      const worlds = (await networkHelpers.loadFixture(poolWorldsFixture)).sideEntrance;
      for (const world of [worlds.vulnerable, worlds.hardened]) {
        const address = await world.pool.getAddress();
        expect(await ethers.provider.getBalance(address), `${world.contract} balance`).to.equal(
          ETHER_POOL,
        );
        expect(await world.pool.totalDeposits(), `${world.contract} deposits`).to.equal(ETHER_POOL);
        expect(await world.pool.balanceOf(world.attacker.address)).to.equal(0n);
      }
    });

    it("lets the exploit take the vulnerable pool's 1,000 ETH from its depositors", async function () {
      const { before, after, reverted, poolAfterExploit } = await play("vulnerable");
      expect(reverted, "the attack must go through").to.equal(false);
      expect(poolAfterExploit, "the pool is empty after the attack").to.equal(0n);
      expect(after.attacker - before.attacker, "attacker's profit").to.equal(ETHER_POOL);
      expect(before.victims + ETHER_POOL - after.victims, "depositors' loss").to.equal(ETHER_POOL);
    });

    it("reverts the exploit on the hardened pool, and the depositors withdraw in full", async function () {
      const { world, before, after, reverted, poolAfterExploit } = await play("hardened");
      expect(reverted, "the attack must revert").to.equal(true);
      expect(poolAfterExploit, "the pool keeps its ether").to.equal(ETHER_POOL);
      expect(after.attacker - before.attacker, "attacker's profit").to.equal(0n);
      expect(after.victims - before.victims, "depositors get it all back").to.equal(ETHER_POOL);
      expect(await world.pool.totalDeposits()).to.equal(0n);
    });

    it("names the shortfall: the loan's own deposit does not repay the hardened pool", async function () {
      const { pool, attacker } = (await networkHelpers.loadFixture(poolWorldsFixture)).sideEntrance
        .hardened;
      const contract = await ethers.deployContract("SideEntranceAttacker", [
        await pool.getAddress(),
        attacker.address,
      ]);
      // Balance back at 1,000 ETH, but 1,000 ETH more is now owed to the borrower's deposit.
      await expect(contract.connect(attacker).attack())
        .to.be.revertedWithCustomError(pool, "FlashPoolNotRepaid")
        .withArgs(2n * ETHER_POOL, ETHER_POOL);
    });
  });

  describe("truster: an arbitrary call made by the pool", function () {
    async function play(side: "vulnerable" | "hardened") {
      const world = (await networkHelpers.loadFixture(poolWorldsFixture)).truster[side];
      const start = await ethers.provider.getBlockNumber();
      const before = await flashLoanTruster.measure(world, start);
      let reverted = false;
      await flashLoanTruster.exploit(world).catch(() => {
        reverted = true;
      });
      const poolAfterExploit = await world.token.balanceOf(await world.pool.getAddress());
      await flashLoanTruster.settle(world);
      const after = await flashLoanTruster.measure(world, start);
      return { world, before, after, reverted, poolAfterExploit };
    }

    it("starts with the depositors' 100,000 DAI in each pool", async function () {
      const worlds = (await networkHelpers.loadFixture(poolWorldsFixture)).truster;
      for (const world of [worlds.vulnerable, worlds.hardened]) {
        const address = await world.pool.getAddress();
        expect(await world.token.balanceOf(address), `${world.contract} balance`).to.equal(
          TOKEN_POOL,
        );
        expect(await world.token.allowance(address, world.attacker.address)).to.equal(0n);
      }
    });

    it("lets the exploit approve and pull the vulnerable pool's 100,000 DAI", async function () {
      const { world, before, after, reverted, poolAfterExploit } = await play("vulnerable");
      expect(reverted, "the attack must go through").to.equal(false);
      expect(poolAfterExploit, "the pool is empty after the attack").to.equal(0n);
      expect(after.attacker - before.attacker, "attacker's profit").to.equal(TOKEN_POOL);
      expect(before.victims + TOKEN_POOL - after.victims, "depositors' loss").to.equal(TOKEN_POOL);
      expect(
        await world.pool.balanceOf(world.env.actors.alice.address),
        "alice's claim is unpaid",
      ).to.equal(40_000n * DAI);
    });

    it("reverts the exploit on the hardened pool: the token has no onFlashLoan to call", async function () {
      const { world, before, after, reverted, poolAfterExploit } = await play("hardened");
      expect(reverted, "the attack must revert").to.equal(true);
      expect(poolAfterExploit, "the pool keeps its DAI").to.equal(TOKEN_POOL);
      expect(
        await world.token.allowance(await world.pool.getAddress(), world.attacker.address),
      ).to.equal(0n);
      expect(after.attacker - before.attacker, "attacker's profit").to.equal(0n);
      expect(after.victims - before.victims, "depositors get it all back").to.equal(TOKEN_POOL);
    });
  });

  describe("played through the framework", function () {
    it("passes every check on both sides of both pools", async function () {
      const env = await networkHelpers.loadFixture(scenarioEnvFixture);
      for (const scenario of [flashLoanSideEntrance, flashLoanTruster] as const) {
        for (const side of ["vulnerable", "hardened"] as const) {
          const result = await playSide(scenario as typeof flashLoanTruster, env, side);
          const failed = result.checks.filter((c) => !c.ok).map((c) => c.message);
          expect(failed, `${scenario.name} ${side}`).to.deep.equal([]);
        }
      }
    });
  });
});
