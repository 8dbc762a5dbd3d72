import { expect } from "chai";

import {
  FALSE_PRICES,
  INVENTORY,
  TRUE_PRICE,
  compromisedReporters as scenario,
  type ReportersWorld,
} from "../../lib/scenarios/compromised-reporters.js";
import { send } from "../../lib/scenarios/steps.js";
import type { Side } from "../../lib/scenarios/types.js";
import { loadFixture, networkHelpers } from "../helpers/connection.js";
import { describeFrameworkPlay, describeSide, scenarioEnvFixture } from "../helpers/scenarios.js";

const WAD = 10n ** 18n;
const USDC = 10n ** 6n;
const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;
const atTruePrice = (weth: bigint) => (weth * TRUE_PRICE * USDC) / (WAD * WAD);

// OracleSwap's price, by hand: the oracle value grossed up by the 0.3% fee, rounded up.
const usdcForWeth = (weth: bigint, price: bigint) =>
  ceilDiv(weth * price * USDC * 10_000n, WAD * WAD * 9_970n);
const wethForUsdc = (usdc: bigint, price: bigint) =>
  ceilDiv(usdc * WAD * WAD * 10_000n, price * USDC * 9_970n);

const [LOW, , HIGH] = FALSE_PRICES;
const BUY_COST = usdcForWeth(INVENTORY.weth, LOW);
const USDC_STOCK = INVENTORY.usdc + BUY_COST;
const WETH_SOLD = wethForUsdc(USDC_STOCK, HIGH);
const EXPECTED_PROFIT = USDC_STOCK - BUY_COST + atTruePrice(INVENTORY.weth - WETH_SOLD);
const INVENTORY_VALUE = INVENTORY.usdc + atTruePrice(INVENTORY.weth);

/** One side set up on the fresh sandbox. */
async function setup(side: Side): Promise<ReportersWorld> {
  return scenario.setup(await loadFixture(scenarioEnvFixture), side);
}

async function publishedPrice(world: ReportersWorld): Promise<bigint> {
  return (await world.oracle.getPrice(await world.weth.getAddress()))[0];
}

/** The starting state both sides share: WETH at the true price, carol's inventory in the swap. */
async function expectInitialState(world: ReportersWorld): Promise<void> {
  const swap = await world.swap.getAddress();
  expect(await publishedPrice(world), "published price").to.equal(TRUE_PRICE);
  expect(await world.oracle.quorum(), "quorum").to.equal(3n);
  expect(await world.usdc.balanceOf(swap), "the swap's USDC").to.equal(INVENTORY.usdc);
  expect(await world.weth.balanceOf(swap), "the swap's WETH").to.equal(INVENTORY.weth);
}

describe("Scenario: compromised-reporters", function () {
  describeSide("vulnerable side: a loose deviation bound", scenario, {
    setup: () => setup("vulnerable"),
    initialState: [
      "WETH is at the true price and $400,000 of inventory is in the swap",
      expectInitialState,
    ],
    exploit: [
      "two stolen keys report half the price, the attacker buys, then double, and sells",
      async ({ revert, before }, world) => {
        expect(revert, "the attack goes through").to.equal(null);
        expect(before.protocol, "inventory at the true price").to.equal(INVENTORY_VALUE);
        expect(await publishedPrice(world), "the oracle is left at the false high").to.equal(HIGH);
      },
    ],
    success: [
      "the market maker loses what the attacker gains, about $249k of $400k",
      async ({ result }) => {
        expect(result.attackerProfit, "attacker's profit").to.equal(EXPECTED_PROFIT);
        // Carol is left with the WETH the attacker sold her and no USDC.
        expect(result.victimsLoss, "carol's loss").to.equal(
          INVENTORY_VALUE - atTruePrice(WETH_SOLD),
        );
        expect(EXPECTED_PROFIT, "about $249k of $400k").to.be.greaterThan(249_000n * USDC);
      },
    ],
  });

  describeSide("hardened side: a 10% deviation bound", scenario, {
    setup: () => setup("hardened"),
    initialState: [
      "WETH is at the true price and $400,000 of inventory is in the swap",
      expectInitialState,
    ],
    exploit: [
      "the first false report is outside the bound and reverts",
      async ({ revert }, world) => {
        expect(revert, "the oracle names the deviation").to.equal(
          `OracleDeviationTooLarge(${await world.weth.getAddress()}, ${LOW}, ${TRUE_PRICE}, 1000)`,
        );
        expect(await publishedPrice(world), "published price").to.equal(TRUE_PRICE);
      },
    ],
    success: [
      "the attacker gains nothing and the market maker is whole",
      async ({ result, before, afterSettle }) => {
        expect(afterSettle.attacker, "attacker").to.equal(before.attacker);
        expect(result.victimsLoss, "carol's loss").to.equal(0n);
      },
    ],
  });

  describe("the stolen keys' reach", function () {
    it("lets two stolen keys outvote the honest reporter when the deviation bound is loose", async function () {
      const world = await setup("vulnerable");
      const weth = await world.weth.getAddress();
      await send(world.oracle.connect(world.stolenKeys[0]).submit(weth, LOW));
      expect(await publishedPrice(world), "one stolen key moves nothing").to.equal(TRUE_PRICE);
      await send(world.oracle.connect(world.stolenKeys[1]).submit(weth, LOW));
      expect(await publishedPrice(world), "two of three set the median").to.equal(LOW);
    });

    it("still lets the stolen keys move the price 10% in a window: the bound slows them, it does not stop them", async function () {
      const world = await setup("hardened");
      const weth = await world.weth.getAddress();
      const step = (TRUE_PRICE * 9n) / 10n;
      for (let i = 0; i < 5; i++) {
        for (const key of world.stolenKeys)
          await send(world.oracle.connect(key).submit(weth, step));
      }
      expect(await publishedPrice(world), "one step down, however many reports").to.equal(step);
      const next = (step * 9n) / 10n;
      await expect(world.oracle.connect(world.stolenKeys[0]).submit(weth, next))
        .to.be.revertedWithCustomError(world.oracle, "OracleDeviationTooLarge")
        .withArgs(weth, next, TRUE_PRICE, 1_000n);
      // A window later the next step is inside the bound of the new reference, but the honest
      // reporter's true price is not: without its fresh report the quorum of three publishes nothing.
      await networkHelpers.time.increase(3_600n);
      for (const key of world.stolenKeys) await send(world.oracle.connect(key).submit(weth, next));
      expect(await publishedPrice(world), "no quorum without the honest report").to.equal(step);
      await expect(world.oracle.connect(world.env.actors.deployer).submit(weth, TRUE_PRICE))
        .to.be.revertedWithCustomError(world.oracle, "OracleDeviationTooLarge")
        .withArgs(weth, TRUE_PRICE, step, 1_000n);
    });
  });

  describeFrameworkPlay(scenario);
});
