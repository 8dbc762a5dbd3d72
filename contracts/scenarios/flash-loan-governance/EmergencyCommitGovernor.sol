// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {GovernorCountingSimple} from "@openzeppelin/contracts/governance/extensions/GovernorCountingSimple.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {GovernorVotes} from "@openzeppelin/contracts/governance/extensions/GovernorVotes.sol";
import {GovernorVotesQuorumFraction} from "@openzeppelin/contracts/governance/extensions/GovernorVotesQuorumFraction.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title EmergencyCommitGovernor
/// @notice Governance that holds its own treasury and executes what passes itself. Besides the
/// normal path (voting period, quorum, majority), a proposal at least `EMERGENCY_DELAY` old that has
/// For votes from two thirds of the token supply is committed at once: `emergencyCommit`, or plain
/// `execute`, which treats such a proposal as succeeded.
/// @dev Sandbox settings as SandboxGovernor's: voting delay 1 block, voting period 50 blocks, quorum 4%,
/// no proposal threshold. Invariant: a proposal runs at most once.
/// @custom:vulnerability Votes are the voter's token balance when the vote is cast, and a supermajority
/// executes in the same transaction: a flash loan of the token passes any proposal.
contract EmergencyCommitGovernor is
    Governor,
    GovernorSettings,
    GovernorCountingSimple,
    GovernorVotes,
    GovernorVotesQuorumFraction
{
    error GovernorEmergencyTooEarly(uint256 proposalId, uint256 readyAt, uint256 timestamp);
    error GovernorEmergencyNoSupermajority(uint256 proposalId, uint256 forVotes, uint256 needed);

    /// @notice How old a proposal must be before a supermajority may commit it early.
    uint256 public constant EMERGENCY_DELAY = 1 days;
    /// @notice The supermajority: For votes of at least 2/3 of the token's supply.
    uint256 public constant EMERGENCY_NUMERATOR = 2;
    uint256 public constant EMERGENCY_DENOMINATOR = 3;

    mapping(uint256 proposalId => uint256) public proposedAt;

    constructor(
        IVotes token,
        uint48 initialVotingDelay,
        uint32 initialVotingPeriod,
        uint256 initialProposalThreshold,
        uint256 quorumPercent
    )
        Governor("Emergency Commit Governor")
        GovernorSettings(initialVotingDelay, initialVotingPeriod, initialProposalThreshold)
        GovernorVotes(token)
        GovernorVotesQuorumFraction(quorumPercent)
    {}

    // ---------------------------------------------------------------- external

    /// @notice Executes an active proposal now when it is old enough and has the supermajority;
    /// reverts with the condition that failed otherwise.
    function emergencyCommit(
        address[] calldata targets,
        uint256[] calldata values,
        bytes[] calldata calldatas,
        bytes32 descriptionHash
    ) external payable returns (uint256 proposalId) {
        proposalId = getProposalId(targets, values, calldatas, descriptionHash);
        uint256 readyAt = proposedAt[proposalId] + EMERGENCY_DELAY;
        if (proposedAt[proposalId] == 0 || block.timestamp < readyAt) {
            revert GovernorEmergencyTooEarly(proposalId, readyAt, block.timestamp);
        }
        (, uint256 forVotes, ) = proposalVotes(proposalId);
        uint256 needed = emergencyVotesNeeded();
        if (forVotes < needed)
            revert GovernorEmergencyNoSupermajority(proposalId, forVotes, needed);
        return execute(targets, values, calldatas, descriptionHash);
    }

    /// @notice For votes an emergency commit needs now: 2/3 of the supply, rounded up.
    function emergencyVotesNeeded() public view returns (uint256) {
        uint256 supply = IERC20(address(token())).totalSupply();
        return Math.mulDiv(supply, EMERGENCY_NUMERATOR, EMERGENCY_DENOMINATOR, Math.Rounding.Ceil);
    }

    /// @inheritdoc Governor
    /// @dev An active proposal that may be emergency-committed counts as succeeded.
    function state(uint256 proposalId) public view override returns (ProposalState) {
        ProposalState current = super.state(proposalId);
        if (current == ProposalState.Active && _emergencyReady(proposalId)) {
            return ProposalState.Succeeded;
        }
        return current;
    }

    // ---------------------------------------------------------------- overrides the compiler requires

    function votingDelay() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.votingDelay();
    }

    function votingPeriod() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.votingPeriod();
    }

    function proposalThreshold()
        public
        view
        override(Governor, GovernorSettings)
        returns (uint256)
    {
        return super.proposalThreshold();
    }

    function quorum(
        uint256 timepoint
    ) public view override(Governor, GovernorVotesQuorumFraction) returns (uint256) {
        return super.quorum(timepoint);
    }

    // ---------------------------------------------------------------- internal

    /// @dev The voter's balance now, whatever it was at the snapshot.
    function _getVotes(
        address account,
        uint256,
        bytes memory
    ) internal view override(Governor, GovernorVotes) returns (uint256) {
        return IERC20(address(token())).balanceOf(account);
    }

    function _propose(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description,
        address proposer
    ) internal override returns (uint256 proposalId) {
        proposalId = super._propose(targets, values, calldatas, description, proposer);
        proposedAt[proposalId] = block.timestamp;
    }

    function _emergencyReady(uint256 proposalId) internal view returns (bool) {
        uint256 at = proposedAt[proposalId];
        if (at == 0 || block.timestamp < at + EMERGENCY_DELAY) return false;
        (, uint256 forVotes, ) = proposalVotes(proposalId);
        return forVotes >= emergencyVotesNeeded();
    }
}
