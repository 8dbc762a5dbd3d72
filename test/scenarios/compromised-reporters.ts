import { expect } from "chai";

import {
  FALSE_PRICES,
  INVENTORY,
  TRUE_PRICE,
  compromisedReporters as scenario,
  type ReportersWorld,
} from "../../lib/scenarios/compromised-reporters.js";
import { playSide } from "../../lib/scenarios/run.js";
import { send } from "../../lib/scenarios/steps.js";
import { ethers, networkHelpers } from "../helpers/connection.js";
import { scenarioEnvFixture } from "../helpers/scenarios.js";

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

async function setup(side: "vulnerable" | "hardened") {
  const env = await networkHelpers.loadFixture(scenarioEnvFixture);
  const world = await scenario.setup(env, side);
  const start = await ethers.provider.getBlockNumber();
  return { world, start, before: await scenario.measure(world, start) };
}

async function publishedPrice(world: ReportersWorld): Promise<bigint> {
  return (await world.oracle.getPrice(await world.weth.getAddress()))[0];
}

describe("Scenario: compromised-reporters", function () {
  it("starts with WETH at the true price and $400,000 of inventory in the swap", async function () {
    const { world, before } = await setup("vulnerable");
    expect(await publishedPrice(world), "published price").to.equal(TRUE_PRICE);
    expect(before.protocol, "inventory at the true price").to.equal(INVENTORY_VALUE);
    expect(await world.oracle.quorum(), "quorum").to.equal(3n);
  });

  it("lets two stolen keys outvote the honest reporter when the deviation bound is loose", async function () {
    const { world } = await setup("vulnerable");
    const weth = await world.weth.getAddress();
    await send(world.oracle.connect(world.stolenKeys[0]).submit(weth, LOW));
    expect(await publishedPrice(world), "one stolen key moves nothing").to.equal(TRUE_PRICE);
    await send(world.oracle.connect(world.stolenKeys[1]).submit(weth, LOW));
    expect(await publishedPrice(world), "two of three set the median").to.equal(LOW);
  });

  it("buys the WETH at half price and sells it at double: the market maker loses what the attacker gains", async function () {
    const { world, start, before } = await setup("vulnerable");
    await scenario.exploit(world);
    await scenario.settle(world);
    const after = await scenario.measure(world, start);
    expect(after.attacker - before.attacker, "attacker's profit").to.equal(EXPECTED_PROFIT);
    // Carol is left with the WETH the attacker sold her and no USDC.
    expect(before.victims + INVENTORY_VALUE - after.victims, "carol's loss").to.equal(
      INVENTORY_VALUE - atTruePrice(WETH_SOLD),
    );
    expect(EXPECTED_PROFIT, "about $249k of $400k").to.be.greaterThan(249_000n * USDC);
    expect(await publishedPrice(world), "the oracle is left at the false high").to.equal(HIGH);
  });

  it("reverts the first false report on the hardened oracle and leaves the market maker whole", async function () {
    const { world, start, before } = await setup("hardened");
    await expect(scenario.exploit(world))
      .to.be.revertedWithCustomError(world.oracle, "OracleDeviationTooLarge")
      .withArgs(await world.weth.getAddress(), LOW, TRUE_PRICE, 1_000n);
    await scenario.settle(world);
    const after = await scenario.measure(world, start);
    expect(after.attacker, "attacker").to.equal(before.attacker);
    expect(before.victims + INVENTORY_VALUE - after.victims, "carol's loss").to.equal(0n);
  });

  it("still lets the stolen keys move the price 10% in a window: the bound slows them, it does not stop them", async function () {
    const { world } = await setup("hardened");
    const weth = await world.weth.getAddress();
    const step = (TRUE_PRICE * 9n) / 10n;
    for (let i = 0; i < 5; i++) {
      for (const key of world.stolenKeys) await send(world.oracle.connect(key).submit(weth, step));
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

  it("passes every check on both sides when played through the framework", async function () {
    const env = await networkHelpers.loadFixture(scenarioEnvFixture);
    for (const side of ["vulnerable", "hardened"] as const) {
      const result = await playSide(scenario, env, side);
      const failed = result.checks.filter((c) => !c.ok).map((c) => c.message);
      expect(failed, side).to.deep.equal([]);
    }
  });
});
