import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { id, ZeroAddress } from "ethers";

import TokensModule from "./Tokens.js";

/** Sandbox defaults: short enough to play a proposal through on a local chain with `mine`. */
export const VOTING_DELAY = 1n; // blocks
export const VOTING_PERIOD = 50n; // blocks
export const PROPOSAL_THRESHOLD = 0n;
export const QUORUM_PERCENT = 4n;
export const TIMELOCK_DELAY = 3_600n; // seconds

const PROPOSER_ROLE = id("PROPOSER_ROLE");
const CANCELLER_ROLE = id("CANCELLER_ROLE");
const DEFAULT_ADMIN_ROLE = "0x" + "00".repeat(32);

/**
 * On-chain governance: the governor counts the governance token's votes and the timelock executes
 * what passes. The governor is the timelock's only proposer and canceller, anyone may execute a
 * queued proposal once its delay is over, and the deployer renounces the timelock's admin role at
 * the end, so the timelock administers itself. Hand the timelock ownership of any admin function
 * (`timelock` in the returned futures) to put it under governance.
 */
export default buildModule("Governance", (m) => {
  const deployer = m.getAccount(0);
  const { governance } = m.useModule(TokensModule);

  const timelock = m.contract("SandboxTimelock", [
    m.getParameter("timelockDelay", TIMELOCK_DELAY),
    [],
    [ZeroAddress],
    deployer,
  ]);
  const governor = m.contract("SandboxGovernor", [
    governance,
    timelock,
    m.getParameter("votingDelay", VOTING_DELAY),
    m.getParameter("votingPeriod", VOTING_PERIOD),
    m.getParameter("proposalThreshold", PROPOSAL_THRESHOLD),
    m.getParameter("quorumPercent", QUORUM_PERCENT),
  ]);

  const proposer = m.call(timelock, "grantRole", [PROPOSER_ROLE, governor], {
    id: "grantProposer",
  });
  const canceller = m.call(timelock, "grantRole", [CANCELLER_ROLE, governor], {
    id: "grantCanceller",
  });
  m.call(timelock, "renounceRole", [DEFAULT_ADMIN_ROLE, deployer], {
    id: "renounceAdmin",
    after: [proposer, canceller],
  });

  return { governor, timelock };
});
