import { expect } from "chai";

import { FLASH_FEE_BPS } from "../../ignition/modules/Lending.js";
import {
  FEE_PAID,
  FEE_POOL,
  FLASH_LOAN,
  LP_DEPOSIT,
  MAX_MINT_PER_CALL,
  rewardMinterManipulation as scenario,
  type MinterWorld,
} from "../../lib/scenarios/reward-minter-manipulation.js";
import { SIDES, type Side } from "../../lib/scenarios/types.js";
import { loadFixture } from "../helpers/connection.js";
import { describeFrameworkPlay, describeSide, scenarioEnvFixture } from "../helpers/scenarios.js";
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

/** One side set up on the fresh sandbox. */
async function setup(side: Side): Promise<MinterWorld> {
  return scenario.setup(await loadFixture(scenarioEnvFixture), side);
}

/** The starting balances both sides share: the LPs' USDC in the bonus pool, nothing minted. */
async function expectInitialState(world: MinterWorld): Promise<void> {
  expect(
    await world.usdc.balanceOf(world.tracked.protocol),
    "the bonus pool's USDC: both LPs' deposits",
  ).to.equal(BONUS_POOL_USDC);
  expect(
    await world.bonus.balanceOf(world.tracked.protocol),
    "the bonus pool's BNS: both LPs' deposits",
  ).to.equal(BONUS_POOL_BNS);
  expect(await world.bonus.balanceOf(world.attacker.address), "the attacker's BNS").to.equal(0n);
}

describe("Scenario: reward-minter-manipulation", function () {
  describeSide("vulnerable side: SpotPerformanceFeeMinter", scenario, {
    setup: () => setup("vulnerable"),
    initialState: ["the LPs' USDC and BNS are in the bonus pool", expectInitialState],
    exploit: [
      "a fee paid at a flash-pumped spot price mints a hundred times the normal bonus",
      async ({ revert }, world) => {
        expect(revert, "the attack goes through").to.equal(null);
        // Every BNS minted in the attack was dumped into the bonus pool.
        expect(
          await world.bonus.balanceOf(world.tracked.protocol),
          "BNS in the bonus pool",
        ).to.equal(BONUS_POOL_BNS + MINTED);
        expect(MINTED, "≫ the normal 500 BNS").to.be.greaterThan(100n * 500n * UNIT - 200n * UNIT);
      },
    ],
    success: [
      "the attacker's profit is the LPs' USDC the dump took",
      async ({ result, before, afterSettle }) => {
        expect(afterSettle.attacker - before.attacker, "attacker's profit").to.equal(
          EXPECTED_PROFIT,
        );
        // Both LPs take out everything but the pool's locked minimum liquidity: the dump's USDC is gone.
        expect(result.victimsLoss, "the LPs' USDC loss").to.be.within(
          DUMPED,
          DUMPED + USDC / 1_000n,
        );
      },
    ],
  });

  describeSide("hardened side: TwapPerformanceFeeMinter", scenario, {
    setup: () => setup("hardened"),
    initialState: ["the LPs' USDC and BNS are in the bonus pool", expectInitialState],
    exploit: [
      "the normal bonus does not pay for the round trip, so repaying the loan reverts",
      async ({ revert }, world) => {
        expect(revert, "the attacker cannot repay").to.match(/^ERC20InsufficientBalance\(/);
        expect(
          await world.bonus.balanceOf(world.tracked.protocol),
          "BNS in the bonus pool",
        ).to.equal(BONUS_POOL_BNS);
      },
    ],
    success: [
      "the attacker gains nothing and the LPs lose nothing",
      async ({ result, before, afterSettle }) => {
        expect(afterSettle.attacker, "attacker's holdings").to.equal(before.attacker);
        expect(result.victimsLoss, "the LPs' loss").to.equal(0n);
      },
    ],
  });

  describe("the minters at a fair price", function () {
    it("mints 0.5 BNS per dollar of fee on both minters", async function () {
      for (const side of SIDES) {
        const world = await setup(side);
        const payer = world.env.actors.carol;
        await (await world.yld.faucet(payer.address, 100n * UNIT)).wait();
        await (
          await world.yld.connect(payer).approve(await world.minter.getAddress(), 100n * UNIT)
        ).wait();
        const tx = world.minter.connect(payer).mintFor(100n * UNIT, payer.address);
        // 100 YLD at $1 is $100: 50 BNS (the TWAP rounds its average down by a hair).
        await expect(tx).to.emit(world.minter, "RewardMinted");
        const minted = await world.bonus.balanceOf(payer.address);
        expect(minted, `${side} side: BNS for $100 of fee`).to.be.within(
          50n * UNIT - 10n ** 12n,
          50n * UNIT,
        );
      }
    });

    it("caps the hardened minter at 1,000 BNS per call whatever the fee", async function () {
      const world = await setup("hardened");
      const payer = world.env.actors.carol;
      const fee = 5_000n * UNIT;
      await (await world.yld.faucet(payer.address, fee)).wait();
      await (await world.yld.connect(payer).approve(await world.minter.getAddress(), fee)).wait();
      await (await world.minter.connect(payer).mintFor(fee, payer.address)).wait();
      expect(await world.bonus.balanceOf(payer.address), "BNS minted").to.equal(MAX_MINT_PER_CALL);
    });
  });

  describeFrameworkPlay(scenario);
});
