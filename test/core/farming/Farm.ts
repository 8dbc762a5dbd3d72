import { expect } from "chai";

import { ethers, loadFixture, networkHelpers } from "../../helpers/connection.js";
import { sandboxFixture } from "../../helpers/fixtures.js";

const { time } = networkHelpers;

const ONE = 10n ** 18n;
const USDC = 10n ** 6n;
// The schedule under test: 1 RWD per second for 10,000 seconds, four times that for the first 1,000.
const RATE = ONE;
const DURATION = 10_000n;
const BONUS = 1_000n;
const MULTIPLIER = 4n;
const LEAD = 1_000n; // seconds between deployment and the start
const PRECISION = 10n ** 18n;

/** The emission schedule in closed form, written independently of the contract. */
function scheduleBetween(start: bigint, from: bigint, to: bigint): bigint {
  const lo = from > start ? from : start;
  const hi = to < start + DURATION ? to : start + DURATION;
  if (hi <= lo) return 0n;
  const bonusEnd = start + BONUS;
  const bonusSeconds = lo >= bonusEnd ? 0n : (hi < bonusEnd ? hi : bonusEnd) - lo;
  return RATE * (MULTIPLIER * bonusSeconds + (hi - lo - bonusSeconds));
}

async function farmFixture() {
  const { actors, dai, usdc, weth } = await loadFixture(sandboxFixture);
  const { deployer } = actors;
  const reward = await ethers.deployContract("RewardToken", [deployer.address, 10n ** 27n]);
  const start = BigInt(await time.latest()) + LEAD;
  const farm = await ethers.deployContract("Farm", [
    reward,
    RATE,
    start,
    DURATION,
    BONUS,
    MULTIPLIER,
    deployer.address,
  ]);
  await reward.grantRole(await reward.MINTER_ROLE(), farm);
  await farm.add(100n, dai);
  await farm.add(300n, usdc);
  for (const user of [actors.alice, actors.bob, actors.carol, actors.dave]) {
    for (const token of [dai, usdc, weth]) {
      await token.connect(user).approve(farm, ethers.MaxUint256);
    }
  }
  return { actors, dai, usdc, weth, reward, farm, start };
}

/**
 * Next to the fixture's farm, a farm whose reward token can mint only 10 RWD, so harvests fail once
 * more is owed; Alice stakes 100 DAI in it. Deployed inside the test (not a fixture of its own, so
 * that it does not invalidate the snapshot of farmFixture).
 */
async function deployCappedFarm() {
  const { actors, dai } = await loadFixture(farmFixture);
  const { deployer, alice } = actors;
  const reward = await ethers.deployContract("RewardToken", [deployer.address, 10n * ONE]);
  const farm = await ethers.deployContract("Farm", [
    reward,
    ONE,
    0n,
    1_000n,
    0n,
    1n,
    deployer.address,
  ]);
  await reward.grantRole(await reward.MINTER_ROLE(), farm);
  await farm.add(1n, dai);
  await dai.connect(alice).approve(farm, ethers.MaxUint256);
  await farm.connect(alice).deposit(0n, 100n * ONE, alice.address);
  return { actors, dai, reward, farm };
}

type Name = "alice" | "bob" | "carol" | "dave";
type Step =
  | {
      at: bigint;
      kind: "deposit" | "withdraw" | "withdrawAndHarvest";
      pid: number;
      user: Name;
      amount: bigint;
    }
  | { at: bigint; kind: "harvest"; pid: number; user: Name }
  | { at: bigint; kind: "set"; pid: number; alloc: bigint }
  | { at: bigint; kind: "add"; alloc: bigint };

