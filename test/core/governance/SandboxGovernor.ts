import { expect } from "chai";
import { id } from "ethers";

import {
  PROPOSAL_THRESHOLD,
  QUORUM_PERCENT,
  TIMELOCK_DELAY,
  VOTING_DELAY,
  VOTING_PERIOD,
} from "../../../ignition/modules/Governance.js";
import { mintGovernance } from "../../helpers/admin.js";
import { ethers, loadFixture, networkHelpers } from "../../helpers/connection.js";
import { sandboxFixture } from "../../helpers/fixtures.js";

const ONE = 10n ** 18n;
const DEFAULT_ADMIN_ROLE = ethers.ZeroHash;
const MINTER_ROLE = id("MINTER_ROLE");
const PROPOSER_ROLE = id("PROPOSER_ROLE");
const CANCELLER_ROLE = id("CANCELLER_ROLE");
const EXECUTOR_ROLE = id("EXECUTOR_ROLE");

// ProposalState in IGovernor.
const PENDING = 0n;
const ACTIVE = 1n;
const CANCELED = 2n;
const DEFEATED = 3n;
const SUCCEEDED = 4n;
const QUEUED = 5n;
const EXECUTED = 7n;
// VoteType in GovernorCountingSimple.
const AGAINST = 0;
const FOR = 1;

const AIRDROP_TOTAL = 18_000n * ONE; // in the distributor, unclaimed: supply without votes
const ALICE_VOTES = 12_000n * ONE;
const BOB_VOTES = 3_000n * ONE;
/** 25% of 18,000 + 12,000 + 3,000 = 8,250 SGOV: alice reaches it alone, bob does not. */
const QUORUM = ((AIRDROP_TOTAL + ALICE_VOTES + BOB_VOTES) * QUORUM_PERCENT) / 100n;

/** The sandbox with votes minted to alice and bob (as the governance farm would) and delegated. */
async function governedFixture() {
  const sandbox = await loadFixture(sandboxFixture);
  const { governance, actors } = sandbox;
  const { alice, bob, carol } = actors;
  await mintGovernance(sandbox, alice.address, ALICE_VOTES);
  await mintGovernance(sandbox, bob.address, BOB_VOTES);
  await governance.connect(alice).delegate(alice.address);
  await governance.connect(bob).delegate(bob.address);
  await governance.connect(carol).delegate(carol.address);
  await networkHelpers.mine(1);
  return sandbox;
}

type Governed = Awaited<ReturnType<typeof governedFixture>>;

/** A proposal that grants MINTER_ROLE on the reward token to the keeper. */
async function grantMinterProposal({ reward, actors }: Governed) {
  const targets = [await reward.getAddress()];
  const values = [0n];
  const calldatas = [
    reward.interface.encodeFunctionData("grantRole", [MINTER_ROLE, actors.keeper.address]),
  ];
  const description = "Let the keeper mint rewards";
  return { targets, values, calldatas, description, descriptionHash: id(description) };
}

async function propose(sandbox: Governed) {
  const { governor, actors } = sandbox;
  const proposal = await grantMinterProposal(sandbox);
  const { targets, values, calldatas, description, descriptionHash } = proposal;
  await governor.connect(actors.alice).propose(targets, values, calldatas, description);
  const proposalId = await governor.hashProposal(targets, values, calldatas, descriptionHash);
  return { ...proposal, proposalId };
}

