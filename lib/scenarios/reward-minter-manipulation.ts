import { TWAP_PERIOD } from "../../ignition/modules/Lending.js";
import {
  AmmPair__factory,
  BonusToken__factory,
  FlashLender__factory,
  IPerformanceFeeMinter__factory,
  MinterManipulationAttacker__factory,
  MockERC20__factory,
  SpotPerformanceFeeMinter__factory,
  TwapOracle__factory,
  TwapPerformanceFeeMinter__factory,
  type AmmPair,
  type BonusToken,
  type IPerformanceFeeMinter,
  type MockERC20,
} from "../../typechain-types/index.js";
import type { Sandbox } from "../chain/sandbox.js";
import { formatAmount } from "./format.js";
import { commonChecks } from "./run.js";
import { send } from "./steps.js";
import type { Holdings, Scenario, World } from "./types.js";

const UNIT = 10n ** 18n;
const USDC_UNIT = 10n ** 6n;

/** The fee token's thin pool: 10,000 YLD at $1. */
export const FEE_POOL = { yld: 10_000n * UNIT, usdc: 10_000n * USDC_UNIT } as const;
/** What alice and bob each put in the bonus token's pool: 25,000 BNS and 25,000 USDC ($1 per BNS). */
export const LP_DEPOSIT = { bns: 25_000n * UNIT, usdc: 25_000n * USDC_UNIT } as const;
/** The shipped exploit: a 90,000 USDC flash loan and a 1,000 YLD performance fee paid at the top. */
export const FLASH_LOAN = 90_000n * USDC_UNIT;
export const FEE_PAID = 1_000n * UNIT;
/** The hardened minter's cap per call: 1,000 BNS. */
export const MAX_MINT_PER_CALL = 1_000n * UNIT;

export interface MinterWorld extends World {
  minter: IPerformanceFeeMinter;
  usdc: MockERC20;
  yld: MockERC20;
  bonus: BonusToken;
  feePair: AmmPair;
  bonusPair: AmmPair;
  /** The liquidity providers of the bonus token's pool. */
  lps: string[];
}

/** Creates the pair of `a` and `b` on the sandbox's factory. */
async function createPair(sandbox: Sandbox, a: string, b: string): Promise<string> {
  await send(sandbox.factory.createPair(a, b));
  return sandbox.factory.getPair(a, b);
}

/**
 * A performance-fee minter values each fee at a pool's spot price: a flash loan pumps the fee
 * token's pool, a small fee mints a huge bonus, and the bonus is dumped on the bonus pool's LPs.
 */
