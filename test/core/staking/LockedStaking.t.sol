// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {ILockedStaking} from "../../../contracts/core/staking/ILockedStaking.sol";
import {LockedStaking} from "../../../contracts/core/staking/LockedStaking.sol";
import {MockERC20} from "../../../contracts/core/tokens/MockERC20.sol";
import {Test} from "../../utils/Test.sol";

/// @notice Drives a same-token LockedStaking (stake and reward are one token, so compound works) with
/// random stakes in every tier, withdrawals, claims, compounds, exits, reward periods, checkpoints
/// and time jumps. Its model tracks principal, the rewards streamed while someone was staked, and
/// each actor's weight over time, a lock's boost ending at its unlock (computed here: the first whole
/// day at or after 30 or 90 days), and so what each actor earned.
contract LockedStakingHandler is Test {
    uint256 public constant ACTORS = 3;
    uint256 public constant DURATION = 7 days;

    /// @dev One actor's stake per tier (0 flexible, 1 thirty days, 2 ninety days), each locked tier's
    /// unlock time, the rewards its weight earned in the model, what it was paid and its rounding dust.
    struct Model {
        uint256[3] stake;
        uint256[3] unlockAt;
        uint256 earned;
        uint256 paid;
        uint256 dust;
    }

    LockedStaking public immutable staking;
    MockERC20 public immutable token;
    address[ACTORS] public actors = [address(0xA11CE), address(0xB0B), address(0xCA401)];

    uint256 public principal;
    uint256 public streamed;
    uint256 public unallocated;
    uint256 public paid;
    uint256 public dust;
    Model[ACTORS] internal _models;

    constructor() {
        token = new MockERC20("Stake", "STK", 18);
        staking = new LockedStaking(
            IERC20(address(token)),
            IERC20(address(token)),
            DURATION,
            address(this)
        );
        for (uint256 a = 0; a < ACTORS; ++a) {
            vm.prank(actors[a]);
            token.approve(address(staking), type(uint256).max);
        }
    }

    function stake(uint256 actorSeed, uint256 tier, uint256 amount) external {
        uint256 i = actorSeed % ACTORS;
        tier = tier % 3;
        amount = bound(amount, 1, 1e27);
        token.faucet(actors[i], amount);
        _countUpdate();
        vm.prank(actors[i]);
        staking.stake(amount, tier);
        principal += amount;
        Model storage m = _models[i];
        m.stake[tier] += amount;
        if (tier == 1) m.unlockAt[1] = _dayUp(block.timestamp + 30 days);
        if (tier == 2) m.unlockAt[2] = _dayUp(block.timestamp + 90 days);
    }

    function withdraw(uint256 actorSeed, uint256 tier, uint256 amount) external {
        uint256 i = actorSeed % ACTORS;
        tier = tier % 3;
        Model storage m = _models[i];
        uint256 balance = m.stake[tier];
        if (balance == 0) return;
        amount = bound(amount, 1, balance);
        if (block.timestamp < m.unlockAt[tier]) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    ILockedStaking.LockedStakingLocked.selector,
                    tier,
                    m.unlockAt[tier],
                    block.timestamp
                )
            );
            vm.prank(actors[i]);
            staking.withdraw(amount, tier);
            return;
        }
        _countUpdate();
        vm.prank(actors[i]);
        staking.withdraw(amount, tier);
        principal -= amount;
        m.stake[tier] -= amount;
    }

    function getReward(uint256 actorSeed) external {
        uint256 i = actorSeed % ACTORS;
        address who = actors[i];
        _countUpdate();
        uint256 before = token.balanceOf(who);
        vm.prank(who);
        staking.getReward();
        uint256 got = token.balanceOf(who) - before;
        paid += got;
        _models[i].paid += got;
    }

    function compound(uint256 actorSeed) external {
        uint256 i = actorSeed % ACTORS;
        address who = actors[i];
        uint256 reward = staking.earned(who);
        if (reward == 0) return;
        _countUpdate();
        (uint256 flexBefore, ) = staking.balanceOf(who, 0);
        vm.prank(who);
        staking.compound();
        (uint256 flexAfter, ) = staking.balanceOf(who, 0);
        assertEq(flexAfter - flexBefore, reward, "compounded the earned reward");
        paid += reward;
        principal += reward;
        _models[i].paid += reward;
        _models[i].stake[0] += reward;
    }

    function exit(uint256 actorSeed) external {
        uint256 i = actorSeed % ACTORS;
        address who = actors[i];
        Model storage m = _models[i];
        uint256 total;
        for (uint256 tier = 0; tier < 3; ++tier) {
            if (m.stake[tier] != 0 && block.timestamp < m.unlockAt[tier]) return;
            total += m.stake[tier];
        }
        if (total == 0) return;
        _countUpdate();
        uint256 reward = staking.earned(who);
        uint256 before = token.balanceOf(who);
        vm.prank(who);
        staking.exit();
        assertEq(token.balanceOf(who) - before, total + reward, "exit pays principal and reward");
        paid += reward;
        principal -= total;
        m.paid += reward;
        delete m.stake;
    }

    function notify(uint256 amount) external {
        amount = bound(amount, DURATION, 1e24);
        token.faucet(address(staking), amount);
        _countUpdate();
        staking.notifyRewardAmount(amount);
        unallocated = 0;
    }

    function checkpoint(uint256 maxDays) external {
        maxDays = bound(maxDays, 0, 40);
        _countUpdate();
        staking.checkpoint(maxDays);
    }

    /// @dev Moves time on, splitting it at every unlock in the model: each piece streams at the
    /// weights it had, shared by the model's own arithmetic.
    function warp(uint256 seconds_) external {
        seconds_ = bound(seconds_, 0, 20 days);
        uint256 to = block.timestamp + seconds_;
        uint256 t = block.timestamp;
        while (t < to) {
            uint256 next = _nextUnlock(t, to);
            _stream(t, next);
            if (next < to || _unlocksAt(next)) _countUnlock(next);
            t = next;
        }
        vm.warp(to);
    }

    function actorAt(uint256 i) external view returns (address) {
        return actors[i];
    }

    /// @notice The model's total weight now.
    function weight() external view returns (uint256 w) {
        for (uint256 i = 0; i < ACTORS; ++i) w += _weightAt(i, block.timestamp);
    }

    /// @notice The model's weight of actor `i` now.
    function weightOf(uint256 i) external view returns (uint256) {
        return _weightAt(i, block.timestamp);
    }

    /// @notice What actor `i` earned in the model, what it was paid and its rounding allowance.
    function modelOf(
        uint256 i
    ) external view returns (uint256 earned, uint256 paid_, uint256 dust_) {
        Model storage m = _models[i];
        return (m.earned, m.paid, m.dust);
    }

    /// @notice When actor `i`'s locked `tier` unlocks in the model.
    function unlockOf(uint256 i, uint256 tier) external view returns (uint256) {
        return _models[i].unlockAt[tier];
    }

    /// @dev Actor `i`'s weight at `t`, in halves: 2 per unit, plus the boost while still locked.
    function _weightAt(uint256 i, uint256 t) internal view returns (uint256 w) {
        Model storage m = _models[i];
        w = (m.stake[0] + m.stake[1] + m.stake[2]) * 2;
        if (t < m.unlockAt[1]) w += m.stake[1];
        if (t < m.unlockAt[2]) w += m.stake[2] * 2;
    }

    /// @dev The first unlock of a staked tier in (t, to], or `to`.
    function _nextUnlock(uint256 t, uint256 to) internal view returns (uint256 next) {
        next = to;
        for (uint256 i = 0; i < ACTORS; ++i) {
            for (uint256 tier = 1; tier < 3; ++tier) {
                uint256 u = _models[i].unlockAt[tier];
                if (_models[i].stake[tier] != 0 && u > t && u < next) next = u;
            }
        }
    }

    function _unlocksAt(uint256 t) internal view returns (bool) {
        for (uint256 i = 0; i < ACTORS; ++i) {
            for (uint256 tier = 1; tier < 3; ++tier) {
                if (_models[i].stake[tier] != 0 && _models[i].unlockAt[tier] == t) return true;
            }
        }
        return false;
    }

    /// @dev The reward of [from, to), no unlock inside, shared by the weights at `from`.
    function _stream(uint256 from, uint256 to) internal {
        uint256 finish = staking.periodFinish();
        if (to > finish) to = finish;
        if (to <= from) return;
        uint256 amount = (to - from) * staking.rewardRate();
        uint256 total;
        for (uint256 i = 0; i < ACTORS; ++i) total += _weightAt(i, from);
        if (total == 0) {
            unallocated += amount;
            return;
        }
        streamed += amount;
        for (uint256 i = 0; i < ACTORS; ++i) {
            uint256 w = _weightAt(i, from);
            if (w == 0) continue;
            _models[i].earned += (amount * w) / total;
            _models[i].dust += 1; // the model's own floor
        }
    }

    /// @dev The contract splits its accumulator at every unlock day: one more update.
    function _countUnlock(uint256 t) internal {
        uint256 total;
        for (uint256 i = 0; i < ACTORS; ++i) {
            uint256 w = _weightAt(i, t - 1);
            total += w;
            _models[i].dust += w / 1e18 + 2;
        }
        dust += total / 1e18 + 2;
    }

    /// @dev An update floors streamed * 1e18 / totalWeight (under weight / 1e18 + 1 wei lost, under
    /// an actor's weight / 1e18 + 1 of its share); a settlement floors one staker's share (under 1 wei).
    function _countUpdate() internal {
        uint256 total;
        for (uint256 i = 0; i < ACTORS; ++i) {
            uint256 w = _weightAt(i, block.timestamp);
            total += w;
            _models[i].dust += w / 1e18 + 2;
        }
        dust += total / 1e18 + 2;
    }

    function _stakeAs(address who, uint256 amount, uint256 tier) internal {
        token.faucet(who, amount);
        vm.startPrank(who);
        token.approve(address(staking), type(uint256).max);
        staking.stake(amount, tier);
        vm.stopPrank();
    }

    function _dayUp(uint256 t) internal pure returns (uint256) {
        return ((t + 1 days - 1) / 1 days) * 1 days;
    }
}

