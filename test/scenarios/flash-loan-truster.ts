import { expect } from "chai";

import { flashLoanTruster, type TrusterWorld } from "../../lib/scenarios/flash-loan-truster.js";
import { playWorld, type PlayedWorld } from "../../lib/scenarios/run.js";
import { networkHelpers } from "../helpers/connection.js";
import { describeFrameworkPlay, scenarioEnvFixture } from "../helpers/scenarios.js";

const DAI = 10n ** 18n;
// The README's starting balances: Alice 40,000, Bob 35,000 and Carol 25,000 DAI in the pool.
const DEPOSITS = { alice: 40_000n * DAI, bob: 35_000n * DAI, carol: 25_000n * DAI };
const POOL = 100_000n * DAI;

/** Both sides on one chain: a NaiveTokenFlashPool and a TokenFlashPool with the same deposits. */
async function trusterWorldsFixture() {
  const env = await networkHelpers.loadFixture(scenarioEnvFixture);
  return {
    vulnerable: await flashLoanTruster.setup(env, "vulnerable"),
    hardened: await flashLoanTruster.setup(env, "hardened"),
  };
}

/** The starting balances both sides share. */
async function expectInitialState(world: TrusterWorld): Promise<void> {
  const { alice, bob, carol, attacker } = world.env.actors;
  const { pool, token } = world;
  const address = await pool.getAddress();
  expect(await token.balanceOf(address), "the pool's DAI").to.equal(POOL);
  expect(await pool.balanceOf(alice.address), "alice's deposit").to.equal(DEPOSITS.alice);
  expect(await pool.balanceOf(bob.address), "bob's deposit").to.equal(DEPOSITS.bob);
  expect(await pool.balanceOf(carol.address), "carol's deposit").to.equal(DEPOSITS.carol);
  expect(await token.allowance(address, attacker.address), "the pool's allowance").to.equal(0n);
}

describe("Scenario: flash-loan-truster", function () {
  describe("vulnerable side: NaiveTokenFlashPool", function () {
    let world: TrusterWorld;
    let played: PlayedWorld;

    before(async function () {
      world = (await networkHelpers.loadFixture(trusterWorldsFixture)).vulnerable;
    });

    it("initial state: the pool holds the depositors' 100,000 DAI and has approved nobody", async function () {
      await expectInitialState(world);
    });

    it("exploit: a 0 DAI loan makes the pool approve the attacker, who pulls the balance", async function () {
      played = await playWorld(flashLoanTruster, world);
      expect(played.result.revert, "the attack goes through").to.equal(null);
      expect(played.afterExploit.protocol, "the pool is empty after the attack").to.equal(0n);
    });

    it("success: the attacker ends 100,000 DAI up and the depositors 100,000 DAI down", async function () {
      expect(played.afterSettle.attacker - played.before.attacker, "attacker's profit").to.equal(
        POOL,
      );
      expect(played.result.victimsLoss, "depositors' loss").to.equal(POOL);
      expect(
        await world.pool.balanceOf(world.env.actors.alice.address),
        "alice's claim is unpaid",
      ).to.equal(DEPOSITS.alice);
    });
  });

  describe("hardened side: TokenFlashPool", function () {
    let world: TrusterWorld;
    let played: PlayedWorld;

    before(async function () {
      world = (await networkHelpers.loadFixture(trusterWorldsFixture)).hardened;
    });

    it("initial state: the pool holds the depositors' 100,000 DAI and has approved nobody", async function () {
      await expectInitialState(world);
    });

    it("exploit: the token has no onFlashLoan to call, so the attack reverts", async function () {
      played = await playWorld(flashLoanTruster, world);
      expect(played.result.revert, "the attack reverts").to.not.equal(null);
      expect(played.afterExploit.protocol, "the pool keeps its DAI").to.equal(POOL);
      expect(
        await world.token.allowance(await world.pool.getAddress(), world.attacker.address),
        "no allowance was given",
      ).to.equal(0n);
    });

    it("success: the attacker gains nothing and every depositor withdraws in full", async function () {
      expect(played.afterSettle.attacker - played.before.attacker, "attacker's profit").to.equal(
        0n,
      );
      expect(
        played.afterSettle.victims - played.before.victims,
        "the depositors get all of it back",
      ).to.equal(POOL);
      expect(played.result.victimsLoss, "depositors' loss").to.equal(0n);
    });
  });

  describeFrameworkPlay(flashLoanTruster);
});
