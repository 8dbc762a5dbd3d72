// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {SweepPool} from "./SweepPool.sol";

/// @title CappedSweepPool
/// @notice A SweepPool whose sweeps are rate-limited: at most `sweepCap` per `SWEEP_PERIOD`, counted
/// in fixed windows. Meant to be owned by a timelock that a governor or multisig proposes to, so
/// that a single stolen key can do nothing and even a captured owner takes at most the cap a day.
/// @dev Invariant: the amount swept in the current window never exceeds `sweepCap`.
contract CappedSweepPool is SweepPool {
    uint256 public constant SWEEP_PERIOD = 1 days;

    uint256 public immutable sweepCap;

    /// @notice Start of the current sweep window.
    uint256 public windowStart;
    /// @notice Swept since `windowStart`.
    uint256 public sweptInWindow;

    constructor(IERC20 asset_, address owner_, uint256 sweepCap_) SweepPool(asset_, owner_) {
        sweepCap = sweepCap_;
    }

    /// @notice What the owner may still sweep now.
    function sweepAvailable() public view returns (uint256) {
        if (block.timestamp >= windowStart + SWEEP_PERIOD) return sweepCap;
        return sweepCap - sweptInWindow;
    }

    function _beforeSweep(uint256 amount) internal override {
        uint256 available = sweepAvailable();
        if (amount > available) revert SweepPoolCapExceeded(amount, available);
        if (block.timestamp >= windowStart + SWEEP_PERIOD) {
            windowStart = block.timestamp;
            sweptInWindow = amount;
        } else {
            sweptInWindow += amount;
        }
    }
}
