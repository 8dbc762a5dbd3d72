import { STABLE_RISK, TWAP_PERIOD, WETH_RISK } from "../../ignition/modules/Lending.js";
import {
  AmmPair__factory,
  FlashLender__factory,
  LendingMarket__factory,
  MockERC20__factory,
  OracleManipulationAttacker__factory,
  SpotPriceOracle__factory,
  TwapOracle__factory,
  TwapPriceOracle__factory,
  type AmmPair,
  type LendingMarket,
  type MockERC20,
} from "../../typechain-types/index.js";
import { formatAmount } from "./format.js";
import { commonChecks } from "./run.js";
import { attempt, send } from "./steps.js";
import type { Holdings, Scenario, World } from "./types.js";

const THIN_UNIT = 10n ** 18n;
const USDC_UNIT = 10n ** 6n;

/** The thin THIN/USDC pool the market's spot oracle reads: 10,000 THIN at $1. */
export const THIN_POOL = { thin: 10_000n * THIN_UNIT, usdc: 10_000n * USDC_UNIT } as const;
/** What the lenders supply to the market: the cash at risk. */
export const LENDER_DEPOSITS = {
  alice: 100_000n * USDC_UNIT,
  bob: 100_000n * USDC_UNIT,
  carol: 100_000n * USDC_UNIT,
} as const;
/** The attacker's own collateral: 5,000 THIN, worth $5,000 at the pool's fair price. */
export const ATTACKER_COLLATERAL = 5_000n * THIN_UNIT;
/** What the shipped exploit flash-borrows from the core FlashLender to pump THIN. */
export const FLASH_LOAN = 90_000n * USDC_UNIT;
/** Oldest price the scenario's market accepts, in seconds. */
export const MARKET_MAX_PRICE_AGE = 3_600n;
/** THIN's risk parameters: WETH's, a volatile collateral. */
export const THIN_RISK = WETH_RISK;

/** USDC base units for `thin` base units at THIN's fair price, $1 (the pool's price before the attack). */
export function thinAtFairPrice(thin: bigint): bigint {
  return (thin * USDC_UNIT) / THIN_UNIT;
}

export interface LendingOracleWorld extends World {
  market: LendingMarket;
  pair: AmmPair;
  thin: MockERC20;
  usdc: MockERC20;
}

/** USDC plus THIN at its fair price, so that only real gains and losses show. */
async function valueAtFairPrice(world: LendingOracleWorld, account: string): Promise<bigint> {
  return (
    (await world.usdc.balanceOf(account)) + thinAtFairPrice(await world.thin.balanceOf(account))
  );
}

/**
 * A lending market prices its collateral at a thin pool's spot price; a flash loan pumps the pool
 * and the attacker borrows all the cash against collateral worth a fraction of it.
 */
