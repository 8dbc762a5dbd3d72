import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import { type BaseContract, id, Interface } from "ethers";

import {
  FARM_POOLS,
  GOVERNANCE_FARM_POOLS,
  GOVERNANCE_FARM_SCHEDULE,
} from "../../../ignition/modules/Farming.js";
import {
  QUORUM_PERCENT,
  TIMELOCK_DELAY,
  VOTING_DELAY,
  VOTING_PERIOD,
} from "../../../ignition/modules/Governance.js";
import { mintGovernance } from "../../helpers/admin.js";
import { ethers, loadFixture, networkHelpers } from "../../helpers/connection.js";
import { sandboxFixture } from "../../helpers/fixtures.js";

const { time } = networkHelpers;

const ONE = 10n ** 18n;
const DAY = 86_400n;
const DEFAULT_ADMIN_ROLE = ethers.ZeroHash;
const MINTER_ROLE = id("MINTER_ROLE");
const PROPOSER_ROLE = id("PROPOSER_ROLE");
const CANCELLER_ROLE = id("CANCELLER_ROLE");
const ORACLE_ROLE = id("ORACLE_ROLE");

// ProposalState and VoteType in IGovernor / GovernorCountingSimple.
const DEFEATED = 3n;
const SUCCEEDED = 4n;
const QUEUED = 5n;
const EXECUTED = 7n;
const FOR = 1;

const AIRDROP_TOTAL = 18_000n * ONE; // in the distributor, unclaimed: supply without votes
const ALICE_VOTES = 12_000n * ONE;
const BOB_VOTES = 3_000n * ONE;
/** 25% of 18,000 + 12,000 + 3,000 = 8,250 SGOV: alice reaches it alone, bob does not. */
const QUORUM = ((AIRDROP_TOTAL + ALICE_VOTES + BOB_VOTES) * QUORUM_PERCENT) / 100n;
/** The weight the governance proposal gives the RWD single-asset pool (100 at deployment). */
const NEW_REWARD_POOL_WEIGHT = 500n;

/** The sandbox with alice's and bob's votes handed out and delegated; carol delegates to herself. */
async function votersFixture() {
  const sandbox = await loadFixture(sandboxFixture);
  const { governance, actors } = sandbox;
  const { alice, bob, carol } = actors;
  await mintGovernance(sandbox, alice.address, ALICE_VOTES);
  await mintGovernance(sandbox, bob.address, BOB_VOTES);
  for (const voter of [alice, bob, carol]) await governance.connect(voter).delegate(voter.address);
  await networkHelpers.mine(1);
  return sandbox;
}

type Voters = Awaited<ReturnType<typeof votersFixture>>;

/** A proposal that gives the farm's RWD pool a new weight, made by `proposer`. */
async function proposeFarmWeight(sandbox: Voters, proposer: HardhatEthersSigner, weight: bigint) {
  const { governor, farm } = sandbox;
  const targets = [await farm.getAddress()];
  const values = [0n];
  const calldatas = [farm.interface.encodeFunctionData("set", [FARM_POOLS.reward.pid, weight])];
  const description = `Weight the RWD pool ${weight}`;
  const descriptionHash = id(description);
  await governor.connect(proposer).propose(targets, values, calldatas, description);
  const proposalId = await governor.hashProposal(targets, values, calldatas, descriptionHash);
  await networkHelpers.mine(VOTING_DELAY + 1n);
  return { targets, values, calldatas, descriptionHash, proposalId };
}

/** What an eth_call of `data` to `to` from `from` reverts with: the custom error's name, or none. */
async function revertName(contract: BaseContract, from: string, data: string) {
  try {
    await ethers.provider.call({ from, to: await contract.getAddress(), data });
    return undefined;
  } catch (error) {
    const revertData = (error as { data?: string }).data;
    if (revertData === undefined || revertData === "0x") return "(no reason)";
    return contract.interface.parseError(revertData)?.name ?? "(unknown error)";
  }
}

