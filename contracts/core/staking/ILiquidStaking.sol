// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title ILiquidStaking
/// @notice Liquid staking: stake ETH for a transferable, non-rebasing share token whose ETH value
/// grows as the oracle reports staking rewards; leave through a first-in, first-out withdrawal queue.
interface ILiquidStaking {
    error StakingZeroAmount();
    error StakingZeroShares(uint256 ethAmount);
    error StakingZeroAddress();
    error StakingInvalidMaxApr(uint256 maxAprBps, uint256 limitBps);
    error StakingRewardAboveBound(uint256 reward, uint256 maxReward);
    error StakingRewardWithoutShares(uint256 reward);
    error StakingUnknownRequest(uint256 requestId, uint256 requestCount);
    error StakingRequestNotFinalized(uint256 requestId, uint256 lastFinalizedId);
    error StakingNotRequestOwner(uint256 requestId, address owner, address caller);
    error StakingAlreadyClaimed(uint256 requestId);

    event Staked(address indexed account, uint256 ethAmount, uint256 shares);
    event Reported(
        uint256 reward,
        uint256 totalPooledEther,
        uint256 totalShares,
        uint256 lastFinalizedId
    );
    event WithdrawalRequested(
        uint256 indexed requestId,
        address indexed owner,
        uint256 shares,
        uint256 ethAmount
    );
    event WithdrawalClaimed(uint256 indexed requestId, address indexed owner, uint256 ethAmount);

    /// @notice Stakes msg.value ETH and mints shares at the current rate (rounded down).
    function stake() external payable returns (uint256 shares);

    /// @notice Oracle report: msg.value is the staking reward earned since the last report and is
    /// added to the pool, raising the ETH per share; every pending withdrawal request is finalised.
    function report() external payable;

    /// @notice Burns `shares` of the caller and queues a withdrawal of their ETH value at the current
    /// rate (rounded down); rewards reported later do not accrue to it.
    function requestWithdrawal(uint256 shares) external returns (uint256 requestId);

    /// @notice Pays out a finalised request to its owner.
    function claimWithdrawal(uint256 requestId) external;
}
