// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {Farm} from "../../../contracts/core/farming/Farm.sol";
import {MockERC20} from "../../../contracts/core/tokens/MockERC20.sol";
import {RewardToken} from "../../../contracts/core/tokens/RewardToken.sol";
import {Test} from "../../utils/Test.sol";

/// @notice Drives a two-pool Farm (an 18-decimal and a 6-decimal staking token, weights from 1 to 4)
/// with random deposits, withdrawals, harvests, emergency withdrawals, weight changes and time jumps,
/// and keeps its own model of principal and of what the schedule emitted to each pool while it had
/// stake.
contract FarmHandler is Test {
    // Divisible by every total weight (2 to 8), so pool shares are exact.
    uint256 public constant RATE = 840e15;
    uint256 public constant DURATION = 30 days;
    uint256 public constant BONUS = 2 days;
    uint256 public constant MULTIPLIER = 3;
    uint256 public constant POOLS = 2;
    uint256 public constant ACTORS = 3;

    Farm public immutable farm;
    RewardToken public immutable reward;
    MockERC20[POOLS] public tokens;
    uint64[POOLS] public allocs = [uint64(1), uint64(3)];
    address[ACTORS] public actors = [address(0xA11CE), address(0xB0B), address(0xCA401)];
    uint256 public immutable start;

    uint256[POOLS] public staked;
    uint256[POOLS] public emitted;
    uint256[POOLS] public claimed;
    uint256[POOLS] public forfeited;
    uint256[POOLS] public dust;

    constructor() {
        reward = new RewardToken(address(this), 1e30);
        start = block.timestamp + 1 hours;
        farm = new Farm(reward, RATE, start, DURATION, BONUS, MULTIPLIER, address(this));
        reward.grantRole(reward.MINTER_ROLE(), address(farm));
        tokens[0] = new MockERC20("Eighteen", "E18", 18);
        tokens[1] = new MockERC20("Six", "S6", 6);
        for (uint256 p = 0; p < POOLS; ++p) {
            farm.add(allocs[p], IERC20(address(tokens[p])));
            for (uint256 a = 0; a < ACTORS; ++a) {
                vm.prank(actors[a]);
                tokens[p].approve(address(farm), type(uint256).max);
            }
        }
    }

    function deposit(uint256 actorSeed, uint256 pidSeed, uint256 amount) external {
        (address actor, uint256 pid) = _pick(actorSeed, pidSeed);
        amount = bound(amount, 1, pid == 0 ? 1e27 : 1e15);
        tokens[pid].faucet(actor, amount);
        _countUpdate(pid);
        vm.prank(actor);
        farm.deposit(pid, amount, actor);
        staked[pid] += amount;
    }

    function withdraw(
        uint256 actorSeed,
        uint256 pidSeed,
        uint256 amount,
        bool andHarvest
    ) external {
        (address actor, uint256 pid) = _pick(actorSeed, pidSeed);
        (uint128 balance, , ) = farm.userInfo(pid, actor);
        if (balance == 0) return;
        amount = bound(amount, 1, balance);
        _countUpdate(pid);
        uint256 rewardBefore = reward.balanceOf(actor);
        vm.prank(actor);
        if (andHarvest) farm.withdrawAndHarvest(pid, amount, actor);
        else farm.withdraw(pid, amount, actor);
        claimed[pid] += reward.balanceOf(actor) - rewardBefore;
        staked[pid] -= amount;
    }

    function harvest(uint256 actorSeed, uint256 pidSeed) external {
        (address actor, uint256 pid) = _pick(actorSeed, pidSeed);
        _countUpdate(pid);
        uint256 rewardBefore = reward.balanceOf(actor);
        vm.prank(actor);
        farm.harvest(pid, actor);
        claimed[pid] += reward.balanceOf(actor) - rewardBefore;
    }

    /// @dev Updates the pool first so that the forfeited amount is exactly the pending one.
    function emergencyWithdraw(uint256 actorSeed, uint256 pidSeed) external {
        (address actor, uint256 pid) = _pick(actorSeed, pidSeed);
        (uint128 balance, , ) = farm.userInfo(pid, actor);
        if (balance == 0) return;
        _countUpdate(pid);
        farm.updatePool(pid);
        forfeited[pid] += farm.pendingReward(pid, actor);
        uint256 tokenBefore = tokens[pid].balanceOf(actor);
        vm.prank(actor);
        farm.emergencyWithdraw(pid, actor);
        assertEq(tokens[pid].balanceOf(actor) - tokenBefore, balance, "principal returned");
        staked[pid] -= balance;
    }

    /// @dev The owner's weight change: every pool is first brought up to now at the old weights.
    function setAlloc(uint256 pidSeed, uint256 allocSeed) external {
        uint256 pid = pidSeed % POOLS;
        uint64 alloc = uint64(1 + (allocSeed % 4));
        _countUpdate(0);
        _countUpdate(1);
        farm.set(pid, alloc);
        allocs[pid] = alloc;
    }

    function warp(uint256 seconds_) external {
        seconds_ = bound(seconds_, 0, 3 days);
        uint256 from = block.timestamp;
        uint256 to = from + seconds_;
        for (uint256 p = 0; p < POOLS; ++p) {
            if (staked[p] != 0) {
                emitted[p] += (scheduleBetween(from, to) * allocs[p]) / (allocs[0] + allocs[1]);
            }
        }
        vm.warp(to);
    }

    function actorAt(uint256 i) external view returns (address) {
        return actors[i];
    }

    /// @notice The schedule in closed form: RATE per second in [start, start + DURATION), times
    /// MULTIPLIER in the first BONUS seconds.
    function scheduleBetween(uint256 from, uint256 to) public view returns (uint256) {
        uint256 lo = from < start ? start : from;
        uint256 hi = to > start + DURATION ? start + DURATION : to;
        if (hi <= lo) return 0;
        uint256 bonusEnd = start + BONUS;
        uint256 bonusSeconds = lo >= bonusEnd ? 0 : (hi < bonusEnd ? hi : bonusEnd) - lo;
        return RATE * (MULTIPLIER * bonusSeconds + (hi - lo - bonusSeconds));
    }

    /// @dev Each update floors reward * 1e18 / staked (under staked / 1e18 + 1 wei lost) and each
    /// settlement floors one staker's share (under 1 wei).
    function _countUpdate(uint256 pid) internal {
        dust[pid] += staked[pid] / 1e18 + 2;
    }

    function _pick(uint256 actorSeed, uint256 pidSeed) internal view returns (address, uint256) {
        return (actors[actorSeed % ACTORS], pidSeed % POOLS);
    }
}

