import { expect } from "chai";

import { FLASH_FEE_BPS } from "../../ignition/modules/Lending.js";
import {
  ATTACKER_COLLATERAL,
  FLASH_LOAN,
  LENDER_DEPOSITS,
  THIN_POOL,
  lendingOracleManipulation as scenario,
} from "../../lib/scenarios/lending-oracle-manipulation.js";
import { playSide } from "../../lib/scenarios/run.js";
import { ethers, networkHelpers } from "../helpers/connection.js";
import { scenarioEnvFixture } from "../helpers/scenarios.js";
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

async function setup(side: "vulnerable" | "hardened") {
  const env = await networkHelpers.loadFixture(scenarioEnvFixture);
  const world = await scenario.setup(env, side);
  const start = await ethers.provider.getBlockNumber();
  return { world, start, before: await scenario.measure(world, start) };
}

describe("Scenario: lending-oracle-manipulation", function () {
  it("starts with the lenders' cash in the market and THIN at $1 in the pool", async function () {
    const { world, before } = await setup("vulnerable");
    expect(before.protocol, "market's cash").to.equal(CASH);
    const [r0, r1] = await world.pair.getReserves();
    expect([r0, r1].sort(), "pool reserves").to.deep.equal([THIN_POOL.thin, THIN_POOL.usdc].sort());
    const limit = await world.market.borrowCapacity(world.attacker.address);
    expect(limit, "the attacker has supplied nothing yet").to.equal(0n);
  });

  it("lets the attacker borrow all the cash against $5,000 of collateral on the spot oracle", async function () {
    const { world, start, before } = await setup("vulnerable");
    await scenario.exploit(world);
    const afterExploit = await scenario.measure(world, start);
    expect(await world.usdc.balanceOf(await world.market.getAddress()), "market's cash").to.equal(
      0n,
    );
    expect(afterExploit.attacker - before.attacker, "attacker's profit").to.equal(EXPECTED_PROFIT);
    expect(EXPECTED_PROFIT, "about $295k for $5k of collateral").to.be.greaterThan(290_000n * USDC);
    await scenario.settle(world);
    const after = await scenario.measure(world, start);
    expect(before.victims + CASH - after.victims, "the lenders lose every deposit").to.equal(CASH);
    expect(
      await world.market.supplyBalanceOf(world.tracked.victims[0], await world.usdc.getAddress()),
      "alice's claim is still on the books, with nothing behind it",
    ).to.equal(LENDER_DEPOSITS.alice);
  });

  it("reverts the borrow on the TWAP oracle, whose price the flash loan does not move", async function () {
    const { world, start, before } = await setup("hardened");
    const attempt = scenario.exploit(world);
    // The limit is the collateral at the window's average, $1 per THIN, times 75%.
    await expect(attempt).to.be.revertedWithCustomError(world.market, "LendingBorrowAboveCapacity");
    await scenario.settle(world);
    const after = await scenario.measure(world, start);
    expect(after.attacker, "the attacker keeps its collateral, gains nothing").to.equal(
      before.attacker,
    );
    expect(before.victims + CASH - after.victims, "the lenders withdraw everything").to.equal(0n);
    expect(after.protocol, "the market is empty after they left").to.equal(0n);
  });

  it("prices THIN at the window's average, $1, on the TWAP oracle", async function () {
    const { world } = await setup("hardened");
    const oracle = await ethers.getContractAt("TwapPriceOracle", await world.market.oracle());
    const [price] = await oracle.getPrice(await world.thin.getAddress());
    // 10,000 USDC over 10,000 THIN, rounded down through UQ112x112.
    expect(price).to.be.within(999_998n * 10n ** 12n, THIN);
  });

  it("passes every check on both sides when played through the framework", async function () {
    const env = await networkHelpers.loadFixture(scenarioEnvFixture);
    for (const side of ["vulnerable", "hardened"] as const) {
      const result = await playSide(scenario, env, side);
      const failed = result.checks.filter((c) => !c.ok).map((c) => c.message);
      expect(failed, side).to.deep.equal([]);
    }
  });
});
