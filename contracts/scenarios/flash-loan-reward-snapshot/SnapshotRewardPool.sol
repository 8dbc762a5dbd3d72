// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {RewardToken} from "../../core/tokens/RewardToken.sol";
import {IRewardPool} from "./IRewardPool.sol";

/// @title SnapshotRewardPool
/// @notice Single-asset staking paid in rounds: every `ROUND_DURATION` a new round starts with a
/// snapshot of the deposits, and each depositor may harvest once per round
/// `REWARDS_PER_ROUND × deposit at the snapshot / total deposits at the snapshot`, minted through
/// RewardToken's MINTER_ROLE. One pool, id 0, with the Farm's entry points.
/// @dev Invariant: the rewards paid for a round never exceed REWARDS_PER_ROUND (each account's share
/// of the snapshot, rounded down, once). Invariant: totalDeposits == sum of the deposits <= the pool's
/// balance of the deposit token.
/// @custom:vulnerability A new round's snapshot is taken by whichever action comes first, after that
/// action's deposit is credited: a deposit made and withdrawn in one transaction takes its share.
contract SnapshotRewardPool is IRewardPool, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using Checkpoints for Checkpoints.Trace208;

    error RewardPoolUnknownPool(uint256 pid);
    error RewardPoolZeroAmount();
    error RewardPoolZeroAddress();
    error RewardPoolInsufficientDeposit(address account, uint256 deposit, uint256 requested);

    event Deposited(address indexed caller, uint256 amount, address indexed to);
    event Withdrawn(address indexed user, uint256 amount, address indexed to);
    event RoundStarted(uint256 indexed round, uint256 totalDeposits);
    event Harvested(
        address indexed user,
        uint256 indexed round,
        uint256 amount,
        address indexed to
    );

    // ---------------------------------------------------------------- constants and immutables

    uint256 public constant ROUND_DURATION = 5 days;
    /// @notice Minted per round, shared by the deposits at the round's snapshot.
    uint256 public constant REWARDS_PER_ROUND = 10_800e18;

    IERC20 public immutable depositToken;
    RewardToken public immutable rewardToken;

    // ---------------------------------------------------------------- storage

    /// @notice The current round; round 1 starts at deployment.
    uint256 public round;
    uint256 public roundStartedAt;
    uint256 public totalDeposits;
    mapping(address account => uint256) public depositOf;
    mapping(address account => uint256) public lastHarvestedRound;
    /// @dev Deposits keyed by the round in which they were written: a round's snapshot is the last
    /// value written before it started.
    mapping(address account => Checkpoints.Trace208) private _depositHistory;
    Checkpoints.Trace208 private _totalHistory;

    // ---------------------------------------------------------------- constructor

    /// @param depositToken_ What depositors stake.
    /// @param rewardToken_ Minted as reward; grant this pool its MINTER_ROLE.
    constructor(IERC20 depositToken_, RewardToken rewardToken_) {
        if (address(depositToken_) == address(0) || address(rewardToken_) == address(0)) {
            revert RewardPoolZeroAddress();
        }
        depositToken = depositToken_;
        rewardToken = rewardToken_;
        _startRound();
    }

    // ---------------------------------------------------------------- users

    /// @inheritdoc IRewardPool
    function deposit(uint256 pid, uint256 amount, address to) external nonReentrant {
        _checkPool(pid);
        if (amount == 0) revert RewardPoolZeroAmount();
        if (to == address(0)) revert RewardPoolZeroAddress();
        depositToken.safeTransferFrom(msg.sender, address(this), amount);
        _write(to, depositOf[to] + amount, totalDeposits + amount);
        emit Deposited(msg.sender, amount, to);
        _startRoundIfDue();
    }

    /// @notice Unstakes `amount` of the caller's deposit to `to`; this round's reward stays claimable.
    function withdraw(uint256 pid, uint256 amount, address to) external nonReentrant {
        _withdraw(pid, amount, to);
    }

    /// @notice Pays the caller's share of the current round to `to`, once per round.
    function harvest(uint256 pid, address to) external nonReentrant {
        _checkPool(pid);
        if (to == address(0)) revert RewardPoolZeroAddress();
        _harvest(to);
    }

    /// @inheritdoc IRewardPool
    function withdrawAndHarvest(uint256 pid, uint256 amount, address to) external nonReentrant {
        _checkPool(pid);
        if (to == address(0)) revert RewardPoolZeroAddress();
        _harvest(to);
        _withdraw(pid, amount, to);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IRewardPool
    /// @dev Before a due round starts, what the next action's snapshot would pay.
    function pendingReward(uint256 pid, address user) external view returns (uint256) {
        _checkPool(pid);
        uint256 current = round;
        uint256 accountDeposit;
        uint256 total;
        if (isRoundDue()) {
            (accountDeposit, total, current) = (depositOf[user], totalDeposits, current + 1);
        } else {
            (accountDeposit, total) = (depositAtRound(user, current), totalAtRound(current));
        }
        if (lastHarvestedRound[user] >= current || total == 0) return 0;
        return _shareDown(accountDeposit, total);
    }

    /// @notice Whether the next action starts a new round.
    function isRoundDue() public view returns (bool) {
        return block.timestamp >= roundStartedAt + ROUND_DURATION;
    }

    /// @notice `account`'s deposit at the snapshot of round `round_`.
    function depositAtRound(address account, uint256 round_) public view returns (uint256) {
        return _depositHistory[account].upperLookup(SafeCast.toUint48(round_ - 1));
    }

    /// @notice Total deposits at the snapshot of round `round_`.
    function totalAtRound(uint256 round_) public view returns (uint256) {
        return _totalHistory.upperLookup(SafeCast.toUint48(round_ - 1));
    }

    // ---------------------------------------------------------------- internal

    function _withdraw(uint256 pid, uint256 amount, address to) internal {
        _checkPool(pid);
        if (amount == 0) revert RewardPoolZeroAmount();
        if (to == address(0)) revert RewardPoolZeroAddress();
        uint256 balance = depositOf[msg.sender];
        if (amount > balance) revert RewardPoolInsufficientDeposit(msg.sender, balance, amount);
        // Cannot underflow: amount <= balance <= totalDeposits.
        unchecked {
            _write(msg.sender, balance - amount, totalDeposits - amount);
        }
        depositToken.safeTransfer(to, amount);
        emit Withdrawn(msg.sender, amount, to);
        _startRoundIfDue();
    }

    function _harvest(address to) internal {
        _startRoundIfDue();
        uint256 current = round;
        if (lastHarvestedRound[msg.sender] >= current) return;
        uint256 total = totalAtRound(current);
        if (total == 0) return;
        uint256 amount = _shareDown(depositAtRound(msg.sender, current), total);
        if (amount == 0) return;
        lastHarvestedRound[msg.sender] = current;
        rewardToken.mint(to, amount);
        emit Harvested(msg.sender, current, amount, to);
    }

    function _startRoundIfDue() internal {
        if (isRoundDue()) _startRound();
    }

    function _startRound() internal {
        uint256 next = round + 1;
        round = next;
        roundStartedAt = block.timestamp;
        emit RoundStarted(next, totalDeposits);
    }

    /// @dev Records the new deposit of `account` and the new total under the current round's key.
    function _write(address account, uint256 newDeposit, uint256 newTotal) internal {
        depositOf[account] = newDeposit;
        totalDeposits = newTotal;
        uint48 key = SafeCast.toUint48(round);
        _depositHistory[account].push(key, SafeCast.toUint208(newDeposit));
        _totalHistory.push(key, SafeCast.toUint208(newTotal));
    }

    function _shareDown(uint256 accountDeposit, uint256 total) internal pure returns (uint256) {
        return (REWARDS_PER_ROUND * accountDeposit) / total;
    }

    function _checkPool(uint256 pid) internal pure {
        if (pid != 0) revert RewardPoolUnknownPool(pid);
    }
}
