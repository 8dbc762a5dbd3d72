import { expect } from "chai";

import { AMM_SEED } from "../../ignition/modules/Amm.js";
import { playSide } from "../../lib/scenarios/run.js";
import {
  FRONT_RUN_WETH,
  TIPS,
  VICTIM_WETH_IN,
  sandwich,
  type SandwichWorld,
} from "../../lib/scenarios/sandwich.js";
import { ethers, networkHelpers } from "../helpers/connection.js";
import { scenarioEnvFixture } from "../helpers/scenarios.js";
import { v2AmountOut } from "../helpers/closed-form.js";

const ONE = 10n ** 18n;
const W = AMM_SEED.wethDai.weth; // 100 WETH
const D = AMM_SEED.wethDai.dai; // 200,000 DAI

// Uniswap V2's input for an exact output after the 0.3% fee: in = rIn·out·1000 / ((rOut − out)·997) + 1.
const amountIn = (out: bigint, rIn: bigint, rOut: bigint) =>
  (rIn * out * 1000n) / ((rOut - out) * 997n) + 1n;

const QUOTE = v2AmountOut(VICTIM_WETH_IN, W, D);
const MINIMUM = (QUOTE * 9_950n) / 10_000n;

/** Plays one side from the fresh sandbox with the given exploit; returns the balances and the victim's fate. */
async function play(side: "vulnerable" | "hardened", exploit = sandwich.exploit) {
  const env = await networkHelpers.loadFixture(scenarioEnvFixture);
  const world = await sandwich.setup(env, side);
  const start = await ethers.provider.getBlockNumber();
  const before = await sandwich.measure(world, start);
  const pendingBefore = await ethers.provider.getTransactionReceipt(world.pendingVictimSwap.hash);
  await exploit(world);
  await sandwich.afterExploit?.(world);
  const after = await sandwich.measure(world, start);
  const receipt = await ethers.provider.getTransactionReceipt(world.pendingVictimSwap.hash);
  return { world, before, after, pendingBefore, victimSwapOk: receipt?.status === 1 };
}

describe("Scenario: sandwich", function () {
  afterEach(async function () {
    // A failed test must not leave the shared chain without automine.
    await ethers.provider.send("evm_setAutomine", [true]);
  });

  it("quotes the victim the constant-product output and leaves the swap pending", async function () {
    const env = await networkHelpers.loadFixture(scenarioEnvFixture);
    const world = await sandwich.setup(env, "hardened");
    expect(world.quote, "quote").to.equal(QUOTE);
    expect(world.pendingVictimSwap.amountOutMin, "0.5% below the quote").to.equal(MINIMUM);
    expect(
      await ethers.provider.getTransactionReceipt(world.pendingVictimSwap.hash),
      "pending",
    ).to.equal(null);
    await sandwich.afterExploit?.(world);
    expect(
      await sandwich.measure(world, 0).then((h) => h.protocol),
      "pool's DAI after the plain swap",
    ).to.equal(D - QUOTE);
  });

  it("takes a measured amount from a victim with no minimum output", async function () {
    const { before, after, pendingBefore, victimSwapOk } = await play("vulnerable");
    const front = v2AmountOut(FRONT_RUN_WETH, W, D);
    const victimGets = v2AmountOut(VICTIM_WETH_IN, W + FRONT_RUN_WETH, D - front);
    const backCost = amountIn(
      FRONT_RUN_WETH,
      D - front - victimGets,
      W + FRONT_RUN_WETH + VICTIM_WETH_IN,
    );
    expect(pendingBefore, "the victim's swap waited for the block").to.equal(null);
    expect(victimSwapOk, "the victim's swap went through").to.equal(true);
    expect(before.victims - after.victims, "victim's loss against the quote").to.equal(
      QUOTE - victimGets,
    );
    expect(after.attacker - before.attacker, "attacker's profit").to.equal(front - backCost);
    expect(front - backCost, "the sandwich pays").to.be.greaterThan(5_000n * ONE);
  });

  it("reverts the victim's swap when the front-run pushes it below the minimum, at the attacker's cost", async function () {
    const { before, after, victimSwapOk } = await play("hardened");
    const front = v2AmountOut(FRONT_RUN_WETH, W, D);
    const backCost = amountIn(FRONT_RUN_WETH, D - front, W + FRONT_RUN_WETH);
    expect(victimSwapOk, "the victim's swap reverted").to.equal(false);
    expect(before.victims - after.victims, "victim's loss").to.equal(0n);
    expect(after.attacker - before.attacker, "attacker pays both fees").to.equal(front - backCost);
    expect(front - backCost).to.be.lessThan(0n);
    expect(front - backCost, "about 200 DAI: 0.3% on the way in and out").to.be.within(
      -201n * ONE,
      -200n * ONE,
    );
  });

  it("still lets a sandwich sized to the minimum take up to the tolerance: the limit of a limit", async function () {
    // The largest front-run that keeps the victim at or above the minimum, by bisection.
    let lo = 0n;
    let hi = FRONT_RUN_WETH;
    while (lo < hi) {
      const mid = (lo + hi + 1n) / 2n;
      const victimGets = v2AmountOut(VICTIM_WETH_IN, W + mid, D - v2AmountOut(mid, W, D));
      if (victimGets >= MINIMUM) lo = mid;
      else hi = mid - 1n;
    }
    const size = lo;
    const sized = async (world: SandwichWorld) => {
      const { attacker, router, weth, dai, pendingVictimSwap } = world;
      const [wethAddress, daiAddress] = pendingVictimSwap.path;
      const routerAddress = await router.getAddress();
      const fees = (tip: bigint) => ({
        gasLimit: 400_000n,
        maxFeePerGas: 100n * 10n ** 9n,
        maxPriorityFeePerGas: tip,
      });
      const deadline = 2n ** 40n;
      await weth.connect(attacker).approve(routerAddress, size, fees(TIPS.front));
      await dai.connect(attacker).approve(routerAddress, ethers.MaxUint256, fees(TIPS.front));
      await router
        .connect(attacker)
        .swapExactTokensForTokens(
          size,
          0n,
          [wethAddress, daiAddress],
          attacker.address,
          deadline,
          fees(TIPS.front),
        );
      await router
        .connect(attacker)
        .swapTokensForExactTokens(
          size,
          ethers.MaxUint256,
          [daiAddress, wethAddress],
          attacker.address,
          deadline,
          fees(TIPS.back),
        );
    };
    const { before, after, victimSwapOk } = await play("hardened", sized);
    const front = v2AmountOut(size, W, D);
    const victimGets = v2AmountOut(VICTIM_WETH_IN, W + size, D - front);
    const backCost = amountIn(size, D - front - victimGets, W + size + VICTIM_WETH_IN);
    expect(victimSwapOk, "the victim's swap went through").to.equal(true);
    expect(before.victims - after.victims, "victim's loss").to.equal(QUOTE - victimGets);
    expect(QUOTE - victimGets, "at most the tolerance").to.be.lessThanOrEqual(QUOTE - MINIMUM);
    expect(after.attacker - before.attacker, "attacker's profit").to.equal(front - backCost);
    expect(front - backCost, "and it still pays").to.be.greaterThan(0n);
  });

  it("passes every check on both sides when played through the framework", async function () {
    const env = await networkHelpers.loadFixture(scenarioEnvFixture);
    for (const side of ["vulnerable", "hardened"] as const) {
      const result = await playSide(sandwich, env, side);
      const failed = result.checks.filter((c) => !c.ok).map((c) => c.message);
      expect(failed, side).to.deep.equal([]);
    }
  });
});
