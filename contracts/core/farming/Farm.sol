// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {RewardToken} from "../tokens/RewardToken.sol";
import {IFarm} from "./IFarm.sol";

/// @title Farm
/// @notice Liquidity mining, the MasterChef idea without its backdoors: no migrator, no developer cut,
/// an emission schedule fixed at deployment (rate, start, end, bonus), pool weights changed only by
/// the owner (meant to be a timelock). Rewards are minted on harvest through RewardToken's MINTER_ROLE.
/// @dev Invariant: for every pool, rewards harvested + rewards pending + rewards forfeited by
/// emergency withdrawals <= rewards the schedule emitted to the pool while it had stake, and the
/// shortfall (rounding dust) is below 1 wei per staker settlement plus totalStaked / 1e18 + 1 wei per
/// pool update. Invariant: pool.totalStaked == sum of its stakers' amounts <= the farm's balance of
/// the pool token, so every principal is withdrawable.
/// Emissions while a pool has no stake are not minted at all. Every user action touches one pool and
/// one staker: O(1) in the number of stakers.
contract Farm is IFarm, Ownable2Step, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    // ---------------------------------------------------------------- constants and immutables

    /// @notice Scale of accRewardPerShare. Each pool update floors reward * 1e18 / totalStaked, losing
    /// less than totalStaked / 1e18 wei of reward: under 1 wei for any 6-decimal pool below 1e12 whole
    /// tokens, and 1e-9 RWD for an 18-decimal pool holding 1e9 whole tokens (MasterChef's 1e12 would
    /// lose 1e-3 RWD there). Overflow needs amount * accRewardPerShare > 2^256, i.e. a staker amount
    /// times the total emission above 1.1e59 wei squared: beyond the reward cap (1e26) for any amount
    /// below 1e33 units, and emergencyWithdraw does no such multiplication.
    uint256 public constant ACC_PRECISION = 1e18;

    RewardToken public immutable rewardToken;
    /// @notice Reward tokens per second before the pool split, outside the bonus period.
    uint256 public immutable rewardPerSecond;
    uint256 public immutable startTime;
    uint256 public immutable endTime;
    /// @notice Until this time the rate is multiplied by `bonusMultiplier`.
    uint256 public immutable bonusEndTime;
    uint256 public immutable bonusMultiplier;

    // ---------------------------------------------------------------- storage

    PoolInfo[] public override poolInfo;
    mapping(uint256 pid => mapping(address user => UserInfo)) public override userInfo;
    uint256 public totalAllocPoint;
    /// @dev pid + 1 of the pool holding a token; 0 when none does.
    mapping(IERC20 token => uint256) private _poolIdPlusOne;

    // ---------------------------------------------------------------- constructor

    /// @param rewardToken_ The token minted as reward; grant this farm its MINTER_ROLE.
    /// @param rewardPerSecond_ Emission per second outside the bonus period.
    /// @param startTime_ When emission starts; 0 means at deployment.
    /// @param duration Seconds of emission after the start.
    /// @param bonusDuration Seconds, from the start, of boosted emission (0 for none); at most `duration`.
    /// @param bonusMultiplier_ Rate multiplier during the bonus period (1 when there is none).
    /// @param owner_ Adds pools and sets weights; hand it to a timelock.
    constructor(
        RewardToken rewardToken_,
        uint256 rewardPerSecond_,
        uint256 startTime_,
        uint256 duration,
        uint256 bonusDuration,
        uint256 bonusMultiplier_,
        address owner_
    ) Ownable(owner_) {
        if (address(rewardToken_) == address(0)) revert FarmZeroAddress();
        if (duration == 0 || bonusDuration > duration || bonusMultiplier_ == 0) {
            revert FarmInvalidSchedule(duration, bonusDuration, bonusMultiplier_);
        }
        uint256 start = startTime_ == 0 ? block.timestamp : startTime_;
        rewardToken = rewardToken_;
        rewardPerSecond = rewardPerSecond_;
        startTime = start;
        endTime = start + duration;
        bonusEndTime = start + bonusDuration;
        bonusMultiplier = bonusMultiplier_;
    }

    // ---------------------------------------------------------------- owner

    /// @inheritdoc IFarm
    function add(uint64 allocPoint, IERC20 token) external onlyOwner returns (uint256 pid) {
        if (address(token) == address(0)) revert FarmZeroAddress();
        uint256 existing = _poolIdPlusOne[token];
        if (existing != 0) revert FarmDuplicatePool(address(token), existing - 1);
        _massUpdatePools();
        pid = poolInfo.length;
        uint256 firstRewardTime = block.timestamp > startTime ? block.timestamp : startTime;
        poolInfo.push(
            PoolInfo({
                token: token,
                allocPoint: allocPoint,
                lastRewardTime: SafeCast.toUint32(firstRewardTime),
                accRewardPerShare: 0,
                totalStaked: 0
            })
        );
        _poolIdPlusOne[token] = pid + 1;
        totalAllocPoint += allocPoint;
        emit PoolAdded(pid, address(token), allocPoint);
    }

    /// @inheritdoc IFarm
    function set(uint256 pid, uint64 allocPoint) external onlyOwner {
        _checkPool(pid);
        _massUpdatePools();
        totalAllocPoint = totalAllocPoint - poolInfo[pid].allocPoint + allocPoint;
        poolInfo[pid].allocPoint = allocPoint;
        emit PoolSet(pid, allocPoint);
    }

    // ---------------------------------------------------------------- users

    /// @inheritdoc IFarm
    function deposit(uint256 pid, uint256 amount, address to) external nonReentrant {
        if (amount == 0) revert FarmZeroAmount();
        if (to == address(0)) revert FarmZeroAddress();
        PoolInfo storage pool = _updatePool(pid);
        UserInfo storage user = userInfo[pid][to];
        _settle(pool, user);

        // Fee-on-transfer tokens: credit what arrived, not what was asked.
        IERC20 token = pool.token;
        uint256 balanceBefore = token.balanceOf(address(this));
        token.safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = token.balanceOf(address(this)) - balanceBefore;
        if (received == 0) revert FarmZeroAmount();

        user.amount += SafeCast.toUint128(received);
        pool.totalStaked += received;
        emit Deposited(msg.sender, pid, received, to);
    }

    /// @inheritdoc IFarm
    function withdraw(uint256 pid, uint256 amount, address to) external nonReentrant {
        (PoolInfo storage pool, ) = _withdrawSettled(pid, amount, to);
        pool.token.safeTransfer(to, amount);
    }

    /// @inheritdoc IFarm
    function harvest(uint256 pid, address to) external nonReentrant {
        if (to == address(0)) revert FarmZeroAddress();
        PoolInfo storage pool = _updatePool(pid);
        UserInfo storage user = userInfo[pid][msg.sender];
        _settle(pool, user);
        _payOwed(pid, user, to);
    }

    /// @inheritdoc IFarm
    function withdrawAndHarvest(uint256 pid, uint256 amount, address to) external nonReentrant {
        (PoolInfo storage pool, UserInfo storage user) = _withdrawSettled(pid, amount, to);
        _payOwed(pid, user, to);
        pool.token.safeTransfer(to, amount);
    }

    /// @inheritdoc IFarm
    /// @dev Does not update the pool: the forfeited reward is what was settled up to the pool's
    /// lastRewardTime; the reward of the seconds since goes to the stakers who remain.
    function emergencyWithdraw(uint256 pid, address to) external nonReentrant {
        if (to == address(0)) revert FarmZeroAddress();
        _checkPool(pid);
        PoolInfo storage pool = poolInfo[pid];
        UserInfo storage user = userInfo[pid][msg.sender];
        uint256 amount = user.amount;
        if (amount == 0) revert FarmZeroAmount();
        uint256 forfeited =
            user.rewardOwed +
                (amount * (pool.accRewardPerShare - user.rewardPerSharePaid)) / ACC_PRECISION;
        user.amount = 0;
        user.rewardOwed = 0;
        pool.totalStaked -= amount;
        pool.token.safeTransfer(to, amount);
        emit EmergencyWithdrawn(msg.sender, pid, amount, forfeited, to);
    }

    /// @inheritdoc IFarm
    function updatePool(uint256 pid) external {
        _updatePool(pid);
    }

    /// @inheritdoc IFarm
    function massUpdatePools() external {
        _massUpdatePools();
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IFarm
    function poolLength() external view returns (uint256) {
        return poolInfo.length;
    }

    /// @inheritdoc IFarm
    function pendingReward(uint256 pid, address account) external view returns (uint256) {
        _checkPool(pid);
        PoolInfo storage pool = poolInfo[pid];
        UserInfo storage user = userInfo[pid][account];
        uint256 acc = pool.accRewardPerShare;
        uint256 staked = pool.totalStaked;
        if (block.timestamp > pool.lastRewardTime && staked != 0) {
            acc += (_poolRewardDown(pool) * ACC_PRECISION) / staked;
        }
        return user.rewardOwed + (user.amount * (acc - user.rewardPerSharePaid)) / ACC_PRECISION;
    }

    /// @inheritdoc IFarm
    function rewardsBetween(uint256 from, uint256 to) public view returns (uint256) {
        if (from < startTime) from = startTime;
        if (to > endTime) to = endTime;
        if (to <= from) return 0;
        uint256 bonusSeconds;
        if (from < bonusEndTime) bonusSeconds = (to < bonusEndTime ? to : bonusEndTime) - from;
        return rewardPerSecond * (bonusSeconds * bonusMultiplier + (to - from - bonusSeconds));
    }

    // ---------------------------------------------------------------- internal

    function _updatePool(uint256 pid) internal returns (PoolInfo storage pool) {
        _checkPool(pid);
        pool = poolInfo[pid];
        if (block.timestamp <= pool.lastRewardTime) return pool;
        uint256 staked = pool.totalStaked;
        if (staked != 0) {
            pool.accRewardPerShare += (_poolRewardDown(pool) * ACC_PRECISION) / staked;
        }
        // Timestamps fit in 32 bits until 2106.
        pool.lastRewardTime = uint32(block.timestamp);
    }

    function _massUpdatePools() internal {
        uint256 length = poolInfo.length;
        for (uint256 pid = 0; pid < length; ++pid) {
            _updatePool(pid);
        }
    }

    /// @dev The pool's share of the emission since its last update, rounded down.
    function _poolRewardDown(PoolInfo storage pool) internal view returns (uint256) {
        uint256 total = totalAllocPoint;
        if (total == 0) return 0;
        return (rewardsBetween(pool.lastRewardTime, block.timestamp) * pool.allocPoint) / total;
    }

    /// @dev Moves the reward earned since the last settlement into rewardOwed, rounded down.
    function _settle(PoolInfo storage pool, UserInfo storage user) internal {
        uint256 acc = pool.accRewardPerShare;
        uint256 amount = user.amount;
        if (amount != 0) {
            user.rewardOwed += SafeCast.toUint128(
                (amount * (acc - user.rewardPerSharePaid)) / ACC_PRECISION
            );
        }
        user.rewardPerSharePaid = acc;
    }

    function _withdrawSettled(
        uint256 pid,
        uint256 amount,
        address to
    ) internal returns (PoolInfo storage pool, UserInfo storage user) {
        if (amount == 0) revert FarmZeroAmount();
        if (to == address(0)) revert FarmZeroAddress();
        pool = _updatePool(pid);
        user = userInfo[pid][msg.sender];
        uint256 balance = user.amount;
        if (amount > balance) revert FarmInsufficientBalance(pid, balance, amount);
        _settle(pool, user);
        // Cannot underflow: amount <= balance, and totalStaked is the sum of the amounts.
        unchecked {
            user.amount = uint128(balance - amount);
            pool.totalStaked -= amount;
        }
        emit Withdrawn(msg.sender, pid, amount, to);
    }

    function _payOwed(uint256 pid, UserInfo storage user, address to) internal {
        uint256 owed = user.rewardOwed;
        if (owed == 0) return;
        user.rewardOwed = 0;
        rewardToken.mint(to, owed);
        emit Harvested(msg.sender, pid, owed, to);
    }

    function _checkPool(uint256 pid) internal view {
        uint256 length = poolInfo.length;
        if (pid >= length) revert FarmUnknownPool(pid, length);
    }
}
