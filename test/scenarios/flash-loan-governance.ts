import { expect } from "chai";

import {
  GOV_LENDER_LIQUIDITY,
  GOV_SUPPLY,
  GOV_TREASURY,
  flashLoanGovernance,
  type GovernanceWorld,
} from "../../lib/scenarios/flash-loan-governance.js";
import { playSide } from "../../lib/scenarios/run.js";
import { networkHelpers } from "../helpers/connection.js";
import { scenarioEnvFixture } from "../helpers/scenarios.js";

const EXECUTED = 7n;
const DEFEATED = 3n;

async function play(side: "vulnerable" | "hardened") {
  const env = await networkHelpers.loadFixture(scenarioEnvFixture);
  let world: GovernanceWorld | undefined;
  const scenario = {
    ...flashLoanGovernance,
    async setup(...args: Parameters<typeof flashLoanGovernance.setup>) {
      world = await flashLoanGovernance.setup(...args);
      return world;
    },
  };
  const result = await playSide(scenario, env, side);
  if (world === undefined) throw new Error("setup did not run");
  const { governor, proposal } = world;
  const id = await governor.getProposalId(
    proposal.targets,
    proposal.values,
    proposal.calldatas,
    proposal.descriptionHash,
  );
  return { result, world, state: await governor.state(id) };
}

describe("Scenario: flash-loan governance", function () {
  it("passes and executes the drain with borrowed tokens counted at their current balance", async function () {
    const { result, world, state } = await play("vulnerable");
    expect(GOV_LENDER_LIQUIDITY * 3n, "the desk lends over two thirds").to.be.greaterThan(
      GOV_SUPPLY * 2n,
    );
    expect(world.flashVoteWeight, "the borrowed tokens vote").to.equal(GOV_LENDER_LIQUIDITY);
    expect(state, "executed inside the loan").to.equal(EXECUTED);
    expect(result.attackerProfit, "the whole treasury").to.equal(GOV_TREASURY);
    expect(result.victimsLoss).to.equal(GOV_TREASURY);
    expect(result.protocolAfter, "the treasury is empty").to.equal(0n);
    expect(result.checks.filter((c) => !c.ok).map((c) => c.message)).to.deep.equal([]);
  });

  it("counts the borrowed tokens as no votes at the snapshot, and the holders defeat the proposal", async function () {
    const { result, world, state } = await play("hardened");
    expect(world.flashVoteWeight, "no votes at the snapshot").to.equal(0n);
    expect(state, "defeated once voting closes").to.equal(DEFEATED);
    expect(result.attackerProfit).to.equal(0n);
    expect(result.victimsLoss).to.equal(0n);
    expect(result.protocolAfter, "the timelock keeps the treasury").to.equal(GOV_TREASURY);
    expect(result.checks.filter((c) => !c.ok).map((c) => c.message)).to.deep.equal([]);
  });
});
