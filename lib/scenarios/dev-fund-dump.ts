import { Decimal } from "decimal.js";

import {
  AmmPair__factory,
  DevCutFarm__factory,
  DevVestingWallet__factory,
  RewardToken__factory,
  type AmmPair,
  type DevCutFarm,
  type DevVestingWallet,
  type RewardToken,
} from "../../typechain-types/index.js";
import { formatAmount } from "./format.js";
import { poolPrice } from "./measure.js";
import { commonChecks } from "./run.js";
import { send } from "./steps.js";
import type { Holdings, Scenario, World } from "./types.js";

const ONE = 10n ** 18n;
const DAY = 86_400n;

/** The scenario's reward pool: 100,000 RWD + 50 WETH (2,000 RWD per WETH), as the sandbox's. */
export const DUMP_POOL = { rwd: 100_000n * ONE, weth: 50n * ONE } as const;
/** The farm's emission to farmers: 0.1 RWD a second; the dev fund gets a tenth on top. */
export const DUMP_REWARD_PER_SECOND = ONE / 10n;
/** How long the farmers farm before the dump. */
export const DUMP_FARMING_DAYS = 30n;
/** DAI each farmer stakes. */
export const DUMP_STAKES = {
  alice: 10_000n * ONE,
  bob: 20_000n * ONE,
  carol: 30_000n * ONE,
} as const;
/** The hardened dev fund: 1-year linear vesting from the farm's start, nothing before a 90-day cliff. */
export const VESTING = { duration: 365n * DAY, cliff: 90n * DAY } as const;
const FARMERS = ["alice", "bob", "carol"] as const;

export interface DevDumpWorld extends World {
  farm: DevCutFarm;
  rwd: RewardToken;
  pair: AmmPair;
  /** The dev fund's vesting wallet (hardened), or null when the cut goes to the dev's key. */
  vesting: DevVestingWallet | null;
  /** RWD the farmers hold after harvesting, and its value in WETH at the pool price before the dump. */
  farmersRewards: bigint;
  farmersRewardsValue: bigint;
}

/** WETH and RWD reserves of the scenario's pair. */
async function reserves(world: DevDumpWorld): Promise<{ weth: bigint; rwd: bigint }> {
  const [r0, r1] = await world.pair.getReserves();
  const rwdIsToken0 =
    (await world.pair.token0()).toLowerCase() === (await world.rwd.getAddress()).toLowerCase();
  return rwdIsToken0 ? { rwd: r0, weth: r1 } : { rwd: r1, weth: r0 };
}

