import { expect } from "chai";
import { id } from "ethers";

import {
  EmergencyCommitGovernor__factory,
  FlashLender__factory,
  FlashVoteAttacker__factory,
  GovernanceToken__factory,
  MockERC20__factory,
} from "../../../typechain-types/index.js";
import { getActors } from "../../../lib/chain/actors.js";
import { ethers, loadFixture, networkHelpers } from "../../helpers/connection.js";

const ONE = 10n ** 18n;
const DAY = 86_400n;
const SUPPLY = 3_000n * ONE;
const SUCCEEDED = 4n;
const ACTIVE = 1n;
const EXECUTED = 7n;

async function emergencyGovernorFixture() {
  const actors = await getActors(ethers);
  const { deployer, alice, bob, carol } = actors;
  const token = await new GovernanceToken__factory(deployer).deploy(deployer.address);
  await token.grantRole(await token.MINTER_ROLE(), deployer.address);
  await token.mint(deployer.address, SUPPLY);
  const governor = await new EmergencyCommitGovernor__factory(deployer).deploy(
    await token.getAddress(),
    1n,
    50n,
    0n,
    4n,
  );
  const dai = await new MockERC20__factory(deployer).deploy("Dai Stablecoin", "DAI", 18);
  await dai.faucet(await governor.getAddress(), 1_000n * ONE);
  // alice 1,000 (a third), bob 1,000, carol 1,000: two of them make the supermajority.
  for (const holder of [alice, bob, carol]) await token.transfer(holder.address, 1_000n * ONE);
  const proposal = {
    targets: [await dai.getAddress()],
    values: [0n],
    calldatas: [dai.interface.encodeFunctionData("transfer", [carol.address, 1_000n * ONE])],
    description: "Pay carol",
  };
  await governor
    .connect(alice)
    .propose(proposal.targets, proposal.values, proposal.calldatas, proposal.description);
  const proposalId = await governor.getProposalId(
    proposal.targets,
    proposal.values,
    proposal.calldatas,
    id(proposal.description),
  );
  await networkHelpers.mine(2);
  return { ...actors, token, governor, dai, proposal, proposalId };
}

const args = (p: {
  targets: string[];
  values: bigint[];
  calldatas: string[];
  description: string;
}) => [p.targets, p.values, p.calldatas, id(p.description)] as const;

describe("EmergencyCommitGovernor", function () {
  it("counts a vote at the voter's balance now, not at the snapshot: the flaw", async function () {
    const { governor, token, alice, dave, proposalId } =
      await loadFixture(emergencyGovernorFixture);
    // dave held nothing at the snapshot and never delegated.
    await token.connect(alice).transfer(dave.address, 400n * ONE);
    await expect(governor.connect(dave).castVote(proposalId, 1))
      .to.emit(governor, "VoteCast")
      .withArgs(dave.address, proposalId, 1, 400n * ONE, "");
  });

  it("refuses an emergency commit before the proposal is a day old, with the times", async function () {
    const { governor, alice, bob, proposal, proposalId } =
      await loadFixture(emergencyGovernorFixture);
    await governor.connect(alice).castVote(proposalId, 1);
    await governor.connect(bob).castVote(proposalId, 1);
    const proposedAt = await governor.proposedAt(proposalId);
    const tx = governor.emergencyCommit(...args(proposal));
    const now = BigInt((await ethers.provider.getBlock("latest"))!.timestamp) + 1n;
    await expect(tx)
      .to.be.revertedWithCustomError(governor, "GovernorEmergencyTooEarly")
      .withArgs(proposalId, proposedAt + DAY, now);
    expect(await governor.state(proposalId)).to.equal(ACTIVE);
  });

  it("refuses an emergency commit without two thirds of the supply For, with the votes", async function () {
    const { governor, alice, proposal, proposalId } = await loadFixture(emergencyGovernorFixture);
    await governor.connect(alice).castVote(proposalId, 1);
    await networkHelpers.time.increase(DAY);
    expect(await governor.emergencyVotesNeeded()).to.equal(2_000n * ONE);
    await expect(governor.emergencyCommit(...args(proposal)))
      .to.be.revertedWithCustomError(governor, "GovernorEmergencyNoSupermajority")
      .withArgs(proposalId, 1_000n * ONE, 2_000n * ONE);
  });

  it("executes at once with a supermajority a day later, and treats the proposal as succeeded", async function () {
    const { governor, dai, alice, bob, carol, proposal, proposalId } =
      await loadFixture(emergencyGovernorFixture);
    await governor.connect(alice).castVote(proposalId, 1);
    await governor.connect(bob).castVote(proposalId, 1);
    await networkHelpers.time.increase(DAY);
    expect(await governor.state(proposalId)).to.equal(SUCCEEDED);
    await expect(governor.emergencyCommit(...args(proposal))).to.changeTokenBalances(
      ethers,
      dai,
      [governor, carol],
      [-1_000n * ONE, 1_000n * ONE],
    );
    expect(await governor.state(proposalId)).to.equal(EXECUTED);
  });

  it("executes a proposal the normal way after its voting period", async function () {
    const { governor, dai, alice, carol, proposal, proposalId } =
      await loadFixture(emergencyGovernorFixture);
    await governor.connect(alice).castVote(proposalId, 1);
    await networkHelpers.mine(51);
    expect(await governor.state(proposalId)).to.equal(SUCCEEDED);
    await expect(governor.execute(...args(proposal))).to.changeTokenBalances(
      ethers,
      dai,
      [governor, carol],
      [-1_000n * ONE, 1_000n * ONE],
    );
  });

  it("lets only governance change its settings", async function () {
    const { governor, alice } = await loadFixture(emergencyGovernorFixture);
    await expect(governor.connect(alice).setVotingDelay(5n))
      .to.be.revertedWithCustomError(governor, "GovernorOnlyExecutor")
      .withArgs(alice.address);
    await expect(governor.connect(alice).updateQuorumNumerator(50n))
      .to.be.revertedWithCustomError(governor, "GovernorOnlyExecutor")
      .withArgs(alice.address);
    expect(await governor.votingDelay()).to.equal(1n);
  });
});

describe("FlashVoteAttacker", function () {
  it("lets only its owner attack and only its lender call back", async function () {
    const { governor, token, deployer, alice } = await loadFixture(emergencyGovernorFixture);
    const lender = await new FlashLender__factory(deployer).deploy(
      deployer.address,
      deployer.address,
      0n,
    );
    const attacker = await new FlashVoteAttacker__factory(deployer).deploy(
      await lender.getAddress(),
      await governor.getAddress(),
      await token.getAddress(),
    );
    await expect(attacker.connect(alice).attack([], [], [], id("x")))
      .to.be.revertedWithCustomError(attacker, "AttackerNotOwner")
      .withArgs(alice.address);
    await expect(
      attacker.connect(alice).onFlashLoan(alice.address, await token.getAddress(), 1n, 0n, "0x"),
    )
      .to.be.revertedWithCustomError(attacker, "AttackerNotLender")
      .withArgs(alice.address);
  });
});
