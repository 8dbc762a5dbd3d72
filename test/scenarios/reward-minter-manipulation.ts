import { expect } from "chai";

import { FLASH_FEE_BPS } from "../../ignition/modules/Lending.js";
import {
  FEE_PAID,
  FEE_POOL,
  FLASH_LOAN,
  LP_DEPOSIT,
  MAX_MINT_PER_CALL,
  rewardMinterManipulation as scenario,
} from "../../lib/scenarios/reward-minter-manipulation.js";
import { playSide } from "../../lib/scenarios/run.js";
import { ethers, networkHelpers } from "../helpers/connection.js";
import { scenarioEnvFixture } from "../helpers/scenarios.js";
import { v2AmountOut } from "../helpers/closed-form.js";

const UNIT = 10n ** 18n;
const USDC = 10n ** 6n;

const BOUGHT = v2AmountOut(FLASH_LOAN, FEE_POOL.usdc, FEE_POOL.yld);
const YLD_LEFT = FEE_POOL.yld - BOUGHT;
const USDC_IN_POOL = FEE_POOL.usdc + FLASH_LOAN;
/** The spot minter's bonus: the fee at the pumped reserves, in USDC units, times 0.5 BNS per dollar. */
const FEE_VALUE = (FEE_PAID * USDC_IN_POOL) / YLD_LEFT;
const MINTED = (FEE_VALUE * UNIT * 5_000n) / (USDC * 10_000n);
const SOLD_BACK = v2AmountOut(BOUGHT - FEE_PAID, YLD_LEFT, USDC_IN_POOL);
const BONUS_POOL_BNS = 2n * LP_DEPOSIT.bns;
const BONUS_POOL_USDC = 2n * LP_DEPOSIT.usdc;
const DUMPED = v2AmountOut(MINTED, BONUS_POOL_BNS, BONUS_POOL_USDC);
const FLASH_FEE = (FLASH_LOAN * FLASH_FEE_BPS + 9_999n) / 10_000n;
const EXPECTED_PROFIT = SOLD_BACK + DUMPED - FLASH_LOAN - FLASH_FEE;

async function setup(side: "vulnerable" | "hardened") {
  const env = await networkHelpers.loadFixture(scenarioEnvFixture);
  const world = await scenario.setup(env, side);
  const start = await ethers.provider.getBlockNumber();
  return { world, start, before: await scenario.measure(world, start) };
}

describe("Scenario: reward-minter-manipulation", function () {
  it("mints 0.5 BNS per dollar of fee at the fair price on both minters", async function () {
    for (const side of ["vulnerable", "hardened"] as const) {
      const { world } = await setup(side);
      const payer = world.env.actors.carol;
      await (await world.yld.faucet(payer.address, 100n * UNIT)).wait();
      await (
        await world.yld.connect(payer).approve(await world.minter.getAddress(), 100n * UNIT)
      ).wait();
      const tx = world.minter.connect(payer).mintFor(100n * UNIT, payer.address);
      // 100 YLD at $1 is $100: 50 BNS (the TWAP rounds its average down by a hair).
      await expect(tx).to.emit(world.minter, "RewardMinted");
      const minted = await world.bonus.balanceOf(payer.address);
      expect(minted, side).to.be.within(50n * UNIT - 10n ** 12n, 50n * UNIT);
    }
  });

  it("mints a hundred times the normal bonus at a flash-pumped spot price and drains the LPs' USDC", async function () {
    const { world, start, before } = await setup("vulnerable");
    const supplyBefore = await world.bonus.totalSupply();
    await scenario.exploit(world);
    expect((await world.bonus.totalSupply()) - supplyBefore, "BNS minted").to.equal(MINTED);
    expect(MINTED, "≫ the normal 500 BNS").to.be.greaterThan(100n * 500n * UNIT - 200n * UNIT);
    await scenario.settle(world);
    const after = await scenario.measure(world, start);
    expect(after.attacker - before.attacker, "attacker's profit").to.equal(EXPECTED_PROFIT);
    // Both LPs take out everything but the pool's locked minimum liquidity: the dump's USDC is gone.
    const loss = before.victims + world.tracked.victimsClaims - after.victims;
    expect(loss, "the LPs' USDC loss").to.be.within(DUMPED, DUMPED + USDC / 1_000n);
  });

  it("reverts on the TWAP minter: the normal bonus does not pay for the round trip", async function () {
    const { world, start, before } = await setup("hardened");
    await expect(scenario.exploit(world)).to.be.revertedWithCustomError(
      world.usdc,
      "ERC20InsufficientBalance",
    );
    await scenario.settle(world);
    const after = await scenario.measure(world, start);
    expect(after.attacker, "attacker").to.equal(before.attacker);
    expect(before.victims + world.tracked.victimsClaims - after.victims, "the LPs' loss").to.equal(
      0n,
    );
  });

  it("caps the hardened minter at 1,000 BNS per call whatever the fee", async function () {
    const { world } = await setup("hardened");
    const payer = world.env.actors.carol;
    const fee = 5_000n * UNIT;
    await (await world.yld.faucet(payer.address, fee)).wait();
    await (await world.yld.connect(payer).approve(await world.minter.getAddress(), fee)).wait();
    await (await world.minter.connect(payer).mintFor(fee, payer.address)).wait();
    expect(await world.bonus.balanceOf(payer.address)).to.equal(MAX_MINT_PER_CALL);
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