/** The developer's tenth of the emission, minted on top, is sold into the reward pool at once. */
export const devFundDump: Scenario<DevDumpWorld> = {
  name: "dev-fund-dump",
  title: "Dev-fund dump: the developer sells the farm's 10% dev allocation into the reward pool",
  incident:
    'SushiSwap "Chef Nomi", 2020-09-05: the dev fund (10% of every SUSHI minted) sold for ~$14M of ETH; SUSHI fell ~73%',
  fix: "the dev allocation goes to a VestingWallet (90-day cliff, 1-year linear vesting)",

  async setup(env, side) {
    const { actors, sandbox, networkHelpers, log } = env;
    const { deployer, attacker } = actors;
    const rwd = await new RewardToken__factory(deployer).deploy(deployer.address, 10n ** 27n);
    await rwd.waitForDeployment();
    const rwdAddress = await rwd.getAddress();
    const wethAddress = await sandbox.weth.getAddress();
    await send(rwd.grantRole(await rwd.MINTER_ROLE(), deployer.address));

    await send(sandbox.factory.connect(deployer).createPair(rwdAddress, wethAddress));
    const pair = AmmPair__factory.connect(
      await sandbox.factory.getPair(rwdAddress, wethAddress),
      deployer,
    );
    await send(rwd.mint(await pair.getAddress(), DUMP_POOL.rwd));
    await send(sandbox.weth.connect(deployer).deposit({ value: DUMP_POOL.weth }));
    await send(sandbox.weth.connect(deployer).transfer(await pair.getAddress(), DUMP_POOL.weth));
    await send(pair.mint(deployer.address));
    log("  a fresh RWD and an RWD/WETH pool of 100,000 RWD + 50 WETH");

    const start = BigInt((await env.ethers.provider.getBlock("latest"))?.timestamp ?? 0) + 1n;
    let vesting: DevVestingWallet | null = null;
    let devFund = attacker.address;
    if (side === "hardened") {
      vesting = await new DevVestingWallet__factory(deployer).deploy(
        attacker.address,
        start,
        VESTING.duration,
        VESTING.cliff,
      );
      await vesting.waitForDeployment();
      devFund = await vesting.getAddress();
    }
    const farm = await new DevCutFarm__factory(deployer).deploy(
      rwdAddress,
      DUMP_REWARD_PER_SECOND,
      start,
      365n * DAY,
      0n,
      1n,
      deployer.address,
      devFund,
    );
    await farm.waitForDeployment();
    const farmAddress = await farm.getAddress();
    await send(rwd.grantRole(await rwd.MINTER_ROLE(), farmAddress));
    await send(farm.add(100n, await sandbox.dai.getAddress()));
    log(
      `  a DevCutFarm: 0.1 RWD a second to DAI stakers, 10% more to the dev fund (${side === "vulnerable" ? "the dev's key" : "a DevVestingWallet"})`,
    );

    for (const name of FARMERS) {
      const farmer = actors[name];
      await send(sandbox.dai.faucet(farmer.address, DUMP_STAKES[name]));
      await send(sandbox.dai.connect(farmer).approve(farmAddress, DUMP_STAKES[name]));
      await send(farm.connect(farmer).deposit(0n, DUMP_STAKES[name], farmer.address));
    }
    await networkHelpers.time.increase(DUMP_FARMING_DAYS * DAY);
    let farmersRewards = 0n;
    for (const name of FARMERS) {
      const farmer = actors[name];
      const before = await rwd.balanceOf(farmer.address);
      await send(farm.connect(farmer).harvest(0n, farmer.address));
      farmersRewards += (await rwd.balanceOf(farmer.address)) - before;
    }
    await send(farm.connect(actors.keeper).mintDevCutDown());
    log(
      `  after ${DUMP_FARMING_DAYS} days the farmers hold ${formatAmount(farmersRewards, 18, "RWD")}; the dev fund was minted ${formatAmount(await farm.devCutMinted(), 18, "RWD")}`,
    );

    const world: DevDumpWorld = {
      side,
      env,
      attacker,
      contract: side === "vulnerable" ? "DevCutFarm → dev's key" : "DevCutFarm → DevVestingWallet",
      farm,
      rwd,
      pair,
      vesting,
      farmersRewards,
      farmersRewardsValue: 0n,
      tracked: {
        asset: { kind: "erc20", symbol: "WETH", decimals: 18, token: sandbox.weth },
        attacker: [attacker.address],
        victims: FARMERS.map((name) => actors[name].address),
        protocol: await pair.getAddress(),
        victimsClaims: 0n,
        dust: 0n,
        quote: poolPrice(sandbox.pairWethUsdc, wethAddress, "USDC", 6),
      },
      errorInterfaces: [
        sandbox.router.interface,
        DevVestingWallet__factory.createInterface(),
        DevCutFarm__factory.createInterface(),
      ],
    };
    const r = await reserves(world);
    world.farmersRewardsValue = (farmersRewards * r.weth) / r.rwd;
    return world;
  },

  async exploit(world) {
    const { attacker, rwd, vesting, env } = world;
    const { router, weth } = env.sandbox;
    if (vesting !== null) {
      env.log("  the dev releases what has vested of the dev fund");
      await send(vesting.connect(attacker)["release(address)"](await rwd.getAddress()));
    }
    const amount = await rwd.balanceOf(attacker.address);
    env.log(`  the dev sells ${formatAmount(amount, 18, "RWD")} into the RWD/WETH pool`);
    await send(rwd.connect(attacker).approve(await router.getAddress(), amount));
    const deadline =
      BigInt((await env.ethers.provider.getBlock("latest"))?.timestamp ?? 0) + 3_600n;
    await send(
      router
        .connect(attacker)
        .swapExactTokensForTokens(
          amount,
          0n,
          [await rwd.getAddress(), await weth.getAddress()],
          attacker.address,
          deadline,
        ),
    );
  },

  async settle() {},

  /**
   * The dev's WETH; the farmers' WETH plus their RWD at the pool's mid price; the pool's WETH. The
   * farmers' loss is the fall in what their harvested rewards are worth.
   */
  async measure(world): Promise<Holdings> {
    const { weth } = world.env.sandbox;
    const r = await reserves(world);
    let victims = 0n;
    for (const account of world.tracked.victims) {
      victims +=
        (await weth.balanceOf(account)) + ((await world.rwd.balanceOf(account)) * r.weth) / r.rwd;
    }
    return {
      attacker: await weth.balanceOf(world.attacker.address),
      victims,
      protocol: r.weth,
    };
  },

  check(result, world) {
    const fall = new Decimal(result.victimsLoss.toString())
      .div(world.farmersRewardsValue.toString())
      .mul(100)
      .toDecimalPlaces(2);
    const checks = commonChecks(result, world);
    checks.push({
      ok: result.side === "vulnerable" ? fall.gt(0) : fall.eq(0),
      message: `the farmers' ${formatAmount(world.farmersRewards, 18, "RWD", 2)} lose ${fall.toFixed(2)}% of their value`,
    });
    return checks;
  },
};
