// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {ITokenFlashPool} from "./ITokenFlashPool.sol";

/// @title NaiveTokenFlashPool
/// @notice Lends its depositors' tokens for one call at a time, free, and checks they came back.
/// @custom:vulnerability Makes the borrower's call with the caller's calldata from the pool itself, so the "borrower" can be the token and the call an approval of the pool's balance.
contract NaiveTokenFlashPool is ITokenFlashPool, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

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
        Address.functionCall(borrower, data);
        uint256 balanceAfter = token.balanceOf(address(this));
        if (balanceAfter < balanceBefore) revert FlashPoolNotRepaid(balanceBefore, balanceAfter);
    }
}
