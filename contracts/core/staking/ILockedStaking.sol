// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title ILockedStaking
/// @notice Single-asset staking with lock-up tiers: a reward budget streams over a period to stakers
/// in proportion to their weight, where weight is stake times the tier's boost while the tier is
/// locked, and the flexible weight from its unlock time on.
interface ILockedStaking {
    // ---------------------------------------------------------------- errors

    error LockedStakingZeroAmount();
    error LockedStakingZeroAddress();
    error LockedStakingUnknownTier(uint256 tier);
    error LockedStakingInsufficientBalance(uint256 tier, uint256 balance, uint256 requested);
    error LockedStakingLocked(uint256 tier, uint256 unlockAt, uint256 timestamp);
    error LockedStakingRewardTooHigh(uint256 required, uint256 available);
    error LockedStakingRewardRateZero(uint256 reward, uint256 duration);
    error LockedStakingCannotCompound(address stakingToken, address rewardToken);
    error LockedStakingPeriodNotFinished(uint256 periodFinish, uint256 timestamp);
    error LockedStakingZeroDuration();
    error LockedStakingTransferShortfall(uint256 received, uint256 expected);

    // ---------------------------------------------------------------- events

    event Staked(address indexed user, uint256 indexed tier, uint256 amount, uint256 unlockAt);
    event Withdrawn(address indexed user, uint256 indexed tier, uint256 amount);
    event RewardPaid(address indexed user, uint256 reward);
    event Compounded(address indexed user, uint256 reward);
    event RewardAdded(uint256 reward, uint256 rewardRate, uint256 periodFinish);
    event RewardsDurationUpdated(uint256 duration);

    // ---------------------------------------------------------------- users

    /// @notice Stakes `amount` in `tier` (0 flexible, 1 thirty days, 2 ninety days). A lock ends at
    /// the first whole day (a multiple of 86,400 seconds, UTC midnight) at or after 30 or 90 days
    /// from now, so it lasts up to a day longer; its boost ends with it. Staking into a locked tier
    /// restarts that tier's lock, and its boost, for its whole balance. A locked tier holds at most
    /// 2^96 - 1 units (79 billion tokens of 18 decimals); the flexible tier 2^128 - 1.
    function stake(uint256 amount, uint256 tier) external;

    /// @notice Unstakes `amount` from `tier`; refused while the tier is locked.
    function withdraw(uint256 amount, uint256 tier) external;

    /// @notice Pays the caller's earned rewards.
    function getReward() external;

    /// @notice Withdraws every tier (all must be unlocked) and pays the rewards.
    function exit() external;

    /// @notice Restakes the caller's earned rewards into the flexible tier; only when the reward
    /// token is the staking token.
    function compound() external;

    /// @notice Brings the reward accumulator forward across at most `maxDays` day boundaries (to now
    /// if fewer are left), taking out of totalWeight the boosts of the locks that ended on them.
    /// Every other call does this up to now itself, at one storage read per day boundary crossed
    /// (about 2,400 gas a day, about 26,000 more on a day when locks end); after a long idle period,
    /// anyone can catch up in bounded steps first, so that no call runs out of gas. Open to anyone.
    /// @return reached The time the accumulator was brought to: now, or the last boundary crossed.
    function checkpoint(uint256 maxDays) external returns (uint256 reached);

    // ---------------------------------------------------------------- owner

    /// @notice Starts a reward period of `rewardsDuration` funded by `reward` plus what the running
    /// period had left plus what was emitted while nobody staked. The contract must already hold it.
    function notifyRewardAmount(uint256 reward) external;

    /// @notice Sets the length of the next reward periods; only between periods.
    function setRewardsDuration(uint256 duration) external;

    // ---------------------------------------------------------------- views

    /// @notice A tier's stake of `account` and when it unlocks (0 for the flexible tier).
    function balanceOf(address account, uint256 tier) external view returns (uint256, uint256);

    /// @notice The account's share weight now: the sum of its tier stakes times their boosts, a
    /// locked tier counted at the flexible weight from its unlock time on.
    function weightOf(address account) external view returns (uint256);

    /// @notice The sum of all accounts' weights now.
    function totalWeight() external view returns (uint256);

    /// @notice Rewards `account` could claim now.
    function earned(address account) external view returns (uint256);

    /// @notice Rewards per unit of weight since deployment, scaled by 1e18.
    function rewardPerWeight() external view returns (uint256);
}
