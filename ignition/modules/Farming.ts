import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { id } from "ethers";

import AmmModule from "./Amm.js";
import TokensModule from "./Tokens.js";

const ONE = 10n ** 18n;
const DAY = 86_400n;

/**
 * The farm's schedule: 1 RWD a second for a year from deployment, doubled in the first week
 * (about 32.1 million RWD in all, under the 100 million cap), shared by four pools.
 */
export const FARM_SCHEDULE = {
  rewardPerSecond: ONE,
  duration: 365n * DAY,
  bonusDuration: 7n * DAY,
  bonusMultiplier: 2n,
} as const;

/** Pool ids and weights, in the order the pools are added. */
export const FARM_POOLS = {
  wethUsdc: { pid: 0n, allocPoint: 300n },
  wethDai: { pid: 1n, allocPoint: 300n },
  rewardWeth: { pid: 2n, allocPoint: 300n },
  reward: { pid: 3n, allocPoint: 100n },
} as const;

/**
 * The governance farm's schedule: 0.01 SGOV a second (864 a day) for a year from deployment, no bonus
 * (315,360 SGOV in all beside the 18,000 of the airdrop), all to one WETH/DAI LP pool. Votes are a
 * reward: liquidity providers earn a say in the sandbox's parameters, at a pace that leaves the
 * airdrop's holders most of the say for the first weeks.
 */
export const GOVERNANCE_FARM_SCHEDULE = {
  rewardPerSecond: ONE / 100n,
  duration: 365n * DAY,
  bonusDuration: 0n,
  bonusMultiplier: 1n,
} as const;
export const GOVERNANCE_FARM_POOLS = { wethDai: { pid: 0n, allocPoint: 100n } } as const;

/** The staking contract's first reward period: 7,000 RWD over 7 days, for RWD stakers. */
export const STAKING_REWARD = 7_000n * ONE;
export const STAKING_DURATION = 7n * DAY;

/**
 * Yield farming in the sandbox: the Farm (holding RewardToken's MINTER_ROLE) with pools for the three
 * seeded AMM pairs' LP tokens and for RWD itself, started at deployment; and LockedStaking of RWD for
 * RWD (so `compound` works), funded with its first week of rewards. The deployer mints that week under
 * a MINTER_ROLE it grants itself after the AMM module is done and renounces right after. A second
 * Farm, `governanceFarm`, mints the governance token (holding its MINTER_ROLE) to WETH/DAI LP
 * stakers. The deployer owns the three contracts until the Handover module gives them to the timelock.
 */
export default buildModule("Farming", (m) => {
  const { reward, governance } = m.useModule(TokensModule);
  const { pairWethUsdc, pairWethDai, pairRewardWeth } = m.useModule(AmmModule);
  const deployer = m.getAccount(0);
  const minterRole = id("MINTER_ROLE");

  const farm = m.contract("Farm", [
    reward,
    FARM_SCHEDULE.rewardPerSecond,
    0n,
    FARM_SCHEDULE.duration,
    FARM_SCHEDULE.bonusDuration,
    FARM_SCHEDULE.bonusMultiplier,
    deployer,
  ]);
  m.call(reward, "grantRole", [minterRole, farm], { id: "GrantFarmMinter" });
  const wethUsdc = m.call(farm, "add", [FARM_POOLS.wethUsdc.allocPoint, pairWethUsdc], {
    id: "AddPoolWethUsdc",
  });
  const wethDai = m.call(farm, "add", [FARM_POOLS.wethDai.allocPoint, pairWethDai], {
    id: "AddPoolWethDai",
    after: [wethUsdc],
  });
  const rewardWeth = m.call(farm, "add", [FARM_POOLS.rewardWeth.allocPoint, pairRewardWeth], {
    id: "AddPoolRewardWeth",
    after: [wethDai],
  });
  m.call(farm, "add", [FARM_POOLS.reward.allocPoint, reward], {
    id: "AddPoolReward",
    after: [rewardWeth],
  });

  const staking = m.contract("LockedStaking", [reward, reward, STAKING_DURATION, deployer]);
  const granted = m.call(reward, "grantRole", [minterRole, deployer], {
    id: "GrantStakingFunder",
    after: [AmmModule],
  });
  const minted = m.call(reward, "mint", [staking, STAKING_REWARD], {
    id: "MintStakingReward",
    after: [granted],
  });
  m.call(reward, "renounceRole", [minterRole, deployer], {
    id: "RenounceStakingFunder",
    after: [minted],
  });
  m.call(staking, "notifyRewardAmount", [STAKING_REWARD], { after: [minted] });

  const governanceFarm = m.contract(
    "Farm",
    [
      governance,
      GOVERNANCE_FARM_SCHEDULE.rewardPerSecond,
      0n,
      GOVERNANCE_FARM_SCHEDULE.duration,
      GOVERNANCE_FARM_SCHEDULE.bonusDuration,
      GOVERNANCE_FARM_SCHEDULE.bonusMultiplier,
      deployer,
    ],
    { id: "GovernanceFarm" },
  );
  m.call(governance, "grantRole", [minterRole, governanceFarm], {
    id: "GrantGovernanceFarmMinter",
  });
  m.call(governanceFarm, "add", [GOVERNANCE_FARM_POOLS.wethDai.allocPoint, pairWethDai], {
    id: "AddGovernancePoolWethDai",
  });

  return { farm, staking, governanceFarm };
});
