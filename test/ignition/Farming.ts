import { expect } from "chai";

import {
  FARM_POOLS,
  FARM_SCHEDULE,
  GOVERNANCE_FARM_POOLS,
  GOVERNANCE_FARM_SCHEDULE,
  STAKING_DURATION,
  STAKING_REWARD,
} from "../../ignition/modules/Farming.js";
import { ethers, loadFixture, networkHelpers } from "../helpers/connection.js";
import { sandboxFixture } from "../helpers/fixtures.js";

const ONE = 10n ** 18n;

describe("Farming Ignition module", function () {
  it("gives the farm, and only the farm, the reward token's minter role", async function () {
    const { reward, farm, staking, actors } = await loadFixture(sandboxFixture);
    const minter = await reward.MINTER_ROLE();
    expect(await reward.hasRole(minter, farm)).to.equal(true);
    expect(await reward.hasRole(minter, actors.deployer.address)).to.equal(false);
    expect(await reward.hasRole(minter, staking)).to.equal(false);
    expect(await farm.rewardToken()).to.equal(await reward.getAddress());
  });

  it("opens pools for the three seeded pairs' LP tokens and for RWD", async function () {
    const sandbox = await loadFixture(sandboxFixture);
    const { farm } = sandbox;
    const expected = [
      [FARM_POOLS.wethUsdc, sandbox.pairWethUsdc],
      [FARM_POOLS.wethDai, sandbox.pairWethDai],
      [FARM_POOLS.rewardWeth, sandbox.pairRewardWeth],
      [FARM_POOLS.reward, sandbox.reward],
    ] as const;
    expect(await farm.poolLength()).to.equal(4n);
    for (const [{ pid, allocPoint }, token] of expected) {
      const pool = await farm.poolInfo(pid);
      expect(pool.token).to.equal(await token.getAddress());
      expect(pool.allocPoint).to.equal(allocPoint);
    }
    expect(await farm.totalAllocPoint()).to.equal(1_000n);
  });

  it("deploys a governance farm that mints SGOV to one WETH/DAI LP pool", async function () {
    const { governanceFarm, governance, pairWethDai } = await loadFixture(sandboxFixture);
    expect(await governanceFarm.rewardToken()).to.equal(await governance.getAddress());
    expect(await governanceFarm.rewardPerSecond()).to.equal(
      GOVERNANCE_FARM_SCHEDULE.rewardPerSecond,
    );
    const start = await governanceFarm.startTime();
    expect(await governanceFarm.endTime()).to.equal(start + GOVERNANCE_FARM_SCHEDULE.duration);
    expect(await governanceFarm.bonusEndTime()).to.equal(start);
    expect(await governanceFarm.poolLength()).to.equal(1n);
    const pool = await governanceFarm.poolInfo(GOVERNANCE_FARM_POOLS.wethDai.pid);
    expect(pool.token).to.equal(await pairWethDai.getAddress());
    expect(pool.allocPoint).to.equal(GOVERNANCE_FARM_POOLS.wethDai.allocPoint);
    expect(await governance.hasRole(await governance.MINTER_ROLE(), governanceFarm)).to.equal(true);
  });

  it("starts the farm's schedule at deployment", async function () {
    const { farm, timelock } = await loadFixture(sandboxFixture);
    expect(await farm.rewardPerSecond()).to.equal(FARM_SCHEDULE.rewardPerSecond);
    const start = await farm.startTime();
    expect(await farm.endTime()).to.equal(start + FARM_SCHEDULE.duration);
    expect(await farm.bonusEndTime()).to.equal(start + FARM_SCHEDULE.bonusDuration);
    expect(await farm.bonusMultiplier()).to.equal(FARM_SCHEDULE.bonusMultiplier);
    expect(start <= BigInt(await networkHelpers.time.latest())).to.equal(true);
    expect(await farm.owner()).to.equal(await timelock.getAddress());
  });

  it("pays a liquidity provider who stakes the seeded LP tokens", async function () {
    const { farm, reward, pairWethDai, actors } = await loadFixture(sandboxFixture);
    const { deployer } = actors;
    const lp = await pairWethDai.balanceOf(deployer.address);
    expect(lp > 0n).to.equal(true);
    await pairWethDai.approve(farm, lp);
    const pid = FARM_POOLS.wethDai.pid;
    await farm.deposit(pid, lp, deployer.address);
    const t0 = BigInt(await networkHelpers.time.latest());
    await networkHelpers.time.setNextBlockTimestamp(t0 + 100n);
    // Alone in the pool: 100 bonus seconds at 2 RWD, 300 / 1,000 of it, less the dust of one update
    // (under lp / 1e18 + 1 wei) and one settlement (under 1 wei).
    const expected = (100n * 2n * ONE * 300n) / 1_000n;
    const before = await reward.balanceOf(deployer.address);
    await farm.harvest(pid, deployer.address);
    const paid = (await reward.balanceOf(deployer.address)) - before;
    expect(paid <= expected && expected - paid < lp / ONE + 2n, `${paid} vs ${expected}`).to.equal(
      true,
    );
  });

  it("funds the RWD staking contract with its first week through notifyRewardAmount", async function () {
    const { staking, reward, timelock } = await loadFixture(sandboxFixture);
    expect(await staking.stakingToken()).to.equal(await reward.getAddress());
    expect(await staking.rewardToken()).to.equal(await reward.getAddress());
    expect(await reward.balanceOf(staking)).to.equal(STAKING_REWARD);
    const rate = STAKING_REWARD / STAKING_DURATION;
    expect(await staking.rewardRate()).to.equal(rate);
    expect(await staking.rewardsReserved()).to.equal(rate * STAKING_DURATION);
    expect((await staking.periodFinish()) > BigInt(await networkHelpers.time.latest())).to.equal(
      true,
    );
    expect(await staking.owner()).to.equal(await timelock.getAddress());
  });

  it("lets an RWD holder stake and compound in the deployed staking contract", async function () {
    const { staking, farm, reward, pairRewardWeth, actors } = await loadFixture(sandboxFixture);
    const { deployer } = actors;
    // Earn some RWD in the farm first, then stake it.
    const lp = await pairRewardWeth.balanceOf(deployer.address);
    await pairRewardWeth.approve(farm, lp);
    await farm.deposit(FARM_POOLS.rewardWeth.pid, lp, deployer.address);
    await networkHelpers.time.increase(1_000);
    await farm.harvest(FARM_POOLS.rewardWeth.pid, deployer.address);
    const rwd = await reward.balanceOf(deployer.address);
    await reward.approve(staking, rwd);
    await staking.stake(rwd, 2n);
    expect(await staking.weightOf(deployer.address)).to.equal(rwd * 4n);
    await networkHelpers.time.increase(3_600);
    await expect(staking.compound()).to.emit(staking, "Compounded");
    const [flexible] = await staking.balanceOf(deployer.address, 0n);
    expect(flexible > 0n).to.equal(true);
    expect(await ethers.provider.getBalance(staking)).to.equal(0n);
  });
});
