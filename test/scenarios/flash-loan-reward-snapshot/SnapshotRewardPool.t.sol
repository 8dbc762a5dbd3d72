// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {MockERC20} from "../../../contracts/core/tokens/MockERC20.sol";
import {RewardToken} from "../../../contracts/core/tokens/RewardToken.sol";
import {SnapshotRewardPool} from "../../../contracts/scenarios/flash-loan-reward-snapshot/SnapshotRewardPool.sol";
import {Test} from "../../utils/Test.sol";
import {DepositorsHandler} from "../shared/DepositorsHandler.sol";

/// @notice Drives SnapshotRewardPool with random deposits, withdrawals, harvests and waits, and tallies
/// what each round paid and what the pool owes.
contract SnapshotRewardPoolHandler is DepositorsHandler {
    SnapshotRewardPool public immutable pool;
    MockERC20 public immutable token;
    RewardToken public immutable reward;
    mapping(uint256 round => uint256) public paidInRound;

    constructor(SnapshotRewardPool pool_, MockERC20 token_, RewardToken reward_) {
        pool = pool_;
        token = token_;
        reward = reward_;
    }

    function harvest(uint256 userSeed) external {
        address user = _user(userSeed);
        uint256 before = reward.balanceOf(user);
        vm.prank(user);
        pool.harvest(0, user);
        paidInRound[pool.round()] += reward.balanceOf(user) - before;
    }

    function wait(uint256 secondsAhead) external {
        vm.warp(block.timestamp + bound(secondsAhead, 0, 6 days));
    }

    function _maxDeposit() internal pure override returns (uint256) {
        return 1e30;
    }

    function _deposit(address user, uint256 amount) internal override {
        _fundAndApprove(token, user, address(pool), amount);
        vm.prank(user);
        pool.deposit(0, amount, user);
    }

    function _withdraw(address user, uint256 amount) internal override {
        vm.prank(user);
        pool.withdraw(0, amount, user);
    }

    function _depositOf(address user) internal view override returns (uint256) {
        return pool.depositOf(user);
    }
}

contract SnapshotRewardPoolTest is Test {
    SnapshotRewardPool internal pool;
    SnapshotRewardPoolHandler internal handler;
    MockERC20 internal token;

    function setUp() public {
        token = new MockERC20("Dai Stablecoin", "DAI", 18);
        RewardToken reward = new RewardToken(address(this), type(uint128).max);
        pool = new SnapshotRewardPool(IERC20(address(token)), reward);
        reward.grantRole(reward.MINTER_ROLE(), address(pool));
        handler = new SnapshotRewardPoolHandler(pool, token, reward);
        targetContract(address(handler));
    }

    function invariant_aRoundNeverPaysMoreThanItsRewards() public view {
        uint256 rounds = pool.round();
        for (uint256 r = 1; r <= rounds; r++) {
            assertLe(handler.paidInRound(r), pool.REWARDS_PER_ROUND(), "round overpaid");
        }
    }

    function invariant_depositsAreAccountedAndHeld() public view {
        assertEq(pool.totalDeposits(), handler.owed(), "total != owed");
        assertEq(handler.sumOfBalances(), handler.owed(), "sum of deposits != owed");
        assertEq(token.balanceOf(address(pool)), handler.owed(), "balance != owed");
    }

    function testFuzz_aSnapshotSharePaysProRataRoundedDown(uint256 a, uint256 b) public {
        a = bound(a, 1, 1e30);
        b = bound(b, 1, 1e30);
        address alice = address(0xA11CE);
        address bob = address(0xB0B);
        _deposit(alice, a);
        _deposit(bob, b);
        vm.warp(block.timestamp + pool.ROUND_DURATION());
        vm.prank(alice);
        pool.harvest(0, alice);
        vm.prank(bob);
        pool.harvest(0, bob);
        IERC20 reward = IERC20(address(pool.rewardToken()));
        uint256 rewards = pool.REWARDS_PER_ROUND();
        assertEq(reward.balanceOf(alice), (rewards * a) / (a + b), "alice's share");
        assertEq(reward.balanceOf(bob), (rewards * b) / (a + b), "bob's share");
        assertLe(reward.balanceOf(alice) + reward.balanceOf(bob), rewards, "over the round");
    }

    function _deposit(address user, uint256 amount) internal {
        token.faucet(user, amount);
        vm.startPrank(user);
        token.approve(address(pool), amount);
        pool.deposit(0, amount, user);
        vm.stopPrank();
    }
}
