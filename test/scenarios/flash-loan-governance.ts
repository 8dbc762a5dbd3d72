import { expect } from "chai";

import {
  GOV_LENDER_LIQUIDITY,
  GOV_SUPPLY,
  GOV_TREASURY,
  flashLoanGovernance,
  type GovernanceWorld,
} from "../../lib/scenarios/flash-loan-governance.js";
import type { Side } from "../../lib/scenarios/types.js";
import { loadFixture } from "../helpers/connection.js";
import { describeFrameworkPlay, describeSide, scenarioEnvFixture } from "../helpers/scenarios.js";

// OpenZeppelin Governor's ProposalState: Defeated = 3, Executed = 7.
const EXECUTED = 7n;
const DEFEATED = 3n;

async function setup(side: Side): Promise<GovernanceWorld> {
  return flashLoanGovernance.setup(await loadFixture(scenarioEnvFixture), side);
}

async function proposalState(world: GovernanceWorld): Promise<bigint> {
  const { governor, proposal } = world;
  const id = await governor.getProposalId(
    proposal.targets,
    proposal.values,
    proposal.calldatas,
    proposal.descriptionHash,
  );
  return governor.state(id);
}

/** The starting state both sides share: the treasury full, the lending desk holding the votes. */
async function expectInitialState(world: GovernanceWorld): Promise<void> {
  expect(GOV_LENDER_LIQUIDITY * 3n, "the desk lends over two thirds").to.be.greaterThan(
    GOV_SUPPLY * 2n,
  );
  expect(await world.dai.balanceOf(world.executor), "the treasury's DAI").to.equal(GOV_TREASURY);
  expect(
    await world.token.balanceOf(await world.lender.getAddress()),
    "the desk's governance tokens",
  ).to.equal(GOV_LENDER_LIQUIDITY);
  expect(await world.token.getVotes(world.attacker.address), "the attacker's votes").to.equal(0n);
}

describe("Scenario: flash-loan-governance", function () {
  describeSide("vulnerable side: EmergencyCommitGovernor", flashLoanGovernance, {
    setup: () => setup("vulnerable"),
    initialState: [
      "the treasury is full and the desk holds three quarters of the votes",
      expectInitialState,
    ],
    exploit: [
      "borrowed tokens vote at their current balance and execute the drain inside the loan",
      async ({ revert, afterExploit }, world) => {
        expect(revert, "the attack goes through").to.equal(null);
        expect(await proposalState(world), "executed inside the loan").to.equal(EXECUTED);
        expect(afterExploit.protocol, "the treasury is empty").to.equal(0n);
      },
    ],
    success: [
      "the attacker takes the whole treasury from the holders",
      async ({ result }, world) => {
        expect(world.flashVoteWeight, "the borrowed tokens vote").to.equal(GOV_LENDER_LIQUIDITY);
        expect(result.attackerProfit, "the whole treasury").to.equal(GOV_TREASURY);
        expect(result.victimsLoss, "the holders' loss").to.equal(GOV_TREASURY);
      },
    ],
  });

  describeSide(
    "hardened side: SandboxGovernor with a snapshot and a timelock",
    flashLoanGovernance,
    {
      setup: () => setup("hardened"),
      initialState: [
        "the treasury is full and the desk holds three quarters of the votes",
        expectInitialState,
      ],
      exploit: [
        "the borrowed tokens count as no votes at the snapshot, and the treasury stays put",
        async ({ afterExploit }) => {
          expect(afterExploit.protocol, "the timelock keeps the treasury").to.equal(GOV_TREASURY);
        },
      ],
      success: [
        "the holders defeat the proposal once voting closes; nobody loses anything",
        async ({ result }, world) => {
          expect(world.flashVoteWeight, "no votes at the snapshot").to.equal(0n);
          expect(await proposalState(world), "defeated once voting closes").to.equal(DEFEATED);
          expect(result.attackerProfit, "attacker's profit").to.equal(0n);
          expect(result.victimsLoss, "the holders' loss").to.equal(0n);
        },
      ],
    },
  );

  describeFrameworkPlay(flashLoanGovernance);
});