contract LockedStakingInvariantTest is Test {
    LockedStakingHandler internal handler;
    LockedStaking internal staking;

    function setUp() public {
        handler = new LockedStakingHandler();
        staking = handler.staking();
        targetContract(address(handler));
    }

    /// @notice A lock boost never earns after unlock: each actor's paid + earned rewards equal the
    /// model's, where a boost ends at its unlock, within the rounding dust.
    function invariant_lockBoostNeverEarnsAfterUnlock() public view {
        for (uint256 i = 0; i < handler.ACTORS(); ++i) {
            address who = handler.actorAt(i);
            (uint256 modelEarned, uint256 modelPaid, uint256 modelDust) = handler.modelOf(i);
            uint256 w = handler.weightOf(i);
            assertEq(staking.weightOf(who), w, "weight != model");
            assertApproxEqAbs(
                modelPaid + staking.earned(who),
                modelEarned,
                modelDust + w / 1e18 + 2,
                "rewards != model (boost ends at unlock)"
            );
            for (uint256 tier = 1; tier < 3; ++tier) {
                (uint256 balance, uint256 unlockAt) = staking.balanceOf(who, tier);
                if (balance != 0) assertEq(unlockAt, handler.unlockOf(i, tier), "unlock != model");
            }
        }
    }

    /// @notice Paid + earned never exceeds what was streamed to stakers, short by at most the dust.
    function invariant_rewardsNeverExceedStreamAndDustIsBounded() public view {
        uint256 earned;
        for (uint256 a = 0; a < handler.ACTORS(); ++a) earned += staking.earned(handler.actorAt(a));
        uint256 accounted = handler.paid() + earned;
        uint256 streamed = handler.streamed();
        assertLe(accounted, streamed, "rewards accounted above the stream");
        uint256 bound_ = handler.dust() + handler.weight() / 1e18 + 1 + handler.ACTORS();
        assertLe(streamed - accounted, bound_, "rounding dust above its bound");
    }

    /// @notice Nothing streamed while nobody staked is lost: it waits in rewardsUnallocated.
    function invariant_rewardsWhileNobodyStakesAreKept() public view {
        uint256 pendingUnallocated;
        if (staking.totalWeight() == 0 && staking.lastUpdateTime() < block.timestamp) {
            uint256 until = staking.lastTimeRewardApplicable();
            if (until > staking.lastUpdateTime()) {
                pendingUnallocated = (until - staking.lastUpdateTime()) * staking.rewardRate();
            }
        }
        assertEq(
            staking.rewardsUnallocated() + pendingUnallocated,
            handler.unallocated(),
            "unallocated rewards"
        );
    }

    /// @notice The contract holds every principal plus every reward it has promised.
    function invariant_principalAndReservedRewardsAreHeld() public view {
        assertEq(staking.totalStaked(), handler.principal(), "totalStaked != model");
        assertEq(staking.totalWeight(), handler.weight(), "totalWeight != model");
        uint256 held = handler.token().balanceOf(address(staking));
        assertGe(held, staking.totalStaked() + staking.rewardsReserved(), "under-collateralised");
    }
}

