// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title ILiquidStaking
/// @notice Liquid staking: stake ETH for a transferable, non-rebasing share token whose ETH value
/// grows as the oracle reports staking rewards; leave through a first-in, first-out withdrawal queue.
/// A stake joins at the next report, as a withdrawal leaves at one: each report's reward goes to the
/// shares that were staked over the whole period it covers.
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
    error StakingNoDeposit(address account);
    error StakingDepositNotAdmitted(address account, uint256 reportId, uint256 reportCount);

    /// @notice `account` deposited `ethAmount`, which report number `reportId` admits.
    event Staked(address indexed account, uint256 ethAmount, uint256 reportId);
    event Reported(
        uint256 reward,
        uint256 totalPooledEther,
        uint256 totalShares,
        uint256 lastFinalizedId
    );
    /// @notice Report `reportId` admitted `ethAmount` of deposits and minted `shares` for them, held
    /// by the contract until each depositor's shares are claimed.
    event DepositsAdmitted(uint256 indexed reportId, uint256 ethAmount, uint256 shares);
    /// @notice `account` received the `shares` of its `ethAmount` deposit admitted at `reportId`.
    event SharesClaimed(
        address indexed account,
        uint256 indexed reportId,
        uint256 ethAmount,
        uint256 shares
    );
    event WithdrawalRequested(
        uint256 indexed requestId,
        address indexed owner,
        uint256 shares,
        uint256 ethAmount
    );
    event WithdrawalClaimed(uint256 indexed requestId, address indexed owner, uint256 ethAmount);

    /// @notice Deposits msg.value ETH for the caller, to be admitted at the next report (its number is
    /// returned) at that report's rate after its reward; until then it earns nothing. First delivers
    /// the caller's shares of a deposit an earlier report admitted; adds to a deposit still waiting.
    /// Refuses a deposit worth no share at the current rate.
    function stake() external payable returns (uint256 reportId);

    /// @notice Oracle report: msg.value is the staking reward earned since the last report and is
    /// added to the pool, raising the ETH per share of the shares staked over that period; then every
    /// pending deposit is admitted at the new rate and every pending withdrawal request is finalised.
    function report() external payable;

    /// @notice Delivers to `account` the shares of its deposit admitted at a report (anyone may call:
    /// the shares go only to `account`), rounded down.
    function claimShares(address account) external returns (uint256 shares);

    /// @notice Burns `shares` of the caller and queues a withdrawal of their ETH value at the current
    /// rate (rounded down); rewards reported later do not accrue to it. First delivers the caller's
    /// shares of an admitted deposit, so they can be requested at once.
    function requestWithdrawal(uint256 shares) external returns (uint256 requestId);

    /// @notice Pays out a finalised request to its owner.
    function claimWithdrawal(uint256 requestId) external;

    /// @notice `account`'s deposit: its ETH, the report that admits (or admitted) it, and the shares
    /// it can claim now, rounded down (zero until that report).
    function pendingDeposit(
        address account
    ) external view returns (uint256 ethAmount, uint256 reportId, uint256 claimableShares);
}
