// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC3156FlashBorrower} from "@openzeppelin/contracts/interfaces/IERC3156FlashBorrower.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {ITokenFlashPool} from "./ITokenFlashPool.sol";

/// @title TokenFlashPool
/// @notice Lends its depositors' tokens for one call at a time, free, and checks they came back.
/// @dev Invariant: the pool's token balance is at least the sum of what it owes its depositors.
/// The only call the pool makes during a loan is ERC-3156's `onFlashLoan` on the borrower, which
/// must answer with the ERC-3156 magic value; the pool never calls an address with caller-chosen
/// calldata, so it never approves or transfers on anyone's say-so.
contract TokenFlashPool is ITokenFlashPool, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    bytes32 private constant CALLBACK_SUCCESS = keccak256("ERC3156FlashBorrower.onFlashLoan");

    IERC20 public immutable token;
    mapping(address account => uint256) public balanceOf;

    constructor(IERC20 token_) {
        token = token_;
    }

    // ---------------------------------------------------------------- external

    /// @inheritdoc ITokenFlashPool
    function deposit(uint256 amount) external nonReentrant {
        if (amount == 0) revert FlashPoolZeroAmount();
        balanceOf[msg.sender] += amount;
        emit Deposited(msg.sender, amount);
        token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc ITokenFlashPool
    function withdraw(uint256 amount) external nonReentrant {
        if (amount == 0) revert FlashPoolZeroAmount();
        uint256 balance = balanceOf[msg.sender];
        if (amount > balance) revert FlashPoolInsufficientBalance(msg.sender, balance, amount);
        balanceOf[msg.sender] = balance - amount;
        emit Withdrawn(msg.sender, amount);
        token.safeTransfer(msg.sender, amount);
    }

    /// @inheritdoc ITokenFlashPool
    function flashLoan(
        address borrower,
        uint256 amount,
        bytes calldata data
    ) external nonReentrant {
        uint256 balanceBefore = token.balanceOf(address(this));
        if (amount > balanceBefore) revert FlashPoolLoanTooLarge(amount, balanceBefore);
        emit FlashLoan(msg.sender, borrower, amount);
        token.safeTransfer(borrower, amount);
        if (
            IERC3156FlashBorrower(borrower).onFlashLoan(
                msg.sender,
                address(token),
                amount,
                0,
                data
            ) != CALLBACK_SUCCESS
        ) revert FlashPoolCallbackFailed(borrower);
        uint256 balanceAfter = token.balanceOf(address(this));
        if (balanceAfter < balanceBefore) revert FlashPoolNotRepaid(balanceBefore, balanceAfter);
    }
}
