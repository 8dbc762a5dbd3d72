// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IEtherVault} from "./IEtherVault.sol";

/// @title EtherVault
/// @notice Holds ETH for its depositors and pays each back on request.
/// @dev Invariant: the vault's ETH balance is at least the sum of what it owes its depositors.
/// A withdrawal is recorded before the ETH leaves (checks-effects-interactions), and the guard
/// refuses any call back into the vault while a payout is in flight.
contract EtherVault is IEtherVault, ReentrancyGuardTransient {
    mapping(address account => uint256) public balanceOf;

    // ---------------------------------------------------------------- external

    /// @inheritdoc IEtherVault
    function deposit() external payable nonReentrant {
        if (msg.value == 0) revert EtherVaultZeroAmount();
        balanceOf[msg.sender] += msg.value;
        emit Deposited(msg.sender, msg.value);
    }

    /// @inheritdoc IEtherVault
    function withdraw(uint256 amount) external nonReentrant {
        if (amount == 0) revert EtherVaultZeroAmount();
        uint256 balance = balanceOf[msg.sender];
        if (amount > balance) revert EtherVaultInsufficientBalance(msg.sender, balance, amount);
        balanceOf[msg.sender] = balance - amount;
        emit Withdrawn(msg.sender, amount);
        (bool paid, ) = msg.sender.call{value: amount}("");
        if (!paid) revert EtherVaultPayoutFailed(msg.sender, amount);
    }
}
