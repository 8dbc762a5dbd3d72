// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {SweepPool} from "./SweepPool.sol";

/// @title UncappedSweepPool
/// @notice A SweepPool whose owner may sweep any amount at any time.
/// @custom:vulnerability One key sweeps every deposit at once: whoever steals the owner's key takes the pool.
contract UncappedSweepPool is SweepPool {
    constructor(IERC20 asset_, address owner_) SweepPool(asset_, owner_) {}

    /// @dev Any amount at any time: nothing to check.
    // solhint-disable-next-line no-empty-blocks
    function _beforeSweep(uint256) internal pure override {}
}
