// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {ILockedStaking} from "./ILockedStaking.sol";

/// @title LockedStaking
/// @notice The StakingRewards idea with lock-up tiers. The owner funds a reward budget that streams
/// linearly over `rewardsDuration`; each second's reward is shared by weight, where a stake's weight
/// is its amount times its tier's boost: flexible 1x, 30-day lock 1.5x, 90-day lock 2x. A boost lasts
/// as long as its lock: locks end on a whole day (UTC midnight, the first at or after 30 or 90 days),
/// and from that second on the stake weighs as a flexible one. When the reward token is the staking
/// token, `compound` restakes rewards, so they earn in turn.
/// @dev Invariant: a stake is boosted only while it cannot be withdrawn. The boost part of locked
/// weight is kept in expiringWeight by unlock day; bringing the accumulator up to date walks the day
/// boundaries crossed since the last update, accrues each segment at the weight it had, and takes the
/// day's expiring boost out of totalWeight at its boundary, recording rewardPerWeight there so a lock
/// that ended since its owner's last settlement is settled boosted up to its unlock, flexible after.
/// Invariant: rewardsReserved (future emission plus emitted rewards not yet paid) is always
/// covered by the reward-token balance, less the stakers' principal when both tokens are the same;
/// notifyRewardAmount refuses any budget that would break it. Rewards paid + earned <= rewards
/// emitted, short by under 1 wei per settlement plus totalWeight / 1e18 + 1 wei per update, where
/// an update counts once more for each unlock day with expiring weight that it crosses.
/// Rewards streamed while nobody stakes are not lost: they accumulate in rewardsUnallocated and are
/// rolled into the next reward period by notifyRewardAmount.
/// The staking token must transfer exact amounts (no fee on transfer): principal is tracked
/// internally and a shortfall is refused at stake time.
contract LockedStaking is ILockedStaking, Ownable2Step, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @dev Per staker. Slot 0 holds what every flexible staker touches; the locked tiers share slot 2.
    struct Account {
        uint128 flexible;
        uint128 rewards;
        uint256 rewardPerWeightPaid;
        uint96 locked30;
        uint32 unlock30At;
        uint96 locked90;
        uint32 unlock90At;
    }

    // ---------------------------------------------------------------- constants and immutables

    uint256 public constant TIER_FLEXIBLE = 0;
    uint256 public constant TIER_30_DAYS = 1;
    uint256 public constant TIER_90_DAYS = 2;
    /// @notice Boosts are counted in halves so that weights stay exact integers: 2 = 1x, 3 = 1.5x, 4 = 2x.
    uint256 public constant WEIGHT_FLEXIBLE = 2;
    uint256 public constant WEIGHT_30_DAYS = 3;
    uint256 public constant WEIGHT_90_DAYS = 4;
    /// @notice Unlock times are rounded up to a multiple of this, so boosts expire on whole days.
    uint256 public constant UNLOCK_ROUNDING = 1 days;
    /// @notice Scale of rewardPerWeight; an update loses under totalWeight / 1e18 wei.
    uint256 public constant PRECISION = 1e18;

    IERC20 public immutable stakingToken;
    IERC20 public immutable rewardToken;

    // ---------------------------------------------------------------- storage

    /// @notice Reward tokens streamed per second until periodFinish (packed with the two times).
    uint128 public rewardRate;
    uint64 public periodFinish;
    uint64 public lastUpdateTime;
    uint256 public rewardPerWeightStored;
    /// @notice totalWeight as of lastUpdateTime; `totalWeight()` also takes out boosts ended since.
    uint128 public totalWeightStored;
    /// @notice Principal staked in all tiers, compounded rewards included.
    uint128 public totalStaked;
    /// @notice Rewards the contract owes: future emission of the period plus emitted, unpaid rewards.
    uint128 public rewardsReserved;
    /// @notice Rewards streamed while totalWeight was 0, waiting for the next period.
    uint128 public rewardsUnallocated;
    uint256 public rewardsDuration;

    mapping(address account => Account) private _accounts;
    /// @notice The boost part of the weight locked until `unlockAt` (a whole day): it leaves
    /// totalWeight at that second.
    mapping(uint256 unlockAt => uint256 weight) public expiringWeight;
    /// @notice rewardPerWeight at a passed unlock time that had expiring weight; the boosted part of
    /// the locks that ended then is settled up to it.
    mapping(uint256 unlockAt => uint256 perWeight) public rewardPerWeightAtUnlock;

    // ---------------------------------------------------------------- constructor

    /// @param stakingToken_ What stakers lock.
    /// @param rewardToken_ What they earn; the same token as `stakingToken_` enables `compound`.
    /// @param rewardsDuration_ Length of each reward period in seconds (Synthetix uses 7 days).
    /// @param owner_ Funds reward periods and sets their length.
    constructor(
        IERC20 stakingToken_,
        IERC20 rewardToken_,
        uint256 rewardsDuration_,
        address owner_
    ) Ownable(owner_) {
        if (address(stakingToken_) == address(0) || address(rewardToken_) == address(0)) {
            revert LockedStakingZeroAddress();
        }
        if (rewardsDuration_ == 0) revert LockedStakingZeroDuration();
        stakingToken = stakingToken_;
        rewardToken = rewardToken_;
        rewardsDuration = rewardsDuration_;
        // The first update walks the days from here, not from 1970.
        lastUpdateTime = uint64(block.timestamp);
    }

    // ---------------------------------------------------------------- users

    /// @inheritdoc ILockedStaking
    function stake(uint256 amount, uint256 tier) external nonReentrant {
        if (amount == 0) revert LockedStakingZeroAmount();
        uint256 weight = _tierWeight(tier);
        Account storage account = _updateReward(msg.sender);

        uint256 balanceBefore = stakingToken.balanceOf(address(this));
        stakingToken.safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = stakingToken.balanceOf(address(this)) - balanceBefore;
        if (received != amount) revert LockedStakingTransferShortfall(received, amount);

        uint256 unlockAt;
        uint256 added = amount * WEIGHT_FLEXIBLE;
        if (tier == TIER_FLEXIBLE) {
            account.flexible += SafeCast.toUint128(amount);
        } else {
            uint256 boost = weight - WEIGHT_FLEXIBLE;
            uint256 balance;
            uint256 oldUnlockAt;
            if (tier == TIER_30_DAYS) {
                unlockAt = _roundUpToDay(block.timestamp + 30 days);
                (balance, oldUnlockAt) = (account.locked30, account.unlock30At);
                account.locked30 = SafeCast.toUint96(balance + amount);
                account.unlock30At = SafeCast.toUint32(unlockAt);
            } else {
                unlockAt = _roundUpToDay(block.timestamp + 90 days);
                (balance, oldUnlockAt) = (account.locked90, account.unlock90At);
                account.locked90 = SafeCast.toUint96(balance + amount);
                account.unlock90At = SafeCast.toUint32(unlockAt);
            }
            if (block.timestamp < oldUnlockAt) {
                // Still locked: the balance's boost moves from its old unlock day to the new one.
                expiringWeight[oldUnlockAt] -= balance * boost;
                added += amount * boost;
            } else {
                // The old boost (if any) has left totalWeight: the whole balance is boosted again.
                added += (balance + amount) * boost;
            }
            expiringWeight[unlockAt] += (balance + amount) * boost;
        }
        totalWeightStored += SafeCast.toUint128(added);
        totalStaked += SafeCast.toUint128(amount);
        emit Staked(msg.sender, tier, amount, unlockAt);
    }

    /// @inheritdoc ILockedStaking
    function withdraw(uint256 amount, uint256 tier) external nonReentrant {
        if (amount == 0) revert LockedStakingZeroAmount();
        Account storage account = _updateReward(msg.sender);
        _withdraw(account, amount, tier);
        stakingToken.safeTransfer(msg.sender, amount);
    }

    /// @inheritdoc ILockedStaking
    function getReward() external nonReentrant {
        _payReward(_updateReward(msg.sender));
    }

    /// @inheritdoc ILockedStaking
    function exit() external nonReentrant {
        Account storage account = _updateReward(msg.sender);
        uint256 total;
        uint256 amount = account.flexible;
        if (amount != 0) {
            _withdraw(account, amount, TIER_FLEXIBLE);
            total = amount;
        }
        amount = account.locked30;
        if (amount != 0) {
            _withdraw(account, amount, TIER_30_DAYS);
            total += amount;
        }
        amount = account.locked90;
        if (amount != 0) {
            _withdraw(account, amount, TIER_90_DAYS);
            total += amount;
        }
        if (total == 0) revert LockedStakingZeroAmount();
        _payReward(account);
        stakingToken.safeTransfer(msg.sender, total);
    }

    /// @inheritdoc ILockedStaking
    function compound() external nonReentrant {
        if (stakingToken != rewardToken) {
            revert LockedStakingCannotCompound(address(stakingToken), address(rewardToken));
        }
        Account storage account = _updateReward(msg.sender);
        uint256 reward = account.rewards;
        if (reward == 0) revert LockedStakingZeroAmount();
        account.rewards = 0;
        // The reward stays in the contract: it moves from the reserve to principal.
        rewardsReserved -= uint128(reward);
        account.flexible += uint128(reward);
        totalWeightStored += SafeCast.toUint128(reward * WEIGHT_FLEXIBLE);
        totalStaked += uint128(reward);
        emit Compounded(msg.sender, reward);
        emit Staked(msg.sender, TIER_FLEXIBLE, reward, 0);
    }

    /// @inheritdoc ILockedStaking
    function checkpoint(uint256 maxDays) external nonReentrant returns (uint256 reached) {
        uint256 last = lastUpdateTime;
        uint256 lastDay = last - (last % UNLOCK_ROUNDING);
        reached = block.timestamp;
        // Compared in days first, so that a huge maxDays cannot overflow.
        if (maxDays < (reached - lastDay) / UNLOCK_ROUNDING) {
            reached = lastDay + maxDays * UNLOCK_ROUNDING;
        }
        if (reached > last) _checkpoint(reached);
        else reached = last;
    }

    // ---------------------------------------------------------------- owner

    /// @inheritdoc ILockedStaking
    function notifyRewardAmount(uint256 reward) external onlyOwner {
        _updateReward(address(0));
        uint256 duration = rewardsDuration;
        uint256 leftover;
        if (block.timestamp < periodFinish)
            leftover = (periodFinish - block.timestamp) * rewardRate;
        uint256 unallocated = rewardsUnallocated;
        uint256 budget = reward + leftover + unallocated;
        uint256 rate = budget / duration;
        if (rate == 0) revert LockedStakingRewardRateZero(budget, duration);

        // The leftover and the unallocated rewards were reserved already; the rounding remainder of
        // budget / duration is not promised to anyone.
        uint256 reserved = rewardsReserved - leftover - unallocated + rate * duration;
        uint256 available = rewardToken.balanceOf(address(this));
        if (rewardToken == stakingToken) available -= totalStaked;
        if (reserved > available) revert LockedStakingRewardTooHigh(reserved, available);

        uint256 finish = block.timestamp + duration;
        rewardRate = SafeCast.toUint128(rate);
        periodFinish = SafeCast.toUint64(finish);
        rewardsReserved = SafeCast.toUint128(reserved);
        rewardsUnallocated = 0;
        emit RewardAdded(reward, rate, finish);
    }

    /// @inheritdoc ILockedStaking
    function setRewardsDuration(uint256 duration) external onlyOwner {
        if (block.timestamp < periodFinish) {
            revert LockedStakingPeriodNotFinished(periodFinish, block.timestamp);
        }
        if (duration == 0) revert LockedStakingZeroDuration();
        rewardsDuration = duration;
        emit RewardsDurationUpdated(duration);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc ILockedStaking
    function balanceOf(address account, uint256 tier) external view returns (uint256, uint256) {
        _tierWeight(tier);
        Account storage a = _accounts[account];
        if (tier == TIER_FLEXIBLE) return (a.flexible, 0);
        if (tier == TIER_30_DAYS) return (a.locked30, a.unlock30At);
        return (a.locked90, a.unlock90At);
    }

    /// @inheritdoc ILockedStaking
    function weightOf(address account) external view returns (uint256 weight) {
        Account storage a = _accounts[account];
        weight = (uint256(a.flexible) + a.locked30 + a.locked90) * WEIGHT_FLEXIBLE;
        if (block.timestamp < a.unlock30At)
            weight += a.locked30 * (WEIGHT_30_DAYS - WEIGHT_FLEXIBLE);
        if (block.timestamp < a.unlock90At)
            weight += a.locked90 * (WEIGHT_90_DAYS - WEIGHT_FLEXIBLE);
    }

    /// @inheritdoc ILockedStaking
    function totalWeight() external view returns (uint256 weight) {
        (, weight) = _pending(block.timestamp);
    }

    /// @inheritdoc ILockedStaking
    function earned(address account) external view returns (uint256) {
        (uint256 perWeight, ) = _pending(block.timestamp);
        return _earnedDown(_accounts[account], perWeight);
    }

    /// @inheritdoc ILockedStaking
    function rewardPerWeight() external view returns (uint256 perWeight) {
        (perWeight, ) = _pending(block.timestamp);
    }

    /// @notice The last second that has earned rewards so far: now, or the end of the period.
    function lastTimeRewardApplicable() public view returns (uint256) {
        uint256 finish = periodFinish;
        return block.timestamp < finish ? block.timestamp : finish;
    }

    // ---------------------------------------------------------------- internal

    /// @dev Brings the accumulator up to now and settles `who` (none for address(0)).
    function _updateReward(address who) internal returns (Account storage account) {
        uint256 perWeight = _checkpoint(block.timestamp);
        account = _accounts[who];
        if (who != address(0)) {
            account.rewards = SafeCast.toUint128(_earnedDown(account, perWeight));
            account.rewardPerWeightPaid = perWeight;
        }
    }

    /// @dev Brings rewardPerWeightStored and totalWeightStored from lastUpdateTime to `to` (at most
    /// now). One storage read per day boundary crossed; at a boundary with expiring weight, the
    /// segment before it is accrued at the old weight, rewardPerWeight is recorded and the boost
    /// leaves totalWeight.
    function _checkpoint(uint256 to) internal returns (uint256 perWeight) {
        uint256 last = lastUpdateTime;
        perWeight = rewardPerWeightStored;
        if (to == last) return perWeight;
        uint256 weight = totalWeightStored;
        uint256 weightBefore = weight;
        uint256 perWeightBefore = perWeight;
        for (uint256 day = _nextDayAfter(last); day <= to; day += UNLOCK_ROUNDING) {
            uint256 expiring = expiringWeight[day];
            if (expiring == 0) continue;
            // weight >= expiring > 0: it holds the expiring boost itself.
            perWeight += (_streamed(last, day) * PRECISION) / weight;
            rewardPerWeightAtUnlock[day] = perWeight;
            weight -= expiring;
            last = day;
        }
        uint256 streamed = _streamed(last, to);
        if (weight == 0) {
            if (streamed != 0) rewardsUnallocated += SafeCast.toUint128(streamed);
        } else {
            perWeight += (streamed * PRECISION) / weight;
        }
        lastUpdateTime = uint64(to);
        if (perWeight != perWeightBefore) rewardPerWeightStored = perWeight;
        // Cannot exceed the stored weight it was taken from.
        if (weight != weightBefore) totalWeightStored = uint128(weight);
    }

    /// @dev What _checkpoint(to) would leave in rewardPerWeightStored and totalWeightStored.
    function _pending(uint256 to) internal view returns (uint256 perWeight, uint256 weight) {
        uint256 last = lastUpdateTime;
        perWeight = rewardPerWeightStored;
        weight = totalWeightStored;
        for (uint256 day = _nextDayAfter(last); day <= to; day += UNLOCK_ROUNDING) {
            uint256 expiring = expiringWeight[day];
            if (expiring == 0) continue;
            perWeight += (_streamed(last, day) * PRECISION) / weight;
            weight -= expiring;
            last = day;
        }
        if (weight != 0) perWeight += (_streamed(last, to) * PRECISION) / weight;
    }

    /// @dev The reward streamed over [from, to): the period's rate up to periodFinish, none after.
    function _streamed(uint256 from, uint256 to) internal view returns (uint256) {
        uint256 finish = periodFinish;
        if (to > finish) to = finish;
        if (to <= from) return 0;
        // Cannot overflow: a uint64 time span times a uint128 rate.
        unchecked {
            return (to - from) * rewardRate;
        }
    }

    /// @dev Rounded down, so the sum over stakers never exceeds what was streamed. Every unit staked
    /// earns the flexible weight; a locked tier's boost earns on top only up to its unlock time.
    function _earnedDown(
        Account storage account,
        uint256 perWeight
    ) internal view returns (uint256) {
        uint256 paid = account.rewardPerWeightPaid;
        uint256 locked30 = account.locked30;
        uint256 locked90 = account.locked90;
        uint256 scaled =
            (uint256(account.flexible) + locked30 + locked90) *
                WEIGHT_FLEXIBLE *
                (perWeight - paid);
        if (locked30 != 0) {
            scaled +=
                locked30 *
                (WEIGHT_30_DAYS - WEIGHT_FLEXIBLE) *
                _boostedSince(account.unlock30At, perWeight, paid);
        }
        if (locked90 != 0) {
            scaled +=
                locked90 *
                (WEIGHT_90_DAYS - WEIGHT_FLEXIBLE) *
                _boostedSince(account.unlock90At, perWeight, paid);
        }
        return account.rewards + scaled / PRECISION;
    }

    /// @dev rewardPerWeight gained since `paid` while a lock ending at `unlockAt` was still boosted.
    function _boostedSince(
        uint256 unlockAt,
        uint256 perWeight,
        uint256 paid
    ) internal view returns (uint256) {
        uint256 end = perWeight;
        if (unlockAt <= block.timestamp) {
            if (unlockAt <= lastUpdateTime) end = rewardPerWeightAtUnlock[unlockAt];
            else (end, ) = _pending(unlockAt);
        }
        // A lock that ended before the last settlement has nothing left: then end <= paid.
        return end > paid ? end - paid : 0;
    }

    /// @dev The first whole day after `time`.
    function _nextDayAfter(uint256 time) internal pure returns (uint256) {
        // Cannot overflow: `time` is a uint64 timestamp.
        unchecked {
            return time - (time % UNLOCK_ROUNDING) + UNLOCK_ROUNDING;
        }
    }

    /// @dev `time` rounded up to a whole day: when a lock started now ends.
    function _roundUpToDay(uint256 time) internal pure returns (uint256) {
        uint256 remainder = time % UNLOCK_ROUNDING;
        return remainder == 0 ? time : time + UNLOCK_ROUNDING - remainder;
    }

    function _tierWeight(uint256 tier) internal pure returns (uint256) {
        if (tier == TIER_FLEXIBLE) return WEIGHT_FLEXIBLE;
        if (tier == TIER_30_DAYS) return WEIGHT_30_DAYS;
        if (tier == TIER_90_DAYS) return WEIGHT_90_DAYS;
        revert LockedStakingUnknownTier(tier);
    }

    /// @dev Removes `amount` from a settled account's tier and from the totals; the caller transfers.
    /// A withdrawable stake weighs its flexible weight: a lock's boost left totalWeight at its unlock.
    function _withdraw(Account storage account, uint256 amount, uint256 tier) internal {
        uint256 balance;
        uint256 unlockAt;
        if (tier == TIER_FLEXIBLE) {
            balance = account.flexible;
        } else if (tier == TIER_30_DAYS) {
            (balance, unlockAt) = (account.locked30, account.unlock30At);
        } else if (tier == TIER_90_DAYS) {
            (balance, unlockAt) = (account.locked90, account.unlock90At);
        } else {
            revert LockedStakingUnknownTier(tier);
        }
        if (amount > balance) revert LockedStakingInsufficientBalance(tier, balance, amount);
        if (block.timestamp < unlockAt) {
            revert LockedStakingLocked(tier, unlockAt, block.timestamp);
        }
        // Cannot underflow: amount <= balance, and the totals are sums over the accounts' tiers.
        unchecked {
            if (tier == TIER_FLEXIBLE) account.flexible = uint128(balance - amount);
            else if (tier == TIER_30_DAYS) account.locked30 = uint96(balance - amount);
            else account.locked90 = uint96(balance - amount);
            totalWeightStored -= uint128(amount * WEIGHT_FLEXIBLE);
            totalStaked -= uint128(amount);
        }
        emit Withdrawn(msg.sender, tier, amount);
    }

    function _payReward(Account storage account) internal {
        uint256 reward = account.rewards;
        if (reward == 0) return;
        account.rewards = 0;
        rewardsReserved -= uint128(reward);
        rewardToken.safeTransfer(msg.sender, reward);
        emit RewardPaid(msg.sender, reward);
    }
}
