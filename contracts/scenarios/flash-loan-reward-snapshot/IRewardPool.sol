// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IRewardPool
/// @notice The staking surface a depositor uses, shared by the core Farm and SnapshotRewardPool: stake,
/// leave with the rewards, read what is owed.
interface IRewardPool {
    /// @notice Stakes `amount` from the caller for `to` in pool `pid`.
    function deposit(uint256 pid, uint256 amount, address to) external;

    /// @notice Unstakes `amount` of the caller's stake to `to` and pays the caller's rewards to `to`.
    function withdrawAndHarvest(uint256 pid, uint256 amount, address to) external;

    /// @notice Rewards `user` could harvest from pool `pid` now.
    function pendingReward(uint256 pid, address user) external view returns (uint256);
}