contract LockedStakingFuzzTest is Test {
    address internal constant HOLDER = address(0xA11CE);
    address internal constant OTHER = address(0xB0B);

    MockERC20 internal token;
    MockERC20 internal rewardToken;
    LockedStaking internal staking;

    function setUp() public {
        token = new MockERC20("Stake", "STK", 18);
        rewardToken = new MockERC20("Reward", "RWD", 18);
        staking = new LockedStaking(
            IERC20(address(token)),
            IERC20(address(rewardToken)),
            7 days,
            address(this)
        );
        token.approve(address(staking), type(uint256).max);
    }

    /// @notice A locked stake is refused before its lock ends, the first whole day at or after 30 or
    /// 90 days, and returned in full from then on.
    function testFuzz_lockedPrincipalIsWithdrawableExactlyAtUnlock(
        uint256 amount,
        uint256 tier,
        uint256 startOffset
    ) public {
        amount = bound(amount, 1, type(uint96).max); // a locked tier holds up to 2^96 - 1
        tier = bound(tier, 1, 2);
        uint256 lock = tier == 1 ? 30 days : 90 days;
        token.faucet(address(this), amount);
        uint256 t0 = block.timestamp + bound(startOffset, 0, 2 days);
        vm.warp(t0);
        staking.stake(amount, tier);
        uint256 unlockAt = _dayUp(t0 + lock);
        (, uint256 reported) = staking.balanceOf(address(this), tier);
        assertEq(reported, unlockAt, "unlock time");

        vm.warp(unlockAt - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                ILockedStaking.LockedStakingLocked.selector,
                tier,
                unlockAt,
                unlockAt - 1
            )
        );
        staking.withdraw(amount, tier);

        vm.warp(unlockAt);
        staking.withdraw(amount, tier);
        assertEq(token.balanceOf(address(this)), amount, "principal back");
    }

    /// @notice Beside a flexible stake, a lock earns its boosted share up to its unlock second and the
    /// flexible share after it, whatever the amounts, the time of day it started and the unlock's
    /// place in the reward period.
    function testFuzz_boostEndsAtUnlock(
        uint256 locked,
        uint256 flexible,
        uint256 tier,
        uint256 startOffset,
        uint256 beforeUnlock
    ) public {
        locked = bound(locked, 1, type(uint96).max);
        flexible = bound(flexible, 1, 1e30);
        tier = bound(tier, 1, 2);
        vm.warp(block.timestamp + bound(startOffset, 0, 2 days));
        _stakeAs(HOLDER, locked, tier);
        _stakeAs(OTHER, flexible, 0);
        uint256 unlockAt = _dayUp(block.timestamp + (tier == 1 ? 30 days : 90 days));

        // A 7-day period that the unlock cuts in two.
        uint256 start = unlockAt - bound(beforeUnlock, 1, 7 days - 1);
        vm.warp(start);
        rewardToken.faucet(address(staking), 7_000e18);
        staking.notifyRewardAmount(7_000e18);
        vm.warp(start + 7 days);

        uint256 rate = uint256(7_000e18) / 7 days;
        uint256 before = rate * (unlockAt - start);
        uint256 after_ = rate * (start + 7 days - unlockAt);
        uint256 boosted = locked * (tier + 2);
        // Weights before the unlock: boosted vs 2 * flexible; after it: 2 * locked vs 2 * flexible.
        uint256 holderExpected =
            (before * boosted) / (boosted + flexible * 2) + (after_ * locked) / (locked + flexible);
        uint256 otherExpected =
            (before * flexible * 2) / (boosted + flexible * 2) +
                (after_ * flexible) / (locked + flexible);
        // Two updates (the funding and the unlock), one settlement, two floors in the closed form.
        assertApproxEqAbs(
            staking.earned(HOLDER),
            holderExpected,
            (2 * boosted) / 1e18 + 5,
            "holder: boosted to the unlock, flexible after"
        );
        assertApproxEqAbs(
            staking.earned(OTHER),
            otherExpected,
            (4 * flexible) / 1e18 + 5,
            "flexible staker"
        );
    }

    /// @notice A lone staker of any tier earns the whole stream of its time, less under 2 wei.
    function testFuzz_loneStakerEarnsTheStream(uint256 amount, uint256 tier, uint256 stay) public {
        tier = bound(tier, 0, 2);
        amount = bound(amount, 1, type(uint96).max); // a locked tier holds up to 2^96 - 1
        stay = bound(stay, 1, 14 days);
        rewardToken.faucet(address(staking), 7_000e18);
        staking.notifyRewardAmount(7_000e18);
        uint256 rate = uint256(7_000e18) / 7 days;
        token.faucet(address(this), amount);
        staking.stake(amount, tier);
        vm.warp(block.timestamp + stay);
        uint256 expected = rate * (stay < 7 days ? stay : 7 days);
        uint256 got = staking.earned(address(this));
        assertLe(got, expected, "earned above the stream");
        assertApproxEqAbs(
            got,
            expected,
            (amount * 4) / 1e18 + 2,
            "earned below the stream minus dust"
        );
    }

    function _stakeAs(address who, uint256 amount, uint256 tier) internal {
        token.faucet(who, amount);
        vm.startPrank(who);
        token.approve(address(staking), type(uint256).max);
        staking.stake(amount, tier);
        vm.stopPrank();
    }

    function _dayUp(uint256 t) internal pure returns (uint256) {
        return ((t + 1 days - 1) / 1 days) * 1 days;
    }
}
