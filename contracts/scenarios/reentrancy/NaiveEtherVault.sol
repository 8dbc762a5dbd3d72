// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IEtherVault} from "./IEtherVault.sol";

/// @title NaiveEtherVault
/// @notice Holds ETH for its depositors and pays each back on request.
/// @custom:vulnerability Pays out before recording the withdrawal, so a receiver that re-enters withdraws the same balance again.
contract NaiveEtherVault is IEtherVault {
    mapping(address account => uint256) public balanceOf;

    // ---------------------------------------------------------------- external

    /// @inheritdoc IEtherVault
    function deposit() external payable {
        if (msg.value == 0) revert EtherVaultZeroAmount();
        balanceOf[msg.sender] += msg.value;
        emit Deposited(msg.sender, msg.value);
    }

    /// @inheritdoc IEtherVault
    function withdraw(uint256 amount) external {
        if (amount == 0) revert EtherVaultZeroAmount();
        uint256 balance = balanceOf[msg.sender];
        if (amount > balance) revert EtherVaultInsufficientBalance(msg.sender, balance, amount);
        (bool paid, ) = msg.sender.call{value: amount}("");
        if (!paid) revert EtherVaultPayoutFailed(msg.sender, amount);
        balanceOf[msg.sender] = balance - amount;
        emit Withdrawn(msg.sender, amount);
    }
}
