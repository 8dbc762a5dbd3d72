import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { id, ZeroAddress } from "ethers";

import TokensModule from "./Tokens.js";

/** Sandbox defaults: short enough to play a proposal through on a local chain with `mine`. */
export const VOTING_DELAY = 1n; // blocks
export const VOTING_PERIOD = 50n; // blocks
export const PROPOSAL_THRESHOLD = 0n;
/**
 * A quarter of the supply: above any one holder's airdrop, below any two together. A protocol with
 * thousands of holders and low turnout can live with 4% (Compound's, Uniswap's); with six holders 4%
 * would let any one of them pass a proposal alone.
 */
export const QUORUM_PERCENT = 25n;
export const TIMELOCK_DELAY = 3_600n; // seconds

const PROPOSER_ROLE = id("PROPOSER_ROLE");
const CANCELLER_ROLE = id("CANCELLER_ROLE");

/**
 * On-chain governance: the governor counts the governance token's votes and the timelock executes
 * what passes. The governor is the timelock's only lasting proposer and canceller and anyone may
 * execute a queued proposal once its delay is over. The timelock starts without a delay and with the
 * deployer as its admin: that is the bootstrap the Handover module needs to have the timelock accept
 * the sandbox's admin powers, after which it sets the delay to TIMELOCK_DELAY and the deployer
 * renounces every timelock role. Deploy this module through Sandbox.ts (or with Handover.ts), never
 * on its own.
 */
export default buildModule("Governance", (m) => {
  const deployer = m.getAccount(0);
  const { governance } = m.useModule(TokensModule);

  const timelock = m.contract("SandboxTimelock", [0n, [], [ZeroAddress], deployer]);
  const governor = m.contract("SandboxGovernor", [
    governance,
    timelock,
    m.getParameter("votingDelay", VOTING_DELAY),
    m.getParameter("votingPeriod", VOTING_PERIOD),
    m.getParameter("proposalThreshold", PROPOSAL_THRESHOLD),
    m.getParameter("quorumPercent", QUORUM_PERCENT),
  ]);

  m.call(timelock, "grantRole", [PROPOSER_ROLE, governor], { id: "grantProposer" });
  m.call(timelock, "grantRole", [CANCELLER_ROLE, governor], { id: "grantCanceller" });

  return { governor, timelock };
});