contract FarmInvariantTest is Test {
    error ProbeSucceeded();

    FarmHandler internal handler;
    Farm internal farm;

    function setUp() public {
        handler = new FarmHandler();
        farm = handler.farm();
        targetContract(address(handler));
    }

    /// @notice Harvested + pending + forfeited never exceeds what the schedule emitted to the pool,
    /// and falls short of it by no more than the rounding dust bound.
    function invariant_rewardsNeverExceedEmissionAndDustIsBounded() public view {
        for (uint256 p = 0; p < handler.POOLS(); ++p) {
            uint256 pending;
            for (uint256 a = 0; a < handler.ACTORS(); ++a) {
                pending += farm.pendingReward(p, handler.actorAt(a));
            }
            uint256 accounted = handler.claimed(p) + pending + handler.forfeited(p);
            uint256 emitted = handler.emitted(p);
            assertLe(accounted, emitted, "rewards accounted above emission");
            // The pending views floor once more per staker and once for the simulated update.
            uint256 bound_ = handler.dust(p) + handler.staked(p) / 1e18 + 1 + handler.ACTORS();
            assertLe(emitted - accounted, bound_, "rounding dust above its bound");
        }
    }

    function invariant_totalStakedMatchesPrincipalAndIsHeld() public view {
        for (uint256 p = 0; p < handler.POOLS(); ++p) {
            (IERC20 token, , , , uint256 totalStaked) = farm.poolInfo(p);
            uint256 sum;
            for (uint256 a = 0; a < handler.ACTORS(); ++a) {
                (uint128 amount, , ) = farm.userInfo(p, handler.actorAt(a));
                sum += amount;
            }
            assertEq(totalStaked, sum, "totalStaked != sum of stakes");
            assertEq(totalStaked, handler.staked(p), "totalStaked != model");
            assertGe(token.balanceOf(address(farm)), totalStaked, "farm holds less than staked");
        }
    }

    /// @notice Every staker can take its whole principal out at any moment (tried, then undone).
    function invariant_principalAlwaysWithdrawable() public {
        try this.withdrawEveryoneThenRevert() {
            assertTrue(false, "probe did not revert");
        } catch (bytes memory reason) {
            assertEq(
                uint256(uint32(bytes4(reason))),
                uint256(uint32(ProbeSucceeded.selector)),
                "a withdrawal failed"
            );
        }
    }

    /// @dev Only for the probe above: withdraws everyone, checks, and reverts to undo it all.
    function withdrawEveryoneThenRevert() external {
        for (uint256 p = 0; p < handler.POOLS(); ++p) {
            (IERC20 token, , , , ) = farm.poolInfo(p);
            for (uint256 a = 0; a < handler.ACTORS(); ++a) {
                address who = handler.actorAt(a);
                (uint128 amount, , ) = farm.userInfo(p, who);
                if (amount == 0) continue;
                uint256 before = token.balanceOf(who);
                vm.prank(who);
                farm.emergencyWithdraw(p, who);
                assertEq(token.balanceOf(who) - before, amount, "principal not returned");
            }
            (, , , , uint256 totalStaked) = farm.poolInfo(p);
            assertEq(totalStaked, 0, "stake left after everyone withdrew");
        }
        revert ProbeSucceeded();
    }
}