describe("SandboxTimelock as the owner of the sandbox", function () {
  describe("handover at deployment", function () {
    it("owns every Ownable2Step contract with no transfer pending", async function () {
      const sandbox = await loadFixture(votersFixture);
      const timelock = await sandbox.timelock.getAddress();
      const owned = [
        sandbox.farm,
        sandbox.governanceFarm,
        sandbox.staking,
        sandbox.lendingMarket,
        sandbox.flashLender,
        sandbox.reporterOracle,
        sandbox.spotPriceOracle,
        sandbox.twapPriceOracle,
        sandbox.vault,
      ];
      for (const contract of owned) {
        expect(await contract.owner()).to.equal(timelock);
        expect(await contract.pendingOwner()).to.equal(ethers.ZeroAddress);
      }
      expect(await sandbox.factory.feeToSetter()).to.equal(timelock);
    });

    it("holds the admin role of every AccessControl contract, which the deployer no longer has", async function () {
      const sandbox = await loadFixture(votersFixture);
      const { deployer } = sandbox.actors;
      const timelock = await sandbox.timelock.getAddress();
      for (const contract of [sandbox.reward, sandbox.governance, sandbox.liquidStaking]) {
        expect(await contract.hasRole(DEFAULT_ADMIN_ROLE, timelock)).to.equal(true);
        expect(await contract.hasRole(DEFAULT_ADMIN_ROLE, deployer.address)).to.equal(false);
      }
      expect(await sandbox.timelock.hasRole(DEFAULT_ADMIN_ROLE, deployer.address)).to.equal(false);
      expect(await sandbox.timelock.hasRole(PROPOSER_ROLE, deployer.address)).to.equal(false);
      expect(await sandbox.timelock.hasRole(CANCELLER_ROLE, deployer.address)).to.equal(false);
    });

    it("ends its bootstrap with the full delay, and the deployer holds no minting role", async function () {
      const sandbox = await loadFixture(votersFixture);
      const { deployer } = sandbox.actors;
      expect(await sandbox.timelock.getMinDelay()).to.equal(TIMELOCK_DELAY);
      expect(await sandbox.reward.hasRole(MINTER_ROLE, deployer.address)).to.equal(false);
      expect(await sandbox.governance.hasRole(MINTER_ROLE, deployer.address)).to.equal(false);
      expect(await sandbox.reward.hasRole(MINTER_ROLE, await sandbox.farm.getAddress())).to.equal(
        true,
      );
      expect(
        await sandbox.governance.hasRole(MINTER_ROLE, await sandbox.governanceFarm.getAddress()),
      ).to.equal(true);
    });

    it("refuses every privileged function to the deployer and lets the timelock (the governor for proposals) past each access check", async function () {
      const sandbox = await loadFixture(votersFixture);
      const { deployer, keeper, attacker } = sandbox.actors;
      const timelock = await sandbox.timelock.getAddress();
      const usdc = await sandbox.usdc.getAddress();
      const dai = await sandbox.dai.getAddress();
      const model = await sandbox.rateModelStable.getAddress();
      const risk = {
        collateralFactorBps: 5_000n,
        liquidationThresholdBps: 6_000n,
        liquidationBonusBps: 500n,
        reserveFactorBps: 1_000n,
      };
      const ownable = (name: string) => ({ error: "OwnableUnauthorizedAccount", args: [name] });
      const role = (r: string) => ({ error: "AccessControlUnauthorizedAccount", args: [r] });
      const governorOnly = { error: "GovernorOnlyExecutor", args: ["deployer"] };
      // [contract, label, function, arguments, expected refusal]
      type Refusal = { error: string; args: string[]; holder?: string };
      type Row = [BaseContract, string, string, unknown[], Refusal];
      const farmRows = (farm: BaseContract, label: string): Row[] => [
        [farm, label, "add", [1n, dai], ownable("deployer")],
        [farm, label, "set", [0n, 1n], ownable("deployer")],
        [farm, label, "transferOwnership", [keeper.address], ownable("deployer")],
      ];
      const rows: Row[] = [
        ...farmRows(sandbox.farm, "farm"),
        ...farmRows(sandbox.governanceFarm, "governanceFarm"),
        [sandbox.staking, "staking", "notifyRewardAmount", [0n], ownable("deployer")],
        [sandbox.staking, "staking", "setRewardsDuration", [DAY], ownable("deployer")],
        [sandbox.staking, "staking", "transferOwnership", [keeper.address], ownable("deployer")],
        [
          sandbox.lendingMarket,
          "lendingMarket",
          "listAsset",
          [dai, model, risk],
          ownable("deployer"),
        ],
        [
          sandbox.lendingMarket,
          "lendingMarket",
          "setRiskParameters",
          [usdc, risk],
          ownable("deployer"),
        ],
        [
          sandbox.lendingMarket,
          "lendingMarket",
          "setRateModel",
          [usdc, model],
          ownable("deployer"),
        ],
        [
          sandbox.lendingMarket,
          "lendingMarket",
          "setOracle",
          [keeper.address],
          ownable("deployer"),
        ],
        [sandbox.lendingMarket, "lendingMarket", "setMaxPriceAge", [60n], ownable("deployer")],
        [
          sandbox.lendingMarket,
          "lendingMarket",
          "withdrawReserves",
          [usdc, 0n, keeper.address],
          ownable("deployer"),
        ],
        [
          sandbox.lendingMarket,
          "lendingMarket",
          "transferOwnership",
          [keeper.address],
          ownable("deployer"),
        ],
        [sandbox.flashLender, "flashLender", "setTokenSupport", [usdc, false], ownable("deployer")],
        [sandbox.flashLender, "flashLender", "setFee", [1n], ownable("deployer")],
        [sandbox.flashLender, "flashLender", "setTreasury", [keeper.address], ownable("deployer")],
        [
          sandbox.flashLender,
          "flashLender",
          "withdraw",
          [usdc, 1n, keeper.address],
          ownable("deployer"),
        ],
        [
          sandbox.flashLender,
          "flashLender",
          "transferOwnership",
          [keeper.address],
          ownable("deployer"),
        ],
        [
          sandbox.reporterOracle,
          "reporterOracle",
          "addReporter",
          [keeper.address],
          ownable("deployer"),
        ],
        [
          sandbox.reporterOracle,
          "reporterOracle",
          "removeReporter",
          [keeper.address],
          ownable("deployer"),
        ],
        [sandbox.reporterOracle, "reporterOracle", "setQuorum", [2n], ownable("deployer")],
        [sandbox.reporterOracle, "reporterOracle", "setMaxDeviation", [500n], ownable("deployer")],
        [
          sandbox.reporterOracle,
          "reporterOracle",
          "setSubmissionWindow",
          [60n],
          ownable("deployer"),
        ],
        [
          sandbox.reporterOracle,
          "reporterOracle",
          "transferOwnership",
          [keeper.address],
          ownable("deployer"),
        ],
        [
          sandbox.spotPriceOracle,
          "spotPriceOracle",
          "setPair",
          [dai, await sandbox.pairWethDai.getAddress()],
          ownable("deployer"),
        ],
        [
          sandbox.spotPriceOracle,
          "spotPriceOracle",
          "transferOwnership",
          [keeper.address],
          ownable("deployer"),
        ],
        [
          sandbox.twapPriceOracle,
          "twapPriceOracle",
          "setTwap",
          [dai, await sandbox.twapWethDai.getAddress()],
          ownable("deployer"),
        ],
        [
          sandbox.twapPriceOracle,
          "twapPriceOracle",
          "transferOwnership",
          [keeper.address],
          ownable("deployer"),
        ],
        [sandbox.vault, "vault", "setPerformanceFee", [0n], ownable("deployer")],
        [sandbox.vault, "vault", "setMaxSlippage", [0n], ownable("deployer")],
        [sandbox.vault, "vault", "setTreasury", [keeper.address], ownable("deployer")],
        [sandbox.vault, "vault", "setKeeper", [keeper.address], ownable("deployer")],
        [
          sandbox.vault,
          "vault",
          "setPriceOracle",
          [await sandbox.twapPriceOracle.getAddress(), DAY],
          ownable("deployer"),
        ],
        [sandbox.vault, "vault", "transferOwnership", [keeper.address], ownable("deployer")],
        [
          sandbox.factory,
          "factory",
          "setFeeTo",
          [keeper.address],
          { error: "AmmForbidden", args: ["deployer"] },
        ],
        [
          sandbox.factory,
          "factory",
          "setFeeToSetter",
          [keeper.address],
          { error: "AmmForbidden", args: ["deployer"] },
        ],
        [
          sandbox.reward,
          "reward",
          "grantRole",
          [MINTER_ROLE, keeper.address],
          role(DEFAULT_ADMIN_ROLE),
        ],
        [
          sandbox.reward,
          "reward",
          "revokeRole",
          [MINTER_ROLE, await sandbox.farm.getAddress()],
          role(DEFAULT_ADMIN_ROLE),
        ],
        [
          sandbox.governance,
          "governance",
          "grantRole",
          [MINTER_ROLE, keeper.address],
          role(DEFAULT_ADMIN_ROLE),
        ],
        [
          sandbox.governance,
          "governance",
          "revokeRole",
          [MINTER_ROLE, await sandbox.governanceFarm.getAddress()],
          role(DEFAULT_ADMIN_ROLE),
        ],
        [
          sandbox.liquidStaking,
          "liquidStaking",
          "grantRole",
          [ORACLE_ROLE, deployer.address],
          role(DEFAULT_ADMIN_ROLE),
        ],
        [
          sandbox.liquidStaking,
          "liquidStaking",
          "revokeRole",
          [ORACLE_ROLE, keeper.address],
          role(DEFAULT_ADMIN_ROLE),
        ],
        [
          sandbox.timelock,
          "timelock",
          "grantRole",
          [PROPOSER_ROLE, deployer.address],
          role(DEFAULT_ADMIN_ROLE),
        ],
        [
          sandbox.timelock,
          "timelock",
          "updateDelay",
          [0n],
          { error: "TimelockUnauthorizedCaller", args: ["deployer"] },
        ],
        [
          sandbox.timelock,
          "timelock",
          "schedule",
          [timelock, 0n, "0x", ethers.ZeroHash, ethers.ZeroHash, TIMELOCK_DELAY],
          // Proposals are the governor's: it is the timelock's only proposer.
          { ...role(PROPOSER_ROLE), holder: await sandbox.governor.getAddress() },
        ],
        [sandbox.governor, "governor", "setVotingDelay", [0n], governorOnly],
        [sandbox.governor, "governor", "setVotingPeriod", [1n], governorOnly],
        [sandbox.governor, "governor", "setProposalThreshold", [1n], governorOnly],
        [sandbox.governor, "governor", "updateQuorumNumerator", [1n], governorOnly],
        [sandbox.governor, "governor", "updateTimelock", [keeper.address], governorOnly],
        [sandbox.governor, "governor", "relay", [keeper.address, 0n, "0x"], governorOnly],
      ];

      for (const [contract, label, fn, args, refusal] of rows) {
        const data = (contract.interface as Interface).encodeFunctionData(fn, args);
        const to = await contract.getAddress();
        const expected = refusal.args.map((a) => (a === "deployer" ? deployer.address : a));
        const withCaller =
          refusal.error === "AccessControlUnauthorizedAccount"
            ? [deployer.address, ...expected]
            : expected;
        await expect(deployer.sendTransaction({ to, data }), `${label}.${fn} by the deployer`)
          .to.be.revertedWithCustomError(contract, refusal.error)
          .withArgs(...withCaller);
        // The same call from the holder (the timelock) passes the access check: whatever it does
        // next, it is not refused for who the caller is (some rows' arguments are refused on their
        // merits, e.g. listing an asset twice); from anyone else it is.
        const holder = refusal.holder ?? timelock;
        const byHolder = await revertName(contract, holder, data);
        expect(byHolder, `${label}.${fn} by its holder`).to.not.equal(refusal.error);
        const byStranger = await revertName(contract, attacker.address, data);
        expect(byStranger, `${label}.${fn} by a stranger`).to.equal(refusal.error);
      }
    });
  });

  describe("governance of the farm", function () {
    it("changes a farm pool's weight through propose, vote, queue and execute", async function () {
      const sandbox = await loadFixture(votersFixture);
      const { governor, farm, actors } = sandbox;
      const { targets, values, calldatas, descriptionHash, proposalId } = await proposeFarmWeight(
        sandbox,
        actors.alice,
        NEW_REWARD_POOL_WEIGHT,
      );
      await governor.connect(actors.alice).castVote(proposalId, FOR);
      await networkHelpers.mine(VOTING_PERIOD);
      expect(await governor.state(proposalId)).to.equal(SUCCEEDED);
      await governor.queue(targets, values, calldatas, descriptionHash);
      expect(await governor.state(proposalId)).to.equal(QUEUED);
      await time.increase(TIMELOCK_DELAY);

      await expect(
        governor.connect(actors.bob).execute(targets, values, calldatas, descriptionHash),
      )
        .to.emit(farm, "PoolSet")
        .withArgs(FARM_POOLS.reward.pid, NEW_REWARD_POOL_WEIGHT);
      expect(await governor.state(proposalId)).to.equal(EXECUTED);
      expect((await farm.poolInfo(FARM_POOLS.reward.pid)).allocPoint).to.equal(
        NEW_REWARD_POOL_WEIGHT,
      );
      const others =
        FARM_POOLS.wethUsdc.allocPoint +
        FARM_POOLS.wethDai.allocPoint +
        FARM_POOLS.rewardWeth.allocPoint;
      expect(await farm.totalAllocPoint()).to.equal(others + NEW_REWARD_POOL_WEIGHT);
    });

    it("refuses the same change from any account, the deployer included", async function () {
      const { farm, actors } = await loadFixture(votersFixture);
      for (const account of [actors.deployer, actors.alice, actors.whale]) {
        await expect(farm.connect(account).set(FARM_POOLS.reward.pid, NEW_REWARD_POOL_WEIGHT))
          .to.be.revertedWithCustomError(farm, "OwnableUnauthorizedAccount")
          .withArgs(account.address);
      }
      expect((await farm.poolInfo(FARM_POOLS.reward.pid)).allocPoint).to.equal(
        FARM_POOLS.reward.allocPoint,
      );
    });

    it("defeats a proposal whose votes stay below the 25% quorum, and it cannot be queued", async function () {
      const sandbox = await loadFixture(votersFixture);
      const { governor, farm, actors } = sandbox;
      const { targets, values, calldatas, descriptionHash, proposalId } = await proposeFarmWeight(
        sandbox,
        actors.bob,
        NEW_REWARD_POOL_WEIGHT,
      );
      await governor.connect(actors.bob).castVote(proposalId, FOR);
      await networkHelpers.mine(VOTING_PERIOD);

      const snapshot = await governor.proposalSnapshot(proposalId);
      expect(QUORUM).to.equal(8_250n * ONE);
      expect(await governor.quorum(snapshot)).to.equal(QUORUM);
      expect(BOB_VOTES < QUORUM).to.equal(true);
      expect(await governor.state(proposalId)).to.equal(DEFEATED);
      await expect(
        governor.queue(targets, values, calldatas, descriptionHash),
      ).to.be.revertedWithCustomError(governor, "GovernorUnexpectedProposalState");
      expect((await farm.poolInfo(FARM_POOLS.reward.pid)).allocPoint).to.equal(
        FARM_POOLS.reward.allocPoint,
      );
    });
  });

  describe("votes as a reward", function () {
    it("counts the governance tokens a liquidity provider harvested from the governance farm as votes", async function () {
      const sandbox = await loadFixture(votersFixture);
      const { governanceFarm, governance, governor, pairWethDai, weth, dai, actors } = sandbox;
      const { carol, bob } = actors;
      // Carol provides 10 WETH + 20,000 DAI of liquidity at the pool's price and stakes the LP.
      await weth.connect(carol).transfer(await pairWethDai.getAddress(), 10n * ONE);
      await dai.connect(carol).transfer(await pairWethDai.getAddress(), 20_000n * ONE);
      await pairWethDai.mint(carol.address);
      const lp = await pairWethDai.balanceOf(carol.address);
      await pairWethDai.connect(carol).approve(await governanceFarm.getAddress(), lp);
      const pid = GOVERNANCE_FARM_POOLS.wethDai.pid;
      await governanceFarm.connect(carol).deposit(pid, lp, carol.address);
      const depositedAt = BigInt(await time.latest());
      expect(await governance.getVotes(carol.address)).to.equal(0n);

      await time.increase(10n * DAY);
      await governanceFarm.connect(carol).harvest(pid, carol.address);
      const harvestedAt = BigInt(await time.latest());
      // Carol is the pool's only staker and the pool the farm's only one: she earns the whole
      // emission, less the floor of the per-share accounting (under totalStaked / 1e18 + 1 wei per
      // update, and under 1 wei in her settlement).
      const emitted = GOVERNANCE_FARM_SCHEDULE.rewardPerSecond * (harvestedAt - depositedAt);
      const earned = await governance.balanceOf(carol.address);
      expect(earned <= emitted).to.equal(true);
      expect(emitted - earned <= lp / ONE + 2n).to.equal(true);
      expect(await governance.getVotes(carol.address)).to.equal(earned);

      // Her harvest (10 days at 0.01 SGOV a second: 8,640) is now a say: with bob's 3,000 it carries
      // a farm change neither could carry alone (quorum: 25% of 41,640).
      await networkHelpers.mine(1);
      const { targets, values, calldatas, descriptionHash, proposalId } = await proposeFarmWeight(
        sandbox,
        carol,
        NEW_REWARD_POOL_WEIGHT,
      );
      const quorum = await governor.quorum(await governor.proposalSnapshot(proposalId));
      expect(earned < quorum && BOB_VOTES < quorum).to.equal(true);
      await expect(governor.connect(carol).castVote(proposalId, FOR))
        .to.emit(governor, "VoteCast")
        .withArgs(carol.address, proposalId, FOR, earned, "");
      await governor.connect(bob).castVote(proposalId, FOR);
      await networkHelpers.mine(VOTING_PERIOD);
      expect(await governor.state(proposalId)).to.equal(SUCCEEDED);
      await governor.queue(targets, values, calldatas, descriptionHash);
      await time.increase(TIMELOCK_DELAY);
      await governor.execute(targets, values, calldatas, descriptionHash);
      expect((await sandbox.farm.poolInfo(FARM_POOLS.reward.pid)).allocPoint).to.equal(
        NEW_REWARD_POOL_WEIGHT,
      );
    });
  });
});
