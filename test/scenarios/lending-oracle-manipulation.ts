import { expect } from "chai";

import { FLASH_FEE_BPS } from "../../ignition/modules/Lending.js";
import {
  ATTACKER_COLLATERAL,
  FLASH_LOAN,
  LENDER_DEPOSITS,
  THIN_POOL,
  lendingOracleManipulation as scenario,
  type LendingOracleWorld,
} from "../../lib/scenarios/lending-oracle-manipulation.js";
import type { Side } from "../../lib/scenarios/types.js";
import { ethers, loadFixture } from "../helpers/connection.js";
import { describeFrameworkPlay, describeSide, scenarioEnvFixture } from "../helpers/scenarios.js";
import { v2AmountOut } from "../helpers/closed-form.js";

const USDC = 10n ** 6n;
const THIN = 10n ** 18n;

const CASH = LENDER_DEPOSITS.alice + LENDER_DEPOSITS.bob + LENDER_DEPOSITS.carol;
const BOUGHT = v2AmountOut(FLASH_LOAN, THIN_POOL.usdc, THIN_POOL.thin);
const SOLD_BACK = v2AmountOut(BOUGHT, THIN_POOL.thin - BOUGHT, THIN_POOL.usdc + FLASH_LOAN);
const FLASH_FEE = (FLASH_LOAN * FLASH_FEE_BPS + 9_999n) / 10_000n;
/** The attacker keeps the borrowed cash and the pool's change, pays the loan's fee, leaves the collateral. */
const EXPECTED_PROFIT =
  CASH + SOLD_BACK - FLASH_LOAN - FLASH_FEE - ATTACKER_COLLATERAL / 10n ** 12n;

/** One side set up on the fresh sandbox. */
async function setup(side: Side): Promise<LendingOracleWorld> {
  return scenario.setup(await loadFixture(scenarioEnvFixture), side);
}

/** The starting balances both sides share. */
async function expectInitialState(world: LendingOracleWorld): Promise<void> {
  expect(
    await world.usdc.balanceOf(await world.market.getAddress()),
    "the lenders' cash in the market",
  ).to.equal(CASH);
  const [r0, r1] = await world.pair.getReserves();
  expect([r0, r1].sort(), "the thin pool's reserves: THIN at $1").to.deep.equal(
    [THIN_POOL.thin, THIN_POOL.usdc].sort(),
  );
  expect(
    await world.market.borrowCapacity(world.attacker.address),
    "the attacker has supplied nothing yet",
  ).to.equal(0n);
}

describe("Scenario: lending-oracle-manipulation", function () {
  describeSide("vulnerable side: the market on the spot oracle", scenario, {
    setup: () => setup("vulnerable"),
    initialState: [
      "the lenders' cash is in the market and THIN is at $1 in the pool",
      expectInitialState,
    ],
    exploit: [
      "a flash loan pumps THIN, and $5,000 of collateral borrows all the cash",
      async ({ revert, before, afterExploit }) => {
        expect(revert, "the attack goes through").to.equal(null);
        // What is left in the market is the attacker's collateral, worth $1 a THIN.
        expect(afterExploit.protocol, "the market holds only the collateral").to.equal(
          ATTACKER_COLLATERAL / 10n ** 12n,
        );
        expect(afterExploit.attacker - before.attacker, "attacker's profit").to.equal(
          EXPECTED_PROFIT,
        );
      },
    ],
    success: [
      "the attacker keeps about $295k and the lenders lose every deposit",
      async ({ result, before, afterSettle }, world) => {
        expect(afterSettle.attacker - before.attacker, "attacker's profit").to.equal(
          EXPECTED_PROFIT,
        );
        expect(EXPECTED_PROFIT, "about $295k for $5k of collateral").to.be.greaterThan(
          290_000n * USDC,
        );
        expect(result.victimsLoss, "the lenders lose every deposit").to.equal(CASH);
        expect(
          await world.market.supplyBalanceOf(
            world.tracked.victims[0],
            await world.usdc.getAddress(),
          ),
          "alice's claim is still on the books, with nothing behind it",
        ).to.equal(LENDER_DEPOSITS.alice);
      },
    ],
  });

  describeSide("hardened side: the market on the TWAP oracle", scenario, {
    setup: () => setup("hardened"),
    initialState: [
      "the lenders' cash is in the market and THIN is at $1 in the pool",
      expectInitialState,
    ],
    exploit: [
      "the flash loan does not move the window's average, so the borrow reverts",
      async ({ revert, afterExploit }) => {
        // The limit is the collateral at the window's average, $1 per THIN, times 75%.
        expect(revert, "the borrow is above capacity").to.match(/^LendingBorrowAboveCapacity\(/);
        expect(afterExploit.protocol, "the market keeps its cash").to.equal(CASH);
      },
    ],
    success: [
      "the attacker keeps its collateral and gains nothing; the lenders withdraw everything",
      async ({ result, before, afterSettle }) => {
        expect(afterSettle.attacker, "the attacker's holdings").to.equal(before.attacker);
        expect(result.victimsLoss, "the lenders' loss").to.equal(0n);
        expect(afterSettle.protocol, "the market is empty after they left").to.equal(0n);
      },
    ],
  });

  describe("the hardened oracle", function () {
    it("prices THIN at the window's average, $1", async function () {
      const world = await setup("hardened");
      const oracle = await ethers.getContractAt("TwapPriceOracle", await world.market.oracle());
      const [price] = await oracle.getPrice(await world.thin.getAddress());
      // 10,000 USDC over 10,000 THIN, rounded down through UQ112x112.
      expect(price, "THIN's price in USDC, 18 decimals").to.be.within(999_998n * 10n ** 12n, THIN);
    });
  });

  describeFrameworkPlay(scenario);
});
