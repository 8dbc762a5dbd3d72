// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IEtherFlashBorrower, IEtherFlashPool} from "./IEtherFlashPool.sol";

/// @title NaiveEtherFlashPool
/// @notice Lends its depositors' ETH for one call at a time, free, and checks it came back.
/// @custom:vulnerability Judges repayment by its ETH balance alone, so a loan deposited back into the pool counts as repaid and becomes the borrower's deposit.
contract NaiveEtherFlashPool is IEtherFlashPool, ReentrancyGuardTransient {
    mapping(address account => uint256) public balanceOf;
    uint256 public totalDeposits;

    // ---------------------------------------------------------------- external

    /// @notice Takes back a loan: borrowers repay by sending plain ETH during `onEtherFlashLoan`.
    receive() external payable {}

    /// @inheritdoc IEtherFlashPool
    function deposit() external payable {
        if (msg.value == 0) revert FlashPoolZeroAmount();
        balanceOf[msg.sender] += msg.value;
        totalDeposits += msg.value;
        emit Deposited(msg.sender, msg.value);
    }

    /// @inheritdoc IEtherFlashPool
    function withdraw(uint256 amount) external nonReentrant {
        if (amount == 0) revert FlashPoolZeroAmount();
        uint256 balance = balanceOf[msg.sender];
        if (amount > balance) revert FlashPoolInsufficientBalance(msg.sender, balance, amount);
        balanceOf[msg.sender] = balance - amount;
        totalDeposits -= amount;
        emit Withdrawn(msg.sender, amount);
        (bool paid, ) = msg.sender.call{value: amount}("");
        if (!paid) revert FlashPoolPayoutFailed(msg.sender, amount);
    }

    /// @inheritdoc IEtherFlashPool
    function flashLoan(uint256 amount) external nonReentrant {
        if (amount == 0) revert FlashPoolZeroAmount();
        uint256 balanceBefore = address(this).balance;
        if (amount > balanceBefore) revert FlashPoolLoanTooLarge(amount, balanceBefore);
        emit FlashLoan(msg.sender, amount);
        IEtherFlashBorrower(msg.sender).onEtherFlashLoan{value: amount}();
        if (address(this).balance < balanceBefore) {
            revert FlashPoolNotRepaid(balanceBefore, address(this).balance);
        }
    }
}
