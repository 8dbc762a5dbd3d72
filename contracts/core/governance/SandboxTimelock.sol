// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

/// @title SandboxTimelock
/// @notice The sandbox's timelock: every change the governor approves waits `getMinDelay()` seconds
/// here before anyone may execute it, so holders who disagree have time to leave.
/// @dev OpenZeppelin's TimelockController unchanged; the subclass only gives the sandbox an artifact
/// of its own. The deployment makes the governor the only proposer and canceller, lets anyone execute,
/// and has the deployer renounce the admin role, so the timelock then administers itself.
contract SandboxTimelock is TimelockController {
    /// @param minDelay Seconds between queueing and execution (sandbox default: 1 hour).
    /// @param proposers Accounts granted PROPOSER_ROLE and CANCELLER_ROLE.
    /// @param executors Accounts granted EXECUTOR_ROLE; address(0) lets anyone execute.
    /// @param admin Optional temporary admin for setup; address(0) for none.
    constructor(
        uint256 minDelay,
        address[] memory proposers,
        address[] memory executors,
        address admin
    ) TimelockController(minDelay, proposers, executors, admin) {}
}
