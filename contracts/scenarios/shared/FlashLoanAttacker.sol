// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC3156FlashBorrower} from "@openzeppelin/contracts/interfaces/IERC3156FlashBorrower.sol";
import {IERC3156FlashLender} from "@openzeppelin/contracts/interfaces/IERC3156FlashLender.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @title FlashLoanAttacker
/// @notice What the scenarios' ERC-3156 attacker contracts share: only the deployer starts an
/// attack, only the lender calls back and only for a loan this contract took, and the loan plus its
/// fee is approved back to the lender after the attack's moves.
abstract contract FlashLoanAttacker is IERC3156FlashBorrower {
    using SafeERC20 for IERC20;

    error AttackerNotLender(address caller);
    error AttackerNotInitiator(address initiator);
    error AttackerNotOwner(address caller);

    bytes32 internal constant CALLBACK_SUCCESS = keccak256("ERC3156FlashBorrower.onFlashLoan");

    address public immutable owner;
    IERC3156FlashLender public immutable lender;

    modifier onlyOwner() {
        if (msg.sender != owner) revert AttackerNotOwner(msg.sender);
        _;
    }

    constructor(IERC3156FlashLender lender_) {
        owner = msg.sender;
        lender = lender_;
    }

    /// @inheritdoc IERC3156FlashBorrower
    function onFlashLoan(
        address initiator,
        address token,
        uint256 amount,
        uint256 fee,
        bytes calldata data
    ) external returns (bytes32) {
        if (msg.sender != address(lender)) revert AttackerNotLender(msg.sender);
        if (initiator != address(this)) revert AttackerNotInitiator(initiator);
        _useLoan(amount, data);
        IERC20(token).forceApprove(address(lender), amount + fee);
        return CALLBACK_SUCCESS;
    }

    /// @dev The attack's moves with `amount` borrowed tokens in hand; `data` is what `attack` passed.
    function _useLoan(uint256 amount, bytes calldata data) internal virtual;
}
