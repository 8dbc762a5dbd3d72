/**
 * Gas of the farm and the lock-tier staking beside anchors measured on the same engine (SushiSwap MasterChef v1 and Synthetix StakingRewards), and the scaling check: a harvest
 * with 1 staker in the pool against the same harvest with 1,000.
 *
 * Each measured call runs with warm storage, as the anchors were measured: the pool already has a
 * staker and the user's reward balance is not empty (a first-ever reward would pay ~17,100 more for a
 * fresh balance slot).
 */
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { type ContractTransactionResponse, MaxUint256, Wallet } from "ethers";

import type { NetworkConnection } from "hardhat/types/network";

import { D } from "../../pure/analytics/decimal.js";
import {
  Farm__factory,
  LockedStaking__factory,
  MockERC20__factory,
  RewardToken__factory,
} from "../../../typechain-types/index.js";

const ONE = 10n ** 18n;
const WEEK = 7n * 86_400n;
const OTHER_STAKERS = 999;

/**
 * The anchors: SushiSwap's MasterChef v1 and Synthetix's StakingRewards, measured on Hardhat 3's chain
 * (EVM osaka) with warm storage as here.
 */
const MASTERCHEF = "MasterChef v1";
const STAKING_REWARDS = "StakingRewards";
const OPERATIONS = [
  ["farm: first deposit by a user", MASTERCHEF, "first deposit by a user", 155_166, 0.8],
  ["farm: deposit #2 (settles, does not mint)", MASTERCHEF, "deposit that harvests", 131_983, 0.8],
  ["farm: withdrawAndHarvest, partial", MASTERCHEF, "partial withdraw (harvests)", 124_422, 0.8],
  ["farm: harvest", MASTERCHEF, "harvest", 120_699, 0.8],
  ["farm: emergencyWithdraw", MASTERCHEF, "emergencyWithdraw", 45_620, 0.8],
  ["staking: stake #1 (flexible)", STAKING_REWARDS, "stake #1", 125_479, 0.9],
  ["staking: stake #2 (flexible)", STAKING_REWARDS, "stake #2", 111_224, 0.9],
  ["staking: withdraw, partial", STAKING_REWARDS, "withdraw", 84_518, 0.9],
  ["staking: getReward, later claim", STAKING_REWARDS, "getReward (later claim)", 76_380, 0.9],
  ["staking: exit", STAKING_REWARDS, "exit", 101_838, 0.9],
] as const;
type Operation = (typeof OPERATIONS)[number][0];

interface Chain {
  increaseTime(seconds: number): Promise<void>;
}

async function gasOf(tx: Promise<ContractTransactionResponse>): Promise<bigint> {
  const receipt = await (await tx).wait();
  if (receipt === null) throw new Error("transaction dropped");
  return receipt.gasUsed;
}

async function send(tx: Promise<ContractTransactionResponse>): Promise<void> {
  await (await tx).wait();
}

/** A fresh reward token and a one-pool farm (1 RWD a second for a year) over a fresh LP stand-in. */
async function deployFarm(deployer: HardhatEthersSigner, users: HardhatEthersSigner[]) {
  const reward = await new RewardToken__factory(deployer).deploy(deployer.address, 10n ** 27n);
  const farm = await new Farm__factory(deployer).deploy(
    await reward.getAddress(),
    ONE,
    0n,
    365n * 86_400n,
    0n,
    1n,
    deployer.address,
  );
  await send(reward.grantRole(await reward.MINTER_ROLE(), await farm.getAddress()));
  const lp = await new MockERC20__factory(deployer).deploy("LP stand-in", "LP", 18);
  await send(farm.add(100n, await lp.getAddress()));
  for (const user of [deployer, ...users]) {
    await send(lp.faucet(user.address, 1_000_000n * ONE));
    await send(lp.connect(user).approve(await farm.getAddress(), MaxUint256));
  }
  return { farm, lp };
}

async function measureFarm(
  chain: Chain,
  deployer: HardhatEthersSigner,
  alice: HardhatEthersSigner,
  bob: HardhatEthersSigner,
  gas: Map<Operation, bigint>,
): Promise<void> {
  const { farm } = await deployFarm(deployer, [alice, bob]);
  // Bob has staked and harvested once: the pool's accumulator is no longer zero.
  await send(farm.connect(bob).deposit(0n, 100n * ONE, bob.address));
  await chain.increaseTime(60);
  await send(farm.connect(bob).harvest(0n, bob.address));
  await chain.increaseTime(60);
  gas.set(
    "farm: first deposit by a user",
    await gasOf(farm.connect(alice).deposit(0n, 100n * ONE, alice.address)),
  );
  await chain.increaseTime(60);
  gas.set(
    "farm: deposit #2 (settles, does not mint)",
    await gasOf(farm.connect(alice).deposit(0n, 50n * ONE, alice.address)),
  );
  await chain.increaseTime(60);
  await send(farm.connect(alice).harvest(0n, alice.address)); // Alice's first reward: not measured
  await chain.increaseTime(60);
  gas.set(
    "farm: withdrawAndHarvest, partial",
    await gasOf(farm.connect(alice).withdrawAndHarvest(0n, 30n * ONE, alice.address)),
  );
  await chain.increaseTime(60);
  gas.set("farm: harvest", await gasOf(farm.connect(alice).harvest(0n, alice.address)));
  gas.set(
    "farm: emergencyWithdraw",
    await gasOf(farm.connect(alice).emergencyWithdraw(0n, alice.address)),
  );
}