contract FarmFuzzTest is Test {
    RewardToken internal reward;
    MockERC20 internal token;
    Farm internal farm;
    uint256 internal start;

    function setUp() public {
        reward = new RewardToken(address(this), 1e30);
        start = block.timestamp + 100;
        farm = new Farm(reward, 1e18, start, 1000, 100, 5, address(this));
        reward.grantRole(reward.MINTER_ROLE(), address(farm));
        token = new MockERC20("Staked", "STK", 18);
        farm.add(10, IERC20(address(token)));
        token.approve(address(farm), type(uint256).max);
    }

    /// @notice rewardsBetween against a second-by-second sum of the schedule.
    function testFuzz_rewardsBetweenMatchesTheScheduleSecondBySecond(
        uint256 from,
        uint256 span
    ) public view {
        from = bound(from, start - 50, start + 1100);
        span = bound(span, 0, 300);
        uint256 expected;
        for (uint256 t = from; t < from + span; ++t) {
            if (t < start || t >= start + 1000) continue;
            expected += t < start + 100 ? 5e18 : 1e18;
        }
        assertEq(farm.rewardsBetween(from, from + span), expected, "rewardsBetween");
    }

    /// @notice A single staker earns the whole emission of its stake's lifetime, less under 2 wei.
    function testFuzz_singleStakerEarnsTheEmission(
        uint256 amount,
        uint256 enter,
        uint256 stay
    ) public {
        amount = bound(amount, 1, 1e30);
        enter = bound(enter, 0, 1200);
        stay = bound(stay, 1, 1200);
        token.faucet(address(this), amount);
        vm.warp(block.timestamp + enter);
        uint256 t0 = block.timestamp;
        farm.deposit(0, amount, address(this));
        vm.warp(t0 + stay);
        uint256 expected = farm.rewardsBetween(t0, t0 + stay);
        farm.withdrawAndHarvest(0, amount, address(this));
        uint256 got = reward.balanceOf(address(this));
        assertLe(got, expected, "paid above emission");
        assertApproxEqAbs(got, expected, amount / 1e18 + 2, "paid below emission minus dust");
        assertEq(token.balanceOf(address(this)), amount, "principal back");
    }
}
