import { expect } from "chai";

import { AMM_SEED } from "../../ignition/modules/Amm.js";
import {
  FRONT_RUN_WETH,
  TIPS,
  VICTIM_WETH_IN,
  sandwich,
  type SandwichWorld,
} from "../../lib/scenarios/sandwich.js";
import type { Side } from "../../lib/scenarios/types.js";
import { ethers, loadFixture } from "../helpers/connection.js";
import { v2AmountIn, v2AmountOut } from "../helpers/closed-form.js";
import { describeFrameworkPlay, describeSide, scenarioEnvFixture } from "../helpers/scenarios.js";

const ONE = 10n ** 18n;
const W = AMM_SEED.wethDai.weth; // 100 WETH
const D = AMM_SEED.wethDai.dai; // 200,000 DAI

const QUOTE = v2AmountOut(VICTIM_WETH_IN, W, D);
const MINIMUM = (QUOTE * 9_950n) / 10_000n;

/** One side set up on the fresh sandbox, the victim's swap waiting for the block. */
async function setup(side: Side): Promise<SandwichWorld> {
  return sandwich.setup(await loadFixture(scenarioEnvFixture), side);
}

/** Whether the victim's swap went through in the block the attacker's trades shared. */
async function victimSwapOk(world: SandwichWorld): Promise<boolean> {
  const receipt = await ethers.provider.getTransactionReceipt(world.pendingVictimSwap.hash);
  return receipt?.status === 1;
}

/** The starting state: the victim quoted the constant-product output, its swap still pending. */
function expectInitialState(minimum: bigint) {
  return async (world: SandwichWorld): Promise<void> => {
    expect(world.quote, "quote").to.equal(QUOTE);
    expect(world.pendingVictimSwap.amountIn, "the victim's WETH in").to.equal(VICTIM_WETH_IN);
    expect(world.pendingVictimSwap.amountOutMin, "the victim's minimum output").to.equal(minimum);
    expect(
      await ethers.provider.getTransactionReceipt(world.pendingVictimSwap.hash),
      "the victim's swap waits for the block",
    ).to.equal(null);
  };
}

/** A front-run of `size` WETH, then buying exactly that WETH back after the victim's swap. */
function sandwichOf(size: bigint) {
  return async (world: SandwichWorld): Promise<void> => {
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
}

/** The largest front-run that keeps the victim at or above the minimum, by bisection. */
function largestSafeFrontRun(): bigint {
  let lo = 0n;
  let hi = FRONT_RUN_WETH;
  while (lo < hi) {
    const mid = (lo + hi + 1n) / 2n;
    const victimGets = v2AmountOut(VICTIM_WETH_IN, W + mid, D - v2AmountOut(mid, W, D));
    if (victimGets >= MINIMUM) lo = mid;
    else hi = mid - 1n;
  }
  return lo;
}

describe("Scenario: sandwich", function () {
  // The phases of a side run with automine off between them (the victim's swap waits in the
  // mempool); a failed phase must still not leave the shared chain without it.
  after(async function () {
    await ethers.provider.send("evm_setAutomine", [true]);
  });

  describeSide("vulnerable side: a swap with no minimum output", sandwich, {
    setup: () => setup("vulnerable"),
    initialState: [
      "the victim is quoted the pool's output and asks for no minimum",
      expectInitialState(0n),
    ],
    exploit: [
      "the attacker's buy lands before the victim's swap, its sale after, in one block",
      async ({ revert }, world) => {
        expect(revert, "the attacker's trades go through").to.equal(null);
        expect(await victimSwapOk(world), "the victim's swap went through").to.equal(true);
      },
    ],
    success: [
      "the victim gets less than the quote, and the attacker keeps the difference less the fees",
      async ({ result }) => {
        const front = v2AmountOut(FRONT_RUN_WETH, W, D);
        const victimGets = v2AmountOut(VICTIM_WETH_IN, W + FRONT_RUN_WETH, D - front);
        const backCost = v2AmountIn(
          FRONT_RUN_WETH,
          D - front - victimGets,
          W + FRONT_RUN_WETH + VICTIM_WETH_IN,
        );
        expect(result.victimsLoss, "victim's loss against the quote").to.equal(QUOTE - victimGets);
        expect(result.attackerProfit, "attacker's profit").to.equal(front - backCost);
        expect(front - backCost, "the sandwich pays").to.be.greaterThan(5_000n * ONE);
      },
    ],
  });

  describeSide("hardened side: a minimum output 0.5% below the quote", sandwich, {
    setup: () => setup("hardened"),
    initialState: [
      "the victim is quoted the pool's output and asks for 99.5% of it",
      expectInitialState(MINIMUM),
    ],
    exploit: [
      "the front-run pushes the victim's swap below its minimum, and it reverts",
      async (_exploited, world) => {
        expect(await victimSwapOk(world), "the victim's swap reverted").to.equal(false);
      },
    ],
    success: [
      "the victim loses nothing, and the attacker pays both fees, about 200 DAI",
      async ({ result }) => {
        const front = v2AmountOut(FRONT_RUN_WETH, W, D);
        const backCost = v2AmountIn(FRONT_RUN_WETH, D - front, W + FRONT_RUN_WETH);
        expect(result.victimsLoss, "victim's loss").to.equal(0n);
        expect(result.attackerProfit, "attacker pays both fees").to.equal(front - backCost);
        expect(front - backCost, "about 200 DAI: 0.3% on the way in and out").to.be.within(
          -201n * ONE,
          -200n * ONE,
        );
      },
    ],
  });

  describeSide("hardened side, a sandwich sized to the minimum: the limit of a limit", sandwich, {
    setup: () => setup("hardened"),
    attack: sandwichOf(largestSafeFrontRun()),
    initialState: ["the victim asks for 99.5% of the quote", expectInitialState(MINIMUM)],
    exploit: [
      "the largest front-run that keeps the victim at its minimum lets the swap through",
      async ({ revert }, world) => {
        expect(revert, "the attacker's trades go through").to.equal(null);
        expect(await victimSwapOk(world), "the victim's swap went through").to.equal(true);
      },
    ],
    success: [
      "the victim loses up to the tolerance, and the sandwich still pays",
      async ({ result }) => {
        const size = largestSafeFrontRun();
        const front = v2AmountOut(size, W, D);
        const victimGets = v2AmountOut(VICTIM_WETH_IN, W + size, D - front);
        const backCost = v2AmountIn(size, D - front - victimGets, W + size + VICTIM_WETH_IN);
        expect(result.victimsLoss, "victim's loss").to.equal(QUOTE - victimGets);
        expect(QUOTE - victimGets, "at most the tolerance").to.be.lessThanOrEqual(QUOTE - MINIMUM);
        expect(result.attackerProfit, "attacker's profit").to.equal(front - backCost);
        expect(front - backCost, "and it still pays").to.be.greaterThan(0n);
      },
    ],
  });

  describe("the victim's swap alone", function () {
    it("takes the quoted output from the untouched pool", async function () {
      const world = await setup("hardened");
      await sandwich.afterExploit?.(world);
      expect(await victimSwapOk(world), "the victim's swap went through").to.equal(true);
      expect(
        await sandwich.measure(world, 0).then((h) => h.protocol),
        "pool's DAI after the plain swap",
      ).to.equal(D - QUOTE);
    });
  });

  describeFrameworkPlay(sandwich);
});