async function measureStaking(
  chain: Chain,
  deployer: HardhatEthersSigner,
  alice: HardhatEthersSigner,
  bob: HardhatEthersSigner,
  gas: Map<Operation, bigint>,
): Promise<void> {
  const stakeToken = await new MockERC20__factory(deployer).deploy("Stake", "STK", 18);
  const rewardToken = await new MockERC20__factory(deployer).deploy("Reward", "RWD", 18);
  const staking = await new LockedStaking__factory(deployer).deploy(
    await stakeToken.getAddress(),
    await rewardToken.getAddress(),
    WEEK,
    deployer.address,
  );
  const address = await staking.getAddress();
  await send(rewardToken.faucet(address, 7_000n * ONE));
  await send(staking.notifyRewardAmount(7_000n * ONE));
  for (const user of [alice, bob]) {
    await send(stakeToken.faucet(user.address, 1_000n * ONE));
    await send(stakeToken.connect(user).approve(address, MaxUint256));
  }
  // Bob has staked and claimed once: rewardPerWeightStored is no longer zero.
  await send(staking.connect(bob).stake(100n * ONE, 0n));
  await chain.increaseTime(60);
  await send(staking.connect(bob).getReward());
  await chain.increaseTime(60);
  gas.set(
    "staking: stake #1 (flexible)",
    await gasOf(staking.connect(alice).stake(100n * ONE, 0n)),
  );
  await chain.increaseTime(60);
  gas.set("staking: stake #2 (flexible)", await gasOf(staking.connect(alice).stake(50n * ONE, 0n)));
  await chain.increaseTime(60);
  await send(staking.connect(alice).getReward()); // Alice's first reward: not measured
  await chain.increaseTime(60);
  gas.set("staking: getReward, later claim", await gasOf(staking.connect(alice).getReward()));
  await chain.increaseTime(60);
  gas.set(
    "staking: withdraw, partial",
    await gasOf(staking.connect(alice).withdraw(30n * ONE, 0n)),
  );
  await chain.increaseTime(60);
  gas.set("staking: exit", await gasOf(staking.connect(alice).exit()));
}

/** Alice's harvest after 60 seconds, alone in the pool and then beside 999 other stakers. */
async function measureScaling(
  chain: Chain,
  deployer: HardhatEthersSigner,
  alice: HardhatEthersSigner,
  log: (line: string) => void,
): Promise<{ one: bigint; thousand: bigint }> {
  const { farm } = await deployFarm(deployer, [alice]);
  const harvest = async () => {
    await chain.increaseTime(60);
    return gasOf(farm.connect(alice).harvest(0n, alice.address));
  };
  await send(farm.connect(alice).deposit(0n, 100n * ONE, alice.address));
  await harvest(); // warms Alice's reward balance
  const one = await harvest();
  log(`adding ${OTHER_STAKERS} stakers…`);
  for (let i = 0; i < OTHER_STAKERS; i++) {
    // Deposits credited to fresh addresses: 999 distinct stakers in the pool.
    await send(farm.deposit(0n, ONE + BigInt(i), Wallet.createRandom().address));
  }
  const thousand = await harvest();
  return { one, thousand };
}

export interface FarmGasRow {
  operation: Operation;
  gas: number;
  anchor: string;
  anchorGas: number;
  ratio: number;
  target: number;
  met: boolean;
}

export interface FarmScaling {
  harvestWith1Staker: number;
  harvestWith1000Stakers: number;
  /** |thousand − one| / one. */
  difference: number;
  met: boolean;
}

/** Measures every operation and the scaling check on `connection`'s chain. */
export async function measureFarmGas(
  connection: NetworkConnection,
  say: (line: string) => void,
): Promise<{ operations: FarmGasRow[]; scaling: FarmScaling }> {
  const [deployer, alice, bob] = await connection.ethers.getSigners();
  const chain: Chain = {
    increaseTime: async (seconds) => {
      await connection.networkHelpers.time.increase(seconds);
    },
  };

  const gas = new Map<Operation, bigint>();
  say("measuring the farm…");
  await measureFarm(chain, deployer, alice, bob, gas);
  say("measuring the staking contract…");
  await measureStaking(chain, deployer, alice, bob, gas);
  say("measuring a harvest with 1 and with 1,000 stakers…");
  const scaling = await measureScaling(chain, deployer, alice, say);

  const rows: FarmGasRow[] = OPERATIONS.map(
    ([operation, anchor, anchorOperation, anchorGas, target]) => {
      const ours = gas.get(operation) ?? 0n;
      const ratio = new D(ours.toString()).div(anchorGas);
      return {
        operation,
        gas: Number(ours),
        anchor: `${anchor}: ${anchorOperation}`,
        anchorGas,
        ratio: Number(ratio.toFixed(3)),
        target,
        met: ratio.lte(target),
      };
    },
  );
  const difference = new D((scaling.thousand - scaling.one).toString())
    .abs()
    .div(scaling.one.toString());
  const scalingRow: FarmScaling = {
    harvestWith1Staker: Number(scaling.one),
    harvestWith1000Stakers: Number(scaling.thousand),
    difference: Number(difference.toFixed(6)),
    met: difference.lt("0.01"),
  };

  return { operations: rows, scaling: scalingRow };
}