export const rewardMinterManipulation: Scenario<MinterWorld> = {
  name: "reward-minter-manipulation",
  title: "Reward minter manipulation: a bonus priced at a pool's spot reserves",
  incident:
    "PancakeBunny, 2021-05-19: ~$45M; flash loans skewed the pools the minter priced fees from, ~7M BUNNY minted and dumped",
  fix: "fees valued at the core TwapOracle's 30-minute average, and at most 1,000 BNS per call",

  async setup(env, side) {
    const { actors, sandbox, networkHelpers, log } = env;
    const { deployer } = actors;
    const usdc = MockERC20__factory.connect(await sandbox.usdc.getAddress(), deployer);
    const usdcAddress = await usdc.getAddress();
    const yld = await new MockERC20__factory(deployer).deploy("Yield Token", "YLD", 18);
    await yld.waitForDeployment();
    const yldAddress = await yld.getAddress();
    const bonus = await new BonusToken__factory(deployer).deploy(
      deployer.address,
      deployer.address,
      2n * LP_DEPOSIT.bns,
    );
    await bonus.waitForDeployment();
    const bonusAddress = await bonus.getAddress();

    const feePair = AmmPair__factory.connect(
      await createPair(sandbox, yldAddress, usdcAddress),
      deployer,
    );
    const feePairAddress = await feePair.getAddress();
    await send(yld.faucet(feePairAddress, FEE_POOL.yld));
    await send(usdc.faucet(feePairAddress, FEE_POOL.usdc));
    await send(feePair.mint(deployer.address));
    log(
      `  the fee token's pool: ${formatAmount(FEE_POOL.yld, 18, "YLD")} / ${formatAmount(FEE_POOL.usdc, 6, "USDC")}`,
    );

    const bonusPair = AmmPair__factory.connect(
      await createPair(sandbox, bonusAddress, usdcAddress),
      deployer,
    );
    const bonusPairAddress = await bonusPair.getAddress();
    let claims = 0n;
    for (const lp of [actors.alice, actors.bob]) {
      await send(bonus.transfer(lp.address, LP_DEPOSIT.bns));
      await send(usdc.faucet(lp.address, LP_DEPOSIT.usdc));
      await send(bonus.connect(lp).transfer(bonusPairAddress, LP_DEPOSIT.bns));
      await send(usdc.connect(lp).transfer(bonusPairAddress, LP_DEPOSIT.usdc));
      await send(bonusPair.connect(lp).mint(lp.address));
    }
    // What each LP's tokens would take out of the pool's USDC now, as the pair's burn computes it.
    const pooledUsdc = await usdc.balanceOf(bonusPairAddress);
    const supply = await bonusPair.totalSupply();
    for (const lp of [actors.alice, actors.bob]) {
      claims += ((await bonusPair.balanceOf(lp.address)) * pooledUsdc) / supply;
    }
    log(
      `  alice and bob each provide ${formatAmount(LP_DEPOSIT.bns, 18, "BNS")} + ${formatAmount(LP_DEPOSIT.usdc, 6, "USDC")} to the bonus pool`,
    );

    let minterAddress: string;
    if (side === "vulnerable") {
      const minter = await new SpotPerformanceFeeMinter__factory(deployer).deploy(
        yldAddress,
        usdcAddress,
        bonusAddress,
        actors.treasury.address,
        feePairAddress,
      );
      await minter.waitForDeployment();
      minterAddress = await minter.getAddress();
    } else {
      const twap = await new TwapOracle__factory(deployer).deploy(feePairAddress, TWAP_PERIOD);
      await twap.waitForDeployment();
      await networkHelpers.time.increase(TWAP_PERIOD);
      await send(twap.update());
      const minter = await new TwapPerformanceFeeMinter__factory(deployer).deploy(
        yldAddress,
        usdcAddress,
        bonusAddress,
        actors.treasury.address,
        await twap.getAddress(),
        MAX_MINT_PER_CALL,
      );
      await minter.waitForDeployment();
      minterAddress = await minter.getAddress();
    }
    await send(bonus.transferOwnership(minterAddress));
    log(
      `  the ${side === "vulnerable" ? "SpotPerformanceFeeMinter" : "TwapPerformanceFeeMinter"} mints 0.5 BNS per dollar of fee`,
    );

    return {
      side,
      env,
      attacker: actors.attacker,
      contract: side === "vulnerable" ? "SpotPerformanceFeeMinter" : "TwapPerformanceFeeMinter",
      minter: IPerformanceFeeMinter__factory.connect(minterAddress, deployer),
      usdc,
      yld,
      bonus,
      feePair,
      bonusPair,
      lps: [actors.alice.address, actors.bob.address],
      tracked: {
        asset: { kind: "erc20", symbol: "USDC", decimals: 6, token: usdc },
        attacker: [actors.attacker.address],
        victims: [actors.alice.address, actors.bob.address],
        protocol: bonusPairAddress,
        victimsClaims: claims,
        // The capped bonus is a real reward: sold into the pool, it takes its price in USDC.
        dust: side === "vulnerable" ? 0n : MAX_MINT_PER_CALL / 10n ** 12n,
        dustReason: "an ordinary bonus of at most the cap, sold into their pool at about $1",
      },
      errorInterfaces: [
        IPerformanceFeeMinter__factory.createInterface(),
        FlashLender__factory.createInterface(),
        MinterManipulationAttacker__factory.createInterface(),
        TwapOracle__factory.createInterface(),
        feePair.interface,
      ],
    };
  },

  async exploit(world) {
    const { attacker, minter, usdc, yld, bonus, feePair, bonusPair, env } = world;
    const contract = await new MinterManipulationAttacker__factory(attacker).deploy(
      await env.sandbox.flashLender.getAddress(),
      await minter.getAddress(),
      await usdc.getAddress(),
      await yld.getAddress(),
      await bonus.getAddress(),
      await feePair.getAddress(),
      await bonusPair.getAddress(),
    );
    await contract.waitForDeployment();
    env.log(
      `  attacker flash-borrows ${formatAmount(FLASH_LOAN, 6, "USDC")}, buys YLD, pays a ${formatAmount(FEE_PAID, 18, "YLD")} fee, sells the rest and dumps the bonus`,
    );
    const before = await bonus.totalSupply();
    await send(contract.attack(FLASH_LOAN, FEE_PAID));
    env.log(`  the minter minted ${formatAmount((await bonus.totalSupply()) - before, 18, "BNS")}`);
  },

  async settle(world) {
    const { actors, log } = world.env;
    const pairAddress = await world.bonusPair.getAddress();
    for (const name of ["alice", "bob"] as const) {
      const lp = actors[name];
      const liquidity = await world.bonusPair.balanceOf(lp.address);
      await send(world.bonusPair.connect(lp).transfer(pairAddress, liquidity));
      await send(world.bonusPair.connect(lp).burn(lp.address));
    }
    log("  alice and bob withdraw their liquidity");
  },

  async measure(world): Promise<Holdings> {
    let victims = 0n;
    for (const lp of world.lps) victims += await world.usdc.balanceOf(lp);
    return {
      attacker: await world.usdc.balanceOf(world.attacker.address),
      victims,
      protocol: await world.usdc.balanceOf(world.tracked.protocol),
    };
  },

  check: commonChecks,
};
