// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

import {ISweepPool} from "./ISweepPool.sol";

/// @title SweepPool
/// @notice Deposits of one token, paid back on request, and an owner sweep whose limit each variant
/// decides in `_beforeSweep`.
/// @dev Invariant: totalDeposits == sum of balanceOf. The sweep is the one way out that does not
/// go through a depositor's balance, so after a sweep the pool may hold less than it owes.
abstract contract SweepPool is ISweepPool, Ownable {
    using SafeERC20 for IERC20;

    IERC20 public immutable asset;

    mapping(address account => uint256) public balanceOf;
    uint256 public totalDeposits;

    constructor(IERC20 asset_, address owner_) Ownable(owner_) {
        if (address(asset_) == address(0)) revert SweepPoolZeroAddress();
        asset = asset_;
    }

    /// @inheritdoc ISweepPool
    function deposit(uint256 amount) external {
        if (amount == 0) revert SweepPoolZeroAmount();
        balanceOf[msg.sender] += amount;
        totalDeposits += amount;
        asset.safeTransferFrom(msg.sender, address(this), amount);
        emit Deposited(msg.sender, amount);
    }

    /// @inheritdoc ISweepPool
    function withdraw(uint256 amount) external {
        if (amount == 0) revert SweepPoolZeroAmount();
        uint256 balance = balanceOf[msg.sender];
        if (amount > balance) revert SweepPoolInsufficientBalance(msg.sender, balance, amount);
        // Cannot underflow: amount <= balance <= totalDeposits.
        unchecked {
            balanceOf[msg.sender] = balance - amount;
            totalDeposits -= amount;
        }
        asset.safeTransfer(msg.sender, amount);
        emit Withdrawn(msg.sender, amount);
    }

    /// @inheritdoc ISweepPool
    function sweep(address to, uint256 amount) external onlyOwner {
        if (to == address(0)) revert SweepPoolZeroAddress();
        if (amount == 0) revert SweepPoolZeroAmount();
        _beforeSweep(amount);
        asset.safeTransfer(to, amount);
        emit Swept(to, amount);
    }

    /// @dev Reverts when `amount` may not be swept now; records it otherwise.
    function _beforeSweep(uint256 amount) internal virtual;
}
