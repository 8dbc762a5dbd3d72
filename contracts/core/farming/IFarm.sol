// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title IFarm
/// @notice A liquidity-mining farm: pools of staking tokens share a reward stream by allocation points;
/// stakers earn each second in proportion to their stake and harvest newly minted reward tokens.
interface IFarm {
    /// @notice One pool. Packed: token, allocPoint and lastRewardTime share a slot.
    /// @param token The staking token (an LP token or a single asset).
    /// @param allocPoint The pool's weight in the reward stream.
    /// @param lastRewardTime When `accRewardPerShare` last caught up with the stream.
    /// @param accRewardPerShare Rewards per staked unit since the pool opened, scaled by ACC_PRECISION.
    /// @param totalStaked Sum of every staker's credited amount (internal accounting, not balanceOf).
    struct PoolInfo {
        IERC20 token;
        uint64 allocPoint;
        uint32 lastRewardTime;
        uint256 accRewardPerShare;
        uint256 totalStaked;
    }

    /// @notice One staker in one pool.
    /// @param amount Staked tokens credited to the staker.
    /// @param rewardOwed Rewards settled but not yet harvested.
    /// @param rewardPerSharePaid The pool's accRewardPerShare when `rewardOwed` was last settled.
    struct UserInfo {
        uint128 amount;
        uint128 rewardOwed;
        uint256 rewardPerSharePaid;
    }

    // ---------------------------------------------------------------- errors

    error FarmUnknownPool(uint256 pid, uint256 poolCount);
    error FarmZeroAmount();
    error FarmZeroAddress();
    error FarmInsufficientBalance(uint256 pid, uint256 balance, uint256 requested);
    error FarmDuplicatePool(address token, uint256 existingPid);
    error FarmInvalidSchedule(uint256 duration, uint256 bonusDuration, uint256 bonusMultiplier);

    // ---------------------------------------------------------------- events

    event PoolAdded(uint256 indexed pid, address indexed token, uint256 allocPoint);
    event PoolSet(uint256 indexed pid, uint256 allocPoint);
    event Deposited(
        address indexed caller,
        uint256 indexed pid,
        uint256 amount,
        address indexed to
    );
    event Withdrawn(address indexed user, uint256 indexed pid, uint256 amount, address indexed to);
    event Harvested(address indexed user, uint256 indexed pid, uint256 amount, address indexed to);
    event EmergencyWithdrawn(
        address indexed user,
        uint256 indexed pid,
        uint256 amount,
        uint256 rewardForfeited,
        address indexed to
    );

    // ---------------------------------------------------------------- owner

    /// @notice Opens a pool for `token` with weight `allocPoint`; one pool per token.
    function add(uint64 allocPoint, IERC20 token) external returns (uint256 pid);

    /// @notice Changes a pool's weight. Every pool first catches up at the old weights.
    function set(uint256 pid, uint64 allocPoint) external;

    // ---------------------------------------------------------------- users

    /// @notice Stakes `amount` from the caller for `to`; credits what actually arrived.
    function deposit(uint256 pid, uint256 amount, address to) external;

    /// @notice Unstakes `amount` of the caller's stake to `to`; rewards stay owed to the caller.
    function withdraw(uint256 pid, uint256 amount, address to) external;

    /// @notice Mints the caller's rewards of pool `pid` to `to`.
    function harvest(uint256 pid, address to) external;

    /// @notice `withdraw` and `harvest` in one call.
    function withdrawAndHarvest(uint256 pid, uint256 amount, address to) external;

    /// @notice Returns the caller's whole stake to `to` and forfeits its rewards. Mints nothing, so
    /// it works even when the reward token refuses to mint.
    function emergencyWithdraw(uint256 pid, address to) external;

    /// @notice Brings a pool's accRewardPerShare up to now; anyone may call.
    function updatePool(uint256 pid) external;

    /// @notice Brings every pool up to now; anyone may call.
    function massUpdatePools() external;

    // ---------------------------------------------------------------- views

    function poolLength() external view returns (uint256);

    function poolInfo(
        uint256 pid
    )
        external
        view
        returns (
            IERC20 token,
            uint64 allocPoint,
            uint32 lastRewardTime,
            uint256 accRewardPerShare,
            uint256 totalStaked
        );

    function userInfo(
        uint256 pid,
        address user
    ) external view returns (uint128 amount, uint128 rewardOwed, uint256 rewardPerSharePaid);

    /// @notice Rewards `user` could harvest from pool `pid` now.
    function pendingReward(uint256 pid, address user) external view returns (uint256);

    /// @notice Rewards the whole farm emits over [from, to), bonus included, before the pool split.
    function rewardsBetween(uint256 from, uint256 to) external view returns (uint256);
}