describe("Farm", function () {
  describe("reward accrual", function () {
    it("pays every staker its closed-form share across pools, bonus and allocation changes", async function () {
      const { actors, dai, usdc, weth, reward, farm, start } = await loadFixture(farmFixture);
      const S = start;
      const steps: Step[] = [
        { at: S - 500n, kind: "deposit", pid: 0, user: "alice", amount: 1_000n * ONE },
        { at: S + 200n, kind: "deposit", pid: 0, user: "bob", amount: 3_000n * ONE },
        { at: S + 400n, kind: "deposit", pid: 1, user: "carol", amount: 5_000n * USDC },
        { at: S + 700n, kind: "deposit", pid: 0, user: "alice", amount: 500n * ONE },
        { at: S + 900n, kind: "set", pid: 1, alloc: 100n },
        { at: S + 1_300n, kind: "withdraw", pid: 0, user: "bob", amount: 1_000n * ONE },
        { at: S + 2_000n, kind: "harvest", pid: 1, user: "carol" },
        { at: S + 2_500n, kind: "deposit", pid: 1, user: "dave", amount: 10n * USDC },
        { at: S + 3_000n, kind: "add", alloc: 200n },
        { at: S + 3_100n, kind: "deposit", pid: 2, user: "alice", amount: 2n * ONE },
        { at: S + 5_000n, kind: "withdrawAndHarvest", pid: 0, user: "alice", amount: 1_500n * ONE },
        { at: S + 7_000n, kind: "deposit", pid: 2, user: "bob", amount: 3n * ONE },
        { at: S + 9_000n, kind: "harvest", pid: 0, user: "bob" },
      ];
      const end = S + DURATION + 500n;

      // The model: per pool allocation and stakes; earnings scaled by SCALE to keep them exact.
      const SCALE = 10n ** 30n;
      const allocs = [100n, 300n];
      const stakes: Map<Name, bigint>[] = [new Map(), new Map()];
      const earned = new Map<string, bigint>();
      const key = (pid: number, user: Name) => `${pid}:${user}`;
      let now = BigInt(await time.latest());
      const advance = (to: bigint) => {
        const emission = scheduleBetween(S, now, to);
        const totalAlloc = allocs.reduce((a, b) => a + b, 0n);
        allocs.forEach((alloc, pid) => {
          const total = [...stakes[pid].values()].reduce((a, b) => a + b, 0n);
          if (total === 0n) return;
          for (const [user, amount] of stakes[pid]) {
            const share = (emission * alloc * amount * SCALE) / (totalAlloc * total);
            earned.set(key(pid, user), (earned.get(key(pid, user)) ?? 0n) + share);
          }
        });
        now = to;
      };

      const harvested = new Map<string, bigint>();
      const tokens = [dai, usdc, weth];
      for (const step of steps) {
        advance(step.at);
        await time.setNextBlockTimestamp(step.at);
        if (step.kind === "set") {
          await farm.set(step.pid, step.alloc);
          allocs[step.pid] = step.alloc;
          continue;
        }
        if (step.kind === "add") {
          await farm.add(step.alloc, tokens[allocs.length]);
          allocs.push(step.alloc);
          stakes.push(new Map());
          continue;
        }
        const signer = actors[step.user];
        const before = await reward.balanceOf(signer.address);
        const stake = stakes[step.pid].get(step.user) ?? 0n;
        if (step.kind === "deposit") {
          await farm.connect(signer).deposit(step.pid, step.amount, signer.address);
          stakes[step.pid].set(step.user, stake + step.amount);
        } else if (step.kind === "withdraw") {
          await farm.connect(signer).withdraw(step.pid, step.amount, signer.address);
          stakes[step.pid].set(step.user, stake - step.amount);
        } else if (step.kind === "withdrawAndHarvest") {
          await farm.connect(signer).withdrawAndHarvest(step.pid, step.amount, signer.address);
          stakes[step.pid].set(step.user, stake - step.amount);
        } else {
          await farm.connect(signer).harvest(step.pid, signer.address);
        }
        const got = (await reward.balanceOf(signer.address)) - before;
        harvested.set(
          key(step.pid, step.user),
          (harvested.get(key(step.pid, step.user)) ?? 0n) + got,
        );
      }
      advance(end);
      await time.increaseTo(end);

      // Rounding dust: under 1 wei per settlement plus totalStaked / 1e18 + 1 per pool update; the
      // largest pool holds 4,500 DAI, so at most 4,502 wei per step (4.5e-15 RWD).
      const dustBound = BigInt(steps.length + 1) * 4_502n;
      let checked = 0;
      for (const [k, exactScaled] of earned) {
        const [pidText, user] = k.split(":") as [string, Name];
        const pid = BigInt(pidText);
        const onChain =
          (harvested.get(k) ?? 0n) + (await farm.pendingReward(pid, actors[user].address));
        const expected = exactScaled / SCALE;
        expect(onChain <= expected, `${k}: ${onChain} above ${expected}`).to.equal(true);
        expect(expected - onChain <= dustBound, `${k}: ${expected - onChain} wei short`).to.equal(
          true,
        );
        checked++;
      }
      expect(checked).to.equal(6);
      // The schedule's 13,000 RWD less what went to empty pools: pool 1 was empty for the first
      // 400 bonus seconds (3/4 of 1,600 RWD) and pool 2 for its first 100 seconds (1/2 of 100 RWD).
      // (Each modelled share is floored at 1e-30 wei, so the scaled sum may fall short by a few units.)
      const totalScaled = [...earned.values()].reduce((a, b) => a + b, 0n);
      expect(11_750n * ONE * SCALE - totalScaled < 100n).to.equal(true);
    });

    it("emits nothing before the start, after the end, or to a pool without stake", async function () {
      const { actors, farm, start } = await loadFixture(farmFixture);
      const { alice } = actors;
      await farm.connect(alice).deposit(0n, 10n * ONE, alice.address);
      await time.increaseTo(start);
      expect(await farm.pendingReward(0n, alice.address)).to.equal(0n);
      await time.increaseTo(start + DURATION + 1_000n);
      // All of pool 0's quarter of the schedule, none of pool 1's (nobody staked there).
      const quarter = (RATE * (MULTIPLIER * BONUS + DURATION - BONUS)) / 4n;
      expect(await farm.pendingReward(0n, alice.address)).to.equal(quarter);
      expect((await farm.poolInfo(1n)).accRewardPerShare).to.equal(0n);
    });

    it("computes rewardsBetween from the schedule table", async function () {
      const { farm, start } = await loadFixture(farmFixture);
      const table: [bigint, bigint, bigint][] = [
        [start - 100n, start, 0n],
        [start - 100n, start + 10n, 40n * ONE],
        [start + 990n, start + 1_010n, 50n * ONE],
        [start + 1_000n, start + 1_001n, ONE],
        [start + 9_999n, start + 20_000n, ONE],
        [start + 10_000n, start + 20_000n, 0n],
        [start, start + DURATION, 13_000n * ONE],
        [start + 50n, start + 10n, 0n],
      ];
      for (const [from, to, expected] of table) {
        expect(await farm.rewardsBetween(from, to)).to.equal(expected);
      }
    });

    it("credits a deposit made for another account to that account", async function () {
      const { actors, dai, farm, start } = await loadFixture(farmFixture);
      const { alice, bob } = actors;
      await time.setNextBlockTimestamp(start);
      const tx = farm.connect(alice).deposit(0n, 8n * ONE, bob.address);
      await expect(tx)
        .to.emit(farm, "Deposited")
        .withArgs(alice.address, 0n, 8n * ONE, bob.address);
      await expect(tx).to.changeTokenBalances(ethers, dai, [alice, farm], [-8n * ONE, 8n * ONE]);
      expect((await farm.userInfo(0n, bob.address)).amount).to.equal(8n * ONE);
      expect((await farm.userInfo(0n, alice.address)).amount).to.equal(0n);
      await time.increaseTo(start + 10n);
      // Bob alone in pool 0 gets its quarter of 10 bonus seconds: 10 * 4 RWD / 4.
      expect(await farm.pendingReward(0n, bob.address)).to.equal(10n * ONE);
    });

    it("credits what arrived from a fee-on-transfer token", async function () {
      const { actors, farm } = await loadFixture(farmFixture);
      const { alice } = actors;
      const fot = await ethers.deployContract("FeeOnTransferToken"); // burns 1%
      await farm.add(50n, fot);
      await fot.faucet(alice.address, 1_000n * ONE);
      await fot.connect(alice).approve(farm, ethers.MaxUint256);
      await expect(farm.connect(alice).deposit(2n, 1_000n * ONE, alice.address))
        .to.emit(farm, "Deposited")
        .withArgs(alice.address, 2n, 990n * ONE, alice.address);
      expect((await farm.userInfo(2n, alice.address)).amount).to.equal(990n * ONE);
      expect((await farm.poolInfo(2n)).totalStaked).to.equal(990n * ONE);
      expect(await fot.balanceOf(farm)).to.equal(990n * ONE);
    });
  });

  describe("users", function () {
    it("withdraws to a recipient and keeps the reward owed to the staker", async function () {
      const { actors, dai, reward, farm, start } = await loadFixture(farmFixture);
      const { alice, carol } = actors;
      await farm.connect(alice).deposit(0n, 10n * ONE, alice.address);
      await time.setNextBlockTimestamp(start + 100n);
      const tx = farm.connect(alice).withdraw(0n, 4n * ONE, carol.address);
      await expect(tx)
        .to.emit(farm, "Withdrawn")
        .withArgs(alice.address, 0n, 4n * ONE, carol.address);
      await expect(tx).to.changeTokenBalances(ethers, dai, [farm, carol], [-4n * ONE, 4n * ONE]);
      expect(await reward.balanceOf(alice.address)).to.equal(0n);
      // 100 bonus seconds at 4 RWD, a quarter to pool 0.
      expect((await farm.userInfo(0n, alice.address)).rewardOwed).to.equal(100n * ONE);
    });

    it("harvests the pending reward to a recipient", async function () {
      const { actors, reward, farm, start } = await loadFixture(farmFixture);
      const { alice, carol } = actors;
      await farm.connect(alice).deposit(0n, 10n * ONE, alice.address);
      await time.setNextBlockTimestamp(start + 1_500n);
      // 1,000 bonus seconds at 4 + 500 at 1, a quarter: 1,125 RWD.
      const tx = farm.connect(alice).harvest(0n, carol.address);
      await expect(tx)
        .to.emit(farm, "Harvested")
        .withArgs(alice.address, 0n, 1_125n * ONE, carol.address);
      await expect(tx).to.changeTokenBalances(ethers, reward, [carol], [1_125n * ONE]);
      expect(await farm.pendingReward(0n, alice.address)).to.equal(0n);
    });

    it("harvests nothing, without an event, when nothing is owed", async function () {
      const { actors, farm } = await loadFixture(farmFixture);
      await expect(farm.connect(actors.alice).harvest(0n, actors.alice.address)).not.to.emit(
        farm,
        "Harvested",
      );
    });

    it("withdraws and harvests in one call", async function () {
      const { actors, dai, reward, farm, start } = await loadFixture(farmFixture);
      const { alice } = actors;
      await farm.connect(alice).deposit(0n, 10n * ONE, alice.address);
      await time.setNextBlockTimestamp(start + 2_000n);
      const tx = farm.connect(alice).withdrawAndHarvest(0n, 10n * ONE, alice.address);
      await expect(tx).to.changeTokenBalances(ethers, reward, [alice], [1_250n * ONE]);
      await expect(tx).to.changeTokenBalances(ethers, dai, [alice], [10n * ONE]);
      expect((await farm.userInfo(0n, alice.address)).amount).to.equal(0n);
    });

    it("returns the principal on emergencyWithdraw and forfeits the reward", async function () {
      const { actors, dai, reward, farm, start } = await loadFixture(farmFixture);
      const { alice, bob } = actors;
      await farm.connect(alice).deposit(0n, 10n * ONE, alice.address);
      await farm.connect(bob).deposit(0n, 10n * ONE, bob.address);
      await time.setNextBlockTimestamp(start + 100n);
      await farm.updatePool(0n);
      await time.setNextBlockTimestamp(start + 200n);
      // Settled up to the last update: half of 100 bonus seconds of pool 0.
      const tx = farm.connect(alice).emergencyWithdraw(0n, alice.address);
      await expect(tx)
        .to.emit(farm, "EmergencyWithdrawn")
        .withArgs(alice.address, 0n, 10n * ONE, 50n * ONE, alice.address);
      await expect(tx).to.changeTokenBalances(ethers, dai, [alice, farm], [10n * ONE, -10n * ONE]);
      expect(await reward.balanceOf(alice.address)).to.equal(0n);
      expect(await farm.pendingReward(0n, alice.address)).to.equal(0n);
      // Bob inherits the seconds since the last update: 50 + 100 RWD.
      expect(await farm.pendingReward(0n, bob.address)).to.equal(150n * ONE);
    });

    it("lets emergencyWithdraw return the principal when the reward token cannot mint", async function () {
      const { actors, dai, reward, farm } = await deployCappedFarm();
      const { alice } = actors;
      const depositedAt = BigInt(await time.latest());
      await time.setNextBlockTimestamp(depositedAt + 100n);
      await expect(farm.connect(alice).harvest(0n, alice.address))
        .to.be.revertedWithCustomError(reward, "ERC20ExceededCap")
        .withArgs(100n * ONE, 10n * ONE);
      await expect(farm.connect(alice).emergencyWithdraw(0n, alice.address)).to.changeTokenBalances(
        ethers,
        dai,
        [alice, farm],
        [100n * ONE, -100n * ONE],
      );
    });

    it("lets emergencyWithdraw return the principal when the farm lost its minter role", async function () {
      const { actors, dai, reward, farm } = await deployCappedFarm();
      const { alice } = actors;
      await reward.revokeRole(await reward.MINTER_ROLE(), farm);
      await time.increase(5);
      await expect(farm.connect(alice).withdrawAndHarvest(0n, ONE, alice.address))
        .to.be.revertedWithCustomError(reward, "AccessControlUnauthorizedAccount")
        .withArgs(await farm.getAddress(), await reward.MINTER_ROLE());
      await expect(farm.connect(alice).emergencyWithdraw(0n, alice.address)).to.changeTokenBalances(
        ethers,
        dai,
        [alice],
        [100n * ONE],
      );
    });

    it("brings one pool or all pools up to date for anyone", async function () {
      const { actors, farm, start } = await loadFixture(farmFixture);
      const { alice, attacker } = actors;
      await farm.connect(alice).deposit(0n, 2n * ONE, alice.address);
      await time.setNextBlockTimestamp(start + 10n);
      await farm.connect(attacker).updatePool(0n);
      // 10 bonus seconds, a quarter of 4 RWD each, over 2 tokens, scaled by 1e18.
      expect((await farm.poolInfo(0n)).accRewardPerShare).to.equal(
        (10n * ONE * PRECISION) / (2n * ONE),
      );
      await time.setNextBlockTimestamp(start + 20n);
      await farm.connect(attacker).massUpdatePools();
      expect((await farm.poolInfo(0n)).lastRewardTime).to.equal(start + 20n);
      expect((await farm.poolInfo(1n)).lastRewardTime).to.equal(start + 20n);
    });

    it("accrues nothing while every pool has zero allocation", async function () {
      const { actors, farm, start } = await loadFixture(farmFixture);
      const { alice } = actors;
      await farm.set(0n, 0n);
      await farm.set(1n, 0n);
      await farm.connect(alice).deposit(0n, ONE, alice.address);
      await time.increaseTo(start + 100n);
      expect(await farm.totalAllocPoint()).to.equal(0n);
      expect(await farm.pendingReward(0n, alice.address)).to.equal(0n);
    });
  });

  describe("errors", function () {
    it("reverts any call on an unknown pool id", async function () {
      const { actors, farm } = await loadFixture(farmFixture);
      const { alice } = actors;
      const calls = [
        () => farm.connect(alice).deposit(2n, 1n, alice.address),
        () => farm.connect(alice).withdraw(2n, 1n, alice.address),
        () => farm.connect(alice).harvest(2n, alice.address),
        () => farm.connect(alice).withdrawAndHarvest(2n, 1n, alice.address),
        () => farm.connect(alice).emergencyWithdraw(2n, alice.address),
        () => farm.updatePool(2n),
        () => farm.set(2n, 1n),
        () => farm.pendingReward(2n, alice.address),
      ];
      for (const call of calls) {
        await expect(call())
          .to.be.revertedWithCustomError(farm, "FarmUnknownPool")
          .withArgs(2n, 2n);
      }
    });

    it("reverts a deposit or withdrawal of zero tokens", async function () {
      const { actors, farm } = await loadFixture(farmFixture);
      const { alice } = actors;
      await expect(
        farm.connect(alice).deposit(0n, 0n, alice.address),
      ).to.be.revertedWithCustomError(farm, "FarmZeroAmount");
      await expect(
        farm.connect(alice).withdraw(0n, 0n, alice.address),
      ).to.be.revertedWithCustomError(farm, "FarmZeroAmount");
      await expect(
        farm.connect(alice).withdrawAndHarvest(0n, 0n, alice.address),
      ).to.be.revertedWithCustomError(farm, "FarmZeroAmount");
      await expect(
        farm.connect(alice).emergencyWithdraw(0n, alice.address),
      ).to.be.revertedWithCustomError(farm, "FarmZeroAmount");
    });

    it("reverts sending to or crediting the zero address", async function () {
      const { actors, farm } = await loadFixture(farmFixture);
      const { alice } = actors;
      const zero = ethers.ZeroAddress;
      for (const call of [
        () => farm.connect(alice).deposit(0n, 1n, zero),
        () => farm.connect(alice).withdraw(0n, 1n, zero),
        () => farm.connect(alice).harvest(0n, zero),
        () => farm.connect(alice).withdrawAndHarvest(0n, 1n, zero),
        () => farm.connect(alice).emergencyWithdraw(0n, zero),
        () => farm.add(1n, zero),
      ]) {
        await expect(call()).to.be.revertedWithCustomError(farm, "FarmZeroAddress");
      }
    });

    it("reverts a withdrawal above the staked balance and changes nothing", async function () {
      const { actors, farm } = await loadFixture(farmFixture);
      const { alice } = actors;
      await farm.connect(alice).deposit(0n, 5n * ONE, alice.address);
      await expect(farm.connect(alice).withdraw(0n, 5n * ONE + 1n, alice.address))
        .to.be.revertedWithCustomError(farm, "FarmInsufficientBalance")
        .withArgs(0n, 5n * ONE, 5n * ONE + 1n);
      await expect(farm.connect(alice).withdrawAndHarvest(0n, 6n * ONE, alice.address))
        .to.be.revertedWithCustomError(farm, "FarmInsufficientBalance")
        .withArgs(0n, 5n * ONE, 6n * ONE);
      expect((await farm.userInfo(0n, alice.address)).amount).to.equal(5n * ONE);
    });

    it("reverts adding a pool for a token that already has one", async function () {
      const { dai, farm } = await loadFixture(farmFixture);
      await expect(farm.add(5n, dai))
        .to.be.revertedWithCustomError(farm, "FarmDuplicatePool")
        .withArgs(await dai.getAddress(), 0n);
      expect(await farm.poolLength()).to.equal(2n);
    });

    it("reverts a schedule without duration, with a bonus beyond the end or a zero multiplier", async function () {
      const { actors, reward } = await loadFixture(farmFixture);
      const owner = actors.deployer.address;
      const factory = await ethers.getContractFactory("Farm");
      const cases: [bigint, bigint, bigint][] = [
        [0n, 0n, 1n],
        [100n, 101n, 2n],
        [100n, 10n, 0n],
      ];
      for (const [duration, bonus, multiplier] of cases) {
        await expect(factory.deploy(reward, ONE, 0n, duration, bonus, multiplier, owner))
          .to.be.revertedWithCustomError(factory, "FarmInvalidSchedule")
          .withArgs(duration, bonus, multiplier);
      }
      await expect(
        factory.deploy(ethers.ZeroAddress, ONE, 0n, 1n, 0n, 1n, owner),
      ).to.be.revertedWithCustomError(factory, "FarmZeroAddress");
    });

    it("starts at deployment when the start time is zero", async function () {
      const { actors, reward } = await loadFixture(farmFixture);
      const farm = await ethers.deployContract("Farm", [
        reward,
        ONE,
        0n,
        50n,
        10n,
        2n,
        actors.deployer.address,
      ]);
      const deployedAt = BigInt(await time.latest());
      expect(await farm.startTime()).to.equal(deployedAt);
      expect(await farm.endTime()).to.equal(deployedAt + 50n);
      expect(await farm.bonusEndTime()).to.equal(deployedAt + 10n);
    });
  });

  describe("owner", function () {
    it("adds a pool and sets its weight with events", async function () {
      const { weth, farm } = await loadFixture(farmFixture);
      await expect(farm.add(600n, weth))
        .to.emit(farm, "PoolAdded")
        .withArgs(2n, await weth.getAddress(), 600n);
      expect(await farm.totalAllocPoint()).to.equal(1_000n);
      await expect(farm.set(2n, 100n)).to.emit(farm, "PoolSet").withArgs(2n, 100n);
      expect(await farm.totalAllocPoint()).to.equal(500n);
      expect((await farm.poolInfo(2n)).allocPoint).to.equal(100n);
    });

    it("refuses every owner function to a non-owner", async function () {
      const { actors, weth, farm } = await loadFixture(farmFixture);
      const { attacker } = actors;
      await expect(farm.connect(attacker).add(1n, weth))
        .to.be.revertedWithCustomError(farm, "OwnableUnauthorizedAccount")
        .withArgs(attacker.address);
      await expect(farm.connect(attacker).set(0n, 1n))
        .to.be.revertedWithCustomError(farm, "OwnableUnauthorizedAccount")
        .withArgs(attacker.address);
      await expect(farm.connect(attacker).transferOwnership(attacker.address))
        .to.be.revertedWithCustomError(farm, "OwnableUnauthorizedAccount")
        .withArgs(attacker.address);
      await expect(farm.connect(attacker).renounceOwnership())
        .to.be.revertedWithCustomError(farm, "OwnableUnauthorizedAccount")
        .withArgs(attacker.address);
    });

    it("hands ownership over in two steps", async function () {
      const { actors, farm } = await loadFixture(farmFixture);
      const { deployer, keeper, attacker } = actors;
      await farm.transferOwnership(keeper.address);
      expect(await farm.owner()).to.equal(deployer.address);
      await expect(farm.connect(attacker).acceptOwnership())
        .to.be.revertedWithCustomError(farm, "OwnableUnauthorizedAccount")
        .withArgs(attacker.address);
      await farm.connect(keeper).acceptOwnership();
      expect(await farm.owner()).to.equal(keeper.address);
    });
  });
});
