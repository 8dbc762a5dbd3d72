// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ILiquidStaking} from "../../../contracts/core/staking/ILiquidStaking.sol";
import {LiquidStaking} from "../../../contracts/core/staking/LiquidStaking.sol";
import {Test} from "../../utils/Test.sol";

/// @notice Drives LiquidStaking with random stakes, reports, withdrawal requests and claims from three
/// stakers, as the invariant fuzzer's only target, and tallies the ETH that went in and out.
contract LiquidStakingHandler is Test {
    LiquidStaking public immutable staking;
    address[3] internal stakers = [address(0xA11CE), address(0xB0B), address(0xCA401)];

    uint256 public ethIn;
    uint256 public ethOut;
    uint256 public owedUnclaimed;
    uint256 public highestRate;
    bool public rateFell;
    uint256[] internal _unclaimed;

    constructor(LiquidStaking staking_) {
        staking = staking_;
        highestRate = staking_.ethPerShare();
    }

    function stake(uint256 stakerSeed, uint256 amount) external {
        address who = stakers[stakerSeed % stakers.length];
        amount = bound(amount, 1, 10_000 ether);
        vm.deal(who, amount);
        if (staking.convertToSharesDown(amount) == 0) {
            vm.expectRevert(
                abi.encodeWithSelector(ILiquidStaking.StakingZeroShares.selector, amount)
            );
            vm.prank(who);
            staking.stake{value: amount}();
            return;
        }
        vm.prank(who);
        staking.stake{value: amount}();
        ethIn += amount;
        _checkRate();
    }

    function report(uint256 elapsed, uint256 reward) external {
        vm.warp(block.timestamp + bound(elapsed, 0, 60 days));
        reward = staking.totalSupply() == 0 ? 0 : bound(reward, 0, staking.maxRewardNow());
        vm.deal(address(this), reward);
        staking.report{value: reward}();
        ethIn += reward;
        _checkRate();
    }

    function requestWithdrawal(uint256 stakerSeed, uint256 shares) external {
        address who = stakers[stakerSeed % stakers.length];
        uint256 balance = staking.balanceOf(who);
        if (balance == 0) return;
        shares = bound(shares, 1, balance);
        uint256 owed = staking.convertToEthDown(shares);
        vm.prank(who);
        _unclaimed.push(staking.requestWithdrawal(shares));
        owedUnclaimed += owed;
        _checkRate();
    }

    function claim(uint256 seed) external {
        if (_unclaimed.length == 0) return;
        uint256 slot = seed % _unclaimed.length;
        uint256 requestId = _unclaimed[slot];
        (address owner, uint256 owed, bool finalized, ) = staking.withdrawalRequest(requestId);
        if (!finalized) return;
        vm.prank(owner);
        staking.claimWithdrawal(requestId);
        _unclaimed[slot] = _unclaimed[_unclaimed.length - 1];
        _unclaimed.pop();
        ethOut += owed;
        owedUnclaimed -= owed;
        _checkRate();
    }

    function stakerCount() external view returns (uint256) {
        return stakers.length;
    }

    function stakerAt(uint256 i) external view returns (address) {
        return stakers[i];
    }

    function _checkRate() internal {
        uint256 rate = staking.ethPerShare();
        if (staking.totalSupply() == 0) return;
        if (rate < highestRate) rateFell = true;
        else highestRate = rate;
    }
}

contract LiquidStakingTest is Test {
    uint256 internal constant MAX_APR_BPS = 1_000;
    address internal constant ALICE = address(0xA11CE);
    address internal constant BOB = address(0xB0B);

    LiquidStaking internal staking;
    LiquidStakingHandler internal handler;

    function setUp() public {
        staking = new LiquidStaking(address(this), address(this), MAX_APR_BPS);
        handler = new LiquidStakingHandler(staking);
        staking.grantRole(staking.ORACLE_ROLE(), address(handler));
        targetContract(address(handler));
    }

    /// The brief's invariant: the ETH held covers what is queued plus every share at the current rate.
    function invariant_ethHeldCoversQueuedAndAllShares() public view {
        uint256 sharesValue = staking.convertToEthDown(staking.totalSupply());
        assertGe(
            address(staking).balance,
            staking.queuedEther() + sharesValue,
            "ETH held < queued + shares"
        );
        assertGe(
            address(staking).balance,
            staking.totalPooledEther() + staking.queuedEther(),
            "ETH held < pooled + queued"
        );
    }

    function invariant_holdersValueFitsInThePool() public view {
        uint256 sum;
        uint256 shares;
        for (uint256 i = 0; i < handler.stakerCount(); i++) {
            uint256 balance = staking.balanceOf(handler.stakerAt(i));
            sum += staking.convertToEthDown(balance);
            shares += balance;
        }
        assertEq(shares, staking.totalSupply(), "shares outside the stakers");
        assertLe(sum, staking.totalPooledEther(), "holders' ETH > pool");
    }

    function invariant_accountingMatchesTheEthThatMoved() public view {
        assertEq(address(staking).balance, handler.ethIn() - handler.ethOut(), "balance");
        assertEq(staking.queuedEther(), handler.owedUnclaimed(), "queued");
    }

    function invariant_ratePerShareNeverFalls() public view {
        assertTrue(!handler.rateFell(), "ETH per share fell");
    }

    function testFuzz_stakeThenWithdrawReturnsAtMostTheStake(
        uint256 first,
        uint256 elapsed,
        uint256 reward,
        uint256 amount
    ) public {
        first = bound(first, 1 ether, 1_000_000 ether);
        amount = bound(amount, 1, 1_000_000 ether);
        vm.deal(BOB, first);
        vm.prank(BOB);
        staking.stake{value: first}();
        vm.warp(block.timestamp + bound(elapsed, 1, 365 days));
        reward = bound(reward, 0, staking.maxRewardNow());
        vm.deal(address(this), reward);
        staking.report{value: reward}();

        vm.deal(ALICE, amount);
        vm.assume(staking.convertToSharesDown(amount) > 0);
        vm.startPrank(ALICE);
        uint256 shares = staking.stake{value: amount}();
        uint256 owed = staking.convertToEthDown(shares);
        staking.requestWithdrawal(shares);
        vm.stopPrank();
        assertLe(owed, amount, "round trip paid more than the stake");
    }

    function testFuzz_reportAboveTheBoundReverts(uint256 elapsed, uint256 excess) public {
        vm.deal(ALICE, 100 ether);
        vm.prank(ALICE);
        staking.stake{value: 100 ether}();
        elapsed = bound(elapsed, 0, 365 days);
        vm.warp(block.timestamp + elapsed);
        uint256 maxReward = (100 ether * MAX_APR_BPS * elapsed) / (10_000 * 365 days);
        uint256 reward = maxReward + bound(excess, 1, 1_000 ether);
        vm.deal(address(this), reward);
        vm.expectRevert(
            abi.encodeWithSelector(
                ILiquidStaking.StakingRewardAboveBound.selector,
                reward,
                maxReward
            )
        );
        staking.report{value: reward}();
    }
}