export const lendingOracleManipulation: Scenario<LendingOracleWorld> = {
  name: "lending-oracle-manipulation",
  title: "Lending oracle manipulation: collateral priced at a thin pool's spot price",
  incident:
    "bZx, 2020-02-15/18: ~$0.95M; flash loans pumped thin Uniswap/Kyber pools the protocol read as its price",
  fix: "the core TwapPriceOracle (30-minute TWAP) instead of SpotPriceOracle",

  async setup(env, side) {
    const { actors, sandbox, networkHelpers, log } = env;
    const { deployer } = actors;
    const usdc = MockERC20__factory.connect(await sandbox.usdc.getAddress(), deployer);
    const thin = await new MockERC20__factory(deployer).deploy("Thin Collateral", "THIN", 18);
    await thin.waitForDeployment();
    const thinAddress = await thin.getAddress();
    const usdcAddress = await usdc.getAddress();

    // The thin pool, seeded by the deployer at $1 per THIN.
    await send(sandbox.factory.createPair(thinAddress, usdcAddress));
    const pair = AmmPair__factory.connect(
      await sandbox.factory.getPair(thinAddress, usdcAddress),
      deployer,
    );
    const pairAddress = await pair.getAddress();
    await send(thin.faucet(pairAddress, THIN_POOL.thin));
    await send(usdc.faucet(pairAddress, THIN_POOL.usdc));
    await send(pair.mint(deployer.address));
    log(
      `  a thin pool: ${formatAmount(THIN_POOL.thin, 18, "THIN")} / ${formatAmount(THIN_POOL.usdc, 6, "USDC")}`,
    );

    // The price source: the pool's spot reserves, or its 30-minute TWAP.
    let oracleAddress: string;
    if (side === "vulnerable") {
      const spot = await new SpotPriceOracle__factory(deployer).deploy(
        deployer.address,
        usdcAddress,
      );
      await spot.waitForDeployment();
      await send(spot.setPair(thinAddress, pairAddress));
      oracleAddress = await spot.getAddress();
    } else {
      const twap = await new TwapOracle__factory(deployer).deploy(pairAddress, TWAP_PERIOD);
      await twap.waitForDeployment();
      const oracle = await new TwapPriceOracle__factory(deployer).deploy(
        deployer.address,
        usdcAddress,
      );
      await oracle.waitForDeployment();
      await send(oracle.setTwap(thinAddress, await twap.getAddress()));
      await networkHelpers.time.increase(TWAP_PERIOD);
      await send(twap.update());
      oracleAddress = await oracle.getAddress();
      log(`  the TWAP's first ${TWAP_PERIOD}-second window closes at $1 per THIN`);
    }

    const market = await new LendingMarket__factory(deployer).deploy(
      deployer.address,
      oracleAddress,
      MARKET_MAX_PRICE_AGE,
    );
    await market.waitForDeployment();
    const marketAddress = await market.getAddress();
    await send(
      market.listAsset(usdcAddress, await sandbox.rateModelStable.getAddress(), STABLE_RISK),
    );
    await send(
      market.listAsset(thinAddress, await sandbox.rateModelVolatile.getAddress(), THIN_RISK),
    );
    log(
      `  a LendingMarket over USDC and THIN priced by ${side === "vulnerable" ? "SpotPriceOracle" : "TwapPriceOracle"}`,
    );

    let claims = 0n;
    for (const name of ["alice", "bob", "carol"] as const) {
      const amount = LENDER_DEPOSITS[name];
      await send(usdc.faucet(actors[name].address, amount));
      await send(usdc.connect(actors[name]).approve(marketAddress, amount));
      await send(market.connect(actors[name]).supply(usdcAddress, amount));
      claims += amount;
      log(`  ${name} supplies ${formatAmount(amount, 6, "USDC")}`);
    }
    await send(thin.faucet(actors.attacker.address, ATTACKER_COLLATERAL));
    log(
      `  the attacker holds ${formatAmount(ATTACKER_COLLATERAL, 18, "THIN")} (${formatAmount(thinAtFairPrice(ATTACKER_COLLATERAL), 6, "USDC")})`,
    );

    return {
      side,
      env,
      attacker: actors.attacker,
      contract:
        side === "vulnerable"
          ? "LendingMarket + SpotPriceOracle"
          : "LendingMarket + TwapPriceOracle",
      market,
      pair,
      thin,
      usdc,
      tracked: {
        asset: { kind: "erc20", symbol: "USDC", decimals: 6, token: usdc },
        attacker: [actors.attacker.address],
        victims: [actors.alice.address, actors.bob.address, actors.carol.address],
        protocol: marketAddress,
        victimsClaims: claims,
        dust: 0n,
      },
      errorInterfaces: [
        market.interface,
        FlashLender__factory.createInterface(),
        OracleManipulationAttacker__factory.createInterface(),
        TwapOracle__factory.createInterface(),
        pair.interface,
      ],
    };
  },

  async exploit(world) {
    const { attacker, market, pair, thin, usdc, env } = world;
    const contract = await new OracleManipulationAttacker__factory(attacker).deploy(
      await env.sandbox.flashLender.getAddress(),
      await market.getAddress(),
      await pair.getAddress(),
      await usdc.getAddress(),
      await thin.getAddress(),
    );
    await contract.waitForDeployment();
    const collateral = await thin.balanceOf(attacker.address);
    const cash = await usdc.balanceOf(await market.getAddress());
    env.log(
      `  attacker flash-borrows ${formatAmount(FLASH_LOAN, 6, "USDC")}, buys THIN in the pool, supplies ${formatAmount(collateral, 18, "THIN")} and borrows ${formatAmount(cash, 6, "USDC")}`,
    );
    await send(thin.connect(attacker).approve(await contract.getAddress(), collateral));
    await send(contract.attack(collateral, FLASH_LOAN, cash));
  },

  async settle(world) {
    const { actors } = world.env;
    const usdcAddress = await world.usdc.getAddress();
    for (const name of ["alice", "bob", "carol"] as const) {
      const owed = await world.market.supplyBalanceOf(actors[name].address, usdcAddress);
      if (owed === 0n) continue;
      await attempt(world, `${name} withdraws ${formatAmount(owed, 6, "USDC")}`, () =>
        world.market.connect(actors[name]).withdraw(usdcAddress, owed, actors[name].address),
      );
    }
  },

  async measure(world): Promise<Holdings> {
    let victims = 0n;
    for (const victim of world.tracked.victims) victims += await valueAtFairPrice(world, victim);
    return {
      attacker: await valueAtFairPrice(world, world.attacker.address),
      victims,
      protocol: await valueAtFairPrice(world, world.tracked.protocol),
    };
  },

  check: commonChecks,
};
