import { expect } from "chai";

import {
  flashLoanSideEntrance,
  type SideEntranceWorld,
} from "../../lib/scenarios/flash-loan-side-entrance.js";
import { ethers, loadFixture } from "../helpers/connection.js";
import { describeFrameworkPlay, describeSide, scenarioEnvFixture } from "../helpers/scenarios.js";

const ETHER = 10n ** 18n;
// The README's starting balances: Alice 400, Bob 350 and Carol 250 ETH in the pool.
const DEPOSITS = { alice: 400n * ETHER, bob: 350n * ETHER, carol: 250n * ETHER };
const POOL = 1_000n * ETHER;

/** Both sides on one chain: a NaiveEtherFlashPool and an EtherFlashPool with the same deposits. */
async function sideEntranceWorldsFixture() {
  const env = await loadFixture(scenarioEnvFixture);
  return {
    vulnerable: await flashLoanSideEntrance.setup(env, "vulnerable"),
    hardened: await flashLoanSideEntrance.setup(env, "hardened"),
  };
}

/** The starting balances both sides share. */
async function expectInitialState(world: SideEntranceWorld): Promise<void> {
  const { alice, bob, carol, attacker } = world.env.actors;
  const pool = world.pool;
  expect(await ethers.provider.getBalance(await pool.getAddress()), "the pool's ether").to.equal(
    POOL,
  );
  expect(await pool.totalDeposits(), "the pool's recorded deposits").to.equal(POOL);
  expect(await pool.balanceOf(alice.address), "alice's deposit").to.equal(DEPOSITS.alice);
  expect(await pool.balanceOf(bob.address), "bob's deposit").to.equal(DEPOSITS.bob);
  expect(await pool.balanceOf(carol.address), "carol's deposit").to.equal(DEPOSITS.carol);
  expect(await pool.balanceOf(attacker.address), "the attacker's deposit").to.equal(0n);
}

describe("Scenario: flash-loan-side-entrance", function () {
  describeSide("vulnerable side: NaiveEtherFlashPool", flashLoanSideEntrance, {
    setup: async () => (await loadFixture(sideEntranceWorldsFixture)).vulnerable,
    initialState: [
      "the pool holds the depositors' 1,000 ETH and owes the attacker nothing",
      expectInitialState,
    ],
    exploit: [
      "the attacker borrows the pool, deposits the loan back and withdraws it",
      async ({ revert, afterExploit }) => {
        expect(revert, "the attack goes through").to.equal(null);
        expect(afterExploit.protocol, "the pool is empty after the attack").to.equal(0n);
      },
    ],
    success: [
      "the attacker ends 1,000 ETH up and the depositors 1,000 ETH down",
      async ({ result, before, afterSettle }, world) => {
        expect(afterSettle.attacker - before.attacker, "attacker's profit").to.equal(POOL);
        expect(result.victimsLoss, "depositors' loss").to.equal(POOL);
        expect(await world.pool.totalDeposits(), "the depositors' unpaid claims").to.equal(POOL);
      },
    ],
  });

  describeSide("hardened side: EtherFlashPool", flashLoanSideEntrance, {
    setup: async () => (await loadFixture(sideEntranceWorldsFixture)).hardened,
    initialState: [
      "the pool holds the depositors' 1,000 ETH and owes the attacker nothing",
      expectInitialState,
    ],
    exploit: [
      "the loan's own deposit does not repay it, and the attack reverts",
      async ({ revert, afterExploit }) => {
        // Balance back at 1,000 ETH, but 1,000 ETH more is now owed to the borrower's deposit.
        expect(revert, "the attack reverts with the shortfall").to.equal(
          `FlashPoolNotRepaid(${2n * POOL}, ${POOL})`,
        );
        expect(afterExploit.protocol, "the pool keeps its ether").to.equal(POOL);
      },
    ],
    success: [
      "the attacker gains nothing and every depositor withdraws in full",
      async ({ result, before, afterSettle }, world) => {
        expect(afterSettle.attacker - before.attacker, "attacker's profit").to.equal(0n);
        expect(afterSettle.victims - before.victims, "the depositors get it all back").to.equal(
          POOL,
        );
        expect(result.victimsLoss, "depositors' loss").to.equal(0n);
        expect(await world.pool.totalDeposits(), "nothing left owed").to.equal(0n);
      },
    ],
  });

  describeFrameworkPlay(flashLoanSideEntrance);
});