describe("SandboxGovernor", function () {
  it("is deployed with the sandbox's settings over the governance token and the timelock", async function () {
    const { governor, governance, timelock } = await loadFixture(sandboxFixture);
    expect(await governor.votingDelay()).to.equal(VOTING_DELAY);
    expect(await governor.votingPeriod()).to.equal(VOTING_PERIOD);
    expect(await governor.proposalThreshold()).to.equal(PROPOSAL_THRESHOLD);
    expect(await governor["quorumNumerator()"]()).to.equal(QUORUM_PERCENT);
    expect(await governor.token()).to.equal(await governance.getAddress());
    expect(await governor.timelock()).to.equal(await timelock.getAddress());
    expect(await governor.CLOCK_MODE()).to.equal("mode=blocknumber&from=default");
  });

  it("lets only the governor propose and cancel, anyone execute, and nobody else administer the timelock", async function () {
    const { governor, timelock, actors } = await loadFixture(sandboxFixture);
    const governorAddress = await governor.getAddress();
    expect(await timelock.getMinDelay()).to.equal(TIMELOCK_DELAY);
    expect(await timelock.hasRole(PROPOSER_ROLE, governorAddress)).to.equal(true);
    expect(await timelock.hasRole(CANCELLER_ROLE, governorAddress)).to.equal(true);
    expect(await timelock.hasRole(EXECUTOR_ROLE, ethers.ZeroAddress)).to.equal(true);
    expect(await timelock.hasRole(DEFAULT_ADMIN_ROLE, actors.deployer.address)).to.equal(false);
    expect(await timelock.hasRole(DEFAULT_ADMIN_ROLE, await timelock.getAddress())).to.equal(true);
    expect(await timelock.hasRole(PROPOSER_ROLE, actors.deployer.address)).to.equal(false);
  });

  it("runs a proposal through propose, vote, queue and execute, and the timelock makes the change", async function () {
    const sandbox = await loadFixture(governedFixture);
    const { governor, timelock, reward, actors } = sandbox;
    const { targets, values, calldatas, descriptionHash, proposalId } = await propose(sandbox);
    expect(await governor.state(proposalId)).to.equal(PENDING);

    await networkHelpers.mine(VOTING_DELAY + 1n);
    expect(await governor.state(proposalId)).to.equal(ACTIVE);
    await expect(governor.connect(actors.alice).castVote(proposalId, FOR))
      .to.emit(governor, "VoteCast")
      .withArgs(actors.alice.address, proposalId, FOR, ALICE_VOTES, "");
    await governor.connect(actors.bob).castVote(proposalId, AGAINST);
    const [against, forVotes, abstain] = await governor.proposalVotes(proposalId);
    expect([against, forVotes, abstain]).to.deep.equal([BOB_VOTES, ALICE_VOTES, 0n]);

    await networkHelpers.mine(VOTING_PERIOD);
    expect(await governor.state(proposalId)).to.equal(SUCCEEDED);
    await expect(governor.queue(targets, values, calldatas, descriptionHash)).to.emit(
      governor,
      "ProposalQueued",
    );
    expect(await governor.state(proposalId)).to.equal(QUEUED);

    // The timelock holds the change back for its whole delay.
    await expect(
      governor.execute(targets, values, calldatas, descriptionHash),
    ).to.be.revertedWithCustomError(timelock, "TimelockUnexpectedOperationState");

    await networkHelpers.time.increase(TIMELOCK_DELAY);
    await expect(
      governor.connect(actors.carol).execute(targets, values, calldatas, descriptionHash),
    )
      .to.emit(reward, "RoleGranted")
      .withArgs(MINTER_ROLE, actors.keeper.address, await timelock.getAddress());
    expect(await governor.state(proposalId)).to.equal(EXECUTED);
    expect(await reward.hasRole(MINTER_ROLE, actors.keeper.address)).to.equal(true);
  });

  it("changes its own settings only through a proposal executed by the timelock", async function () {
    const { governor, actors } = await loadFixture(governedFixture);
    const targets = [await governor.getAddress()];
    const values = [0n];
    const calldatas = [governor.interface.encodeFunctionData("setVotingPeriod", [100n])];
    const description = "Vote for 100 blocks";
    await governor.connect(actors.alice).propose(targets, values, calldatas, description);
    const proposalId = await governor.hashProposal(targets, values, calldatas, id(description));
    await networkHelpers.mine(VOTING_DELAY + 1n);
    await governor.connect(actors.alice).castVote(proposalId, FOR);
    await networkHelpers.mine(VOTING_PERIOD);
    await governor.queue(targets, values, calldatas, id(description));
    await networkHelpers.time.increase(TIMELOCK_DELAY);
    await expect(governor.execute(targets, values, calldatas, id(description)))
      .to.emit(governor, "VotingPeriodSet")
      .withArgs(VOTING_PERIOD, 100n);
    expect(await governor.votingPeriod()).to.equal(100n);
  });

  it("refuses the same change from an account that is not the timelock", async function () {
    const { reward, actors } = await loadFixture(governedFixture);
    await expect(reward.connect(actors.deployer).grantRole(MINTER_ROLE, actors.keeper.address))
      .to.be.revertedWithCustomError(reward, "AccessControlUnauthorizedAccount")
      .withArgs(actors.deployer.address, DEFAULT_ADMIN_ROLE);
    expect(await reward.hasRole(MINTER_ROLE, actors.keeper.address)).to.equal(false);
  });

  it("defeats a proposal whose votes stay below the quorum, and it cannot be queued", async function () {
    const sandbox = await loadFixture(governedFixture);
    const { governor, actors } = sandbox;
    const { targets, values, calldatas, descriptionHash, proposalId } = await propose(sandbox);
    await networkHelpers.mine(VOTING_DELAY + 1n);
    await governor.connect(actors.bob).castVote(proposalId, FOR);
    await networkHelpers.mine(VOTING_PERIOD);

    expect(QUORUM).to.equal(8_250n * ONE);
    expect(await governor.quorum(await governor.proposalSnapshot(proposalId))).to.equal(QUORUM);
    expect(BOB_VOTES < QUORUM).to.equal(true);
    expect(await governor.state(proposalId)).to.equal(DEFEATED);
    await expect(governor.queue(targets, values, calldatas, descriptionHash))
      .to.be.revertedWithCustomError(governor, "GovernorUnexpectedProposalState")
      .withArgs(proposalId, DEFEATED, ethers.toBeHex(1n << SUCCEEDED, 32));
  });

  it("counts votes at the snapshot: tokens moved after it vote with their old holder", async function () {
    const sandbox = await loadFixture(governedFixture);
    const { governor, governance, actors } = sandbox;
    const { alice, carol } = actors;
    const { proposalId } = await propose(sandbox);
    await networkHelpers.mine(VOTING_DELAY + 1n);

    // After the snapshot alice hands every token to carol, who delegated to herself.
    await governance.connect(alice).transfer(carol.address, ALICE_VOTES);
    expect(await governance.getVotes(carol.address)).to.equal(ALICE_VOTES);

    await expect(governor.connect(carol).castVote(proposalId, AGAINST))
      .to.emit(governor, "VoteCast")
      .withArgs(carol.address, proposalId, AGAINST, 0n, "");
    await governor.connect(alice).castVote(proposalId, FOR);
    const [against, forVotes] = await governor.proposalVotes(proposalId);
    expect(against).to.equal(0n);
    expect(forVotes).to.equal(ALICE_VOTES);
  });

  it("lets the proposer cancel a proposal before voting starts, and then nobody can vote on it", async function () {
    const sandbox = await loadFixture(governedFixture);
    const { governor, actors } = sandbox;
    const { targets, values, calldatas, descriptionHash, proposalId } = await propose(sandbox);
    await expect(governor.connect(actors.bob).cancel(targets, values, calldatas, descriptionHash))
      .to.be.revertedWithCustomError(governor, "GovernorUnableToCancel")
      .withArgs(proposalId, actors.bob.address);
    await expect(governor.connect(actors.alice).cancel(targets, values, calldatas, descriptionHash))
      .to.emit(governor, "ProposalCanceled")
      .withArgs(proposalId);
    expect(await governor.state(proposalId)).to.equal(CANCELED);
    await networkHelpers.mine(VOTING_DELAY + 1n);
    await expect(
      governor.connect(actors.alice).castVote(proposalId, FOR),
    ).to.be.revertedWithCustomError(governor, "GovernorUnexpectedProposalState");
  });

  it("refuses a second vote from the same account", async function () {
    const sandbox = await loadFixture(governedFixture);
    const { governor, actors } = sandbox;
    const { proposalId } = await propose(sandbox);
    await networkHelpers.mine(VOTING_DELAY + 1n);
    await governor.connect(actors.alice).castVote(proposalId, FOR);
    await expect(governor.connect(actors.alice).castVote(proposalId, AGAINST))
      .to.be.revertedWithCustomError(governor, "GovernorAlreadyCastVote")
      .withArgs(actors.alice.address);
  });

  describe("access control", function () {
    it("refuses every governance-only setting of the governor from an account", async function () {
      const { governor, timelock, actors } = await loadFixture(governedFixture);
      const alice = governor.connect(actors.alice);
      const calls = [
        () => alice.setVotingDelay(0n),
        () => alice.setVotingPeriod(1n),
        () => alice.setProposalThreshold(1n),
        () => alice.updateQuorumNumerator(1n),
        () => alice.updateTimelock(actors.alice.address),
        () => alice.relay(actors.alice.address, 0n, "0x"),
      ];
      for (const call of calls) {
        await expect(call())
          .to.be.revertedWithCustomError(governor, "GovernorOnlyExecutor")
          .withArgs(actors.alice.address);
      }
      expect(await governor.timelock()).to.equal(await timelock.getAddress());
    });

    it("refuses scheduling, cancelling, delay changes and role grants on the timelock from an account", async function () {
      const { timelock, actors } = await loadFixture(governedFixture);
      const { alice } = actors;
      const asAlice = timelock.connect(alice);
      const salt = ethers.ZeroHash;
      await expect(asAlice.schedule(alice.address, 0n, "0x", ethers.ZeroHash, salt, TIMELOCK_DELAY))
        .to.be.revertedWithCustomError(timelock, "AccessControlUnauthorizedAccount")
        .withArgs(alice.address, PROPOSER_ROLE);
      await expect(
        asAlice.scheduleBatch([alice.address], [0n], ["0x"], ethers.ZeroHash, salt, TIMELOCK_DELAY),
      )
        .to.be.revertedWithCustomError(timelock, "AccessControlUnauthorizedAccount")
        .withArgs(alice.address, PROPOSER_ROLE);
      await expect(asAlice.cancel(ethers.ZeroHash))
        .to.be.revertedWithCustomError(timelock, "AccessControlUnauthorizedAccount")
        .withArgs(alice.address, CANCELLER_ROLE);
      await expect(asAlice.updateDelay(0n))
        .to.be.revertedWithCustomError(timelock, "TimelockUnauthorizedCaller")
        .withArgs(alice.address);
      await expect(asAlice.grantRole(PROPOSER_ROLE, alice.address))
        .to.be.revertedWithCustomError(timelock, "AccessControlUnauthorizedAccount")
        .withArgs(alice.address, DEFAULT_ADMIN_ROLE);
      expect(await timelock.getMinDelay()).to.equal(TIMELOCK_DELAY);
    });

    it("lets anyone execute only what was scheduled and is ready", async function () {
      const { timelock, actors } = await loadFixture(governedFixture);
      const { alice } = actors;
      const operation = await timelock.hashOperation(
        alice.address,
        0n,
        "0x",
        ethers.ZeroHash,
        ethers.ZeroHash,
      );
      const readyState = 1n << 2n; // OperationState.Ready
      await expect(
        timelock.connect(alice).execute(alice.address, 0n, "0x", ethers.ZeroHash, ethers.ZeroHash),
      )
        .to.be.revertedWithCustomError(timelock, "TimelockUnexpectedOperationState")
        .withArgs(operation, ethers.toBeHex(readyState, 32));
    });
  });
});
