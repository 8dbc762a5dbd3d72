// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {ILockedStaking} from "../../../contracts/core/staking/ILockedStaking.sol";
import {LockedStaking} from "../../../contracts/core/staking/LockedStaking.sol";
import {MockERC20} from "../../../contracts/core/tokens/MockERC20.sol";
import {Test} from "../../utils/Test.sol";

/// @notice Drives a same-token LockedStaking (stake and reward are one token, so compound works) with
/// random stakes in every tier, withdrawals, claims, compounds, exits, reward periods and time jumps.
/// Its model tracks principal and the rewards streamed while someone was staked.
contract LockedStakingHandler is Test {
    uint256 public constant ACTORS = 3;
    uint256 public constant DURATION = 7 days;

    LockedStaking public immutable staking;
    MockERC20 public immutable token;
    address[ACTORS] public actors = [address(0xA11CE), address(0xB0B), address(0xCA401)];

    uint256 public principal;
    uint256 public weight;
    uint256 public streamed;
    uint256 public unallocated;
    uint256 public paid;
    uint256 public dust;

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
        address who = actors[actorSeed % ACTORS];
        tier = tier % 3;
        amount = bound(amount, 1, 1e27);
        token.faucet(who, amount);
        _countUpdate();
        vm.prank(who);
        staking.stake(amount, tier);
        principal += amount;
        weight += amount * (tier + 2);
    }

    function withdraw(uint256 actorSeed, uint256 tier, uint256 amount) external {
        address who = actors[actorSeed % ACTORS];
        tier = tier % 3;
        (uint256 balance, uint256 unlockAt) = staking.balanceOf(who, tier);
        if (balance == 0) return;
        amount = bound(amount, 1, balance);
        if (block.timestamp < unlockAt) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    ILockedStaking.LockedStakingLocked.selector,
                    tier,
                    unlockAt,
                    block.timestamp
                )
            );
            vm.prank(who);
            staking.withdraw(amount, tier);
            return;
        }
        _countUpdate();
        vm.prank(who);
        staking.withdraw(amount, tier);
        principal -= amount;
        weight -= amount * (tier + 2);
    }

    function getReward(uint256 actorSeed) external {
        address who = actors[actorSeed % ACTORS];
        _countUpdate();
        uint256 before = token.balanceOf(who);
        vm.prank(who);
        staking.getReward();
        paid += token.balanceOf(who) - before;
    }

    function compound(uint256 actorSeed) external {
        address who = actors[actorSeed % ACTORS];
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
        weight += reward * 2;
    }

    function exit(uint256 actorSeed) external {
        address who = actors[actorSeed % ACTORS];
        uint256 total;
        uint256 w;
        for (uint256 tier = 0; tier < 3; ++tier) {
            (uint256 balance, uint256 unlockAt) = staking.balanceOf(who, tier);
            if (balance != 0 && block.timestamp < unlockAt) return;
            total += balance;
            w += balance * (tier + 2);
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
        weight -= w;
    }

    function notify(uint256 amount) external {
        amount = bound(amount, DURATION, 1e24);
        token.faucet(address(staking), amount);
        _countUpdate();
        staking.notifyRewardAmount(amount);
        unallocated = 0;
    }

    function warp(uint256 seconds_) external {
        seconds_ = bound(seconds_, 0, 10 days);
        uint256 from = block.timestamp;
        uint256 to = from + seconds_;
        uint256 finish = staking.periodFinish();
        if (to > finish) to = finish;
        if (to > from) {
            uint256 amount = (to - from) * staking.rewardRate();
            if (weight == 0) unallocated += amount;
            else streamed += amount;
        }
        vm.warp(from + seconds_);
    }

    function actorAt(uint256 i) external view returns (address) {
        return actors[i];
    }

    /// @dev An update floors streamed * 1e18 / totalWeight (under weight / 1e18 + 1 wei lost); a
    /// settlement floors one staker's share (under 1 wei).
    function _countUpdate() internal {
        dust += weight / 1e18 + 2;
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

    /// @notice A locked stake is refused before its lock ends and returned in full from then on.
    function testFuzz_lockedPrincipalIsWithdrawableExactlyAtUnlock(
        uint256 amount,
        uint256 tier
    ) public {
        amount = bound(amount, 1, type(uint96).max); // a locked tier holds up to 2^96 - 1
        tier = bound(tier, 1, 2);
        uint256 lock = tier == 1 ? 30 days : 90 days;
        token.faucet(address(this), amount);
        uint256 t0 = block.timestamp;
        staking.stake(amount, tier);

        vm.warp(t0 + lock - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                ILockedStaking.LockedStakingLocked.selector,
                tier,
                t0 + lock,
                t0 + lock - 1
            )
        );
        staking.withdraw(amount, tier);

        vm.warp(t0 + lock);
        staking.withdraw(amount, tier);
        assertEq(token.balanceOf(address(this)), amount, "principal back");
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
}
