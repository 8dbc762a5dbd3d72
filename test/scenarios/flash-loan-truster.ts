import { expect } from "chai";

import { flashLoanTruster, type TrusterWorld } from "../../lib/scenarios/flash-loan-truster.js";
import { loadFixture } from "../helpers/connection.js";
import { describeFrameworkPlay, describeSide, scenarioEnvFixture } from "../helpers/scenarios.js";

const DAI = 10n ** 18n;
// The README's starting balances: Alice 40,000, Bob 35,000 and Carol 25,000 DAI in the pool.
const DEPOSITS = { alice: 40_000n * DAI, bob: 35_000n * DAI, carol: 25_000n * DAI };
const POOL = 100_000n * DAI;

/** Both sides on one chain: a NaiveTokenFlashPool and a TokenFlashPool with the same deposits. */
async function trusterWorldsFixture() {
  const env = await loadFixture(scenarioEnvFixture);
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
  describeSide("vulnerable side: NaiveTokenFlashPool", flashLoanTruster, {
    setup: async () => (await loadFixture(trusterWorldsFixture)).vulnerable,
    initialState: [
      "the pool holds the depositors' 100,000 DAI and has approved nobody",
      expectInitialState,
    ],
    exploit: [
      "a 0 DAI loan makes the pool approve the attacker, who pulls the balance",
      async ({ revert, afterExploit }) => {
        expect(revert, "the attack goes through").to.equal(null);
        expect(afterExploit.protocol, "the pool is empty after the attack").to.equal(0n);
      },
    ],
    success: [
      "the attacker ends 100,000 DAI up and the depositors 100,000 DAI down",
      async ({ result, before, afterSettle }, world) => {
        expect(afterSettle.attacker - before.attacker, "attacker's profit").to.equal(POOL);
        expect(result.victimsLoss, "depositors' loss").to.equal(POOL);
        expect(
          await world.pool.balanceOf(world.env.actors.alice.address),
          "alice's claim is unpaid",
        ).to.equal(DEPOSITS.alice);
      },
    ],
  });

  describeSide("hardened side: TokenFlashPool", flashLoanTruster, {
    setup: async () => (await loadFixture(trusterWorldsFixture)).hardened,
    initialState: [
      "the pool holds the depositors' 100,000 DAI and has approved nobody",
      expectInitialState,
    ],
    exploit: [
      "the token has no onFlashLoan to call, so the attack reverts",
      async ({ revert, afterExploit }, world) => {
        expect(revert, "the attack reverts").to.not.equal(null);
        expect(afterExploit.protocol, "the pool keeps its DAI").to.equal(POOL);
        expect(
          await world.token.allowance(await world.pool.getAddress(), world.attacker.address),
          "no allowance was given",
        ).to.equal(0n);
      },
    ],
    success: [
      "the attacker gains nothing and every depositor withdraws in full",
      async ({ result, before, afterSettle }) => {
        expect(afterSettle.attacker - before.attacker, "attacker's profit").to.equal(0n);
        expect(afterSettle.victims - before.victims, "the depositors get it all back").to.equal(
          POOL,
        );
        expect(result.victimsLoss, "depositors' loss").to.equal(0n);
      },
    ],
  });

  describeFrameworkPlay(flashLoanTruster);
});
