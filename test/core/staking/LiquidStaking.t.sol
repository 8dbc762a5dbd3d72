// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ILiquidStaking} from "../../../contracts/core/staking/ILiquidStaking.sol";
import {LiquidStaking} from "../../../contracts/core/staking/LiquidStaking.sol";
import {Test} from "../../utils/Test.sol";

/// @notice Drives LiquidStaking with random stakes, share claims (by anyone), reports, withdrawal
/// requests and claims from three stakers and time jumps, as the invariant fuzzer's only target, and
/// tallies the ETH that went in and out. Its model keeps each staker's ETH in three parts — in the
/// pool, waiting to join, queued to leave — and credits each report's reward only to the ETH that
/// was in the pool over the whole period since the previous report, pro rata; deposits join the
/// pool after that report's reward.
contract LiquidStakingHandler is Test {
    uint256 public constant ACTORS = 3;

    LiquidStaking public immutable staking;
    address[ACTORS] public actors = [address(0xA11CE), address(0xB0B), address(0xCA401)];

    uint256 public ethIn;
    uint256 public ethOut;
    uint256 public owedUnclaimed;
    uint256 public highestRate;
    bool public rateFell;
    uint256[] internal _unclaimed;

    uint256[ACTORS] public modelPooled;
    uint256[ACTORS] public modelPending;
    uint256[ACTORS] public modelQueued;
    /// @notice ETH of each actor's unclaimed requests as the contract fixed it.
    uint256[ACTORS] public queuedOf;
    /// @notice Handler calls that round (stakes, reports, requests): each may shift a few wei.
    uint256 public roundings;
    mapping(uint256 requestId => uint256) internal _modelOwed;
    mapping(uint256 requestId => uint256) internal _actorOf;

    constructor(LiquidStaking staking_) {
        staking = staking_;
        highestRate = staking_.ethPerShare();
    }

    function stake(uint256 actorSeed, uint256 amount) external {
        uint256 i = actorSeed % ACTORS;
        address who = actors[i];
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
        modelPending[i] += amount;
        ++roundings;
        _checkRate();
    }

    function claimShares(uint256 actorSeed, uint256 callerSeed) external {
        address who = actors[actorSeed % ACTORS];
        address caller = callerSeed % 2 == 0 ? who : actors[callerSeed % ACTORS];
        (uint256 eth, uint256 reportId, uint256 claimable) = staking.pendingDeposit(who);
        if (eth == 0) {
            vm.expectRevert(abi.encodeWithSelector(ILiquidStaking.StakingNoDeposit.selector, who));
        } else if (reportId > staking.reportCount()) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    ILiquidStaking.StakingDepositNotAdmitted.selector,
                    who,
                    reportId,
                    staking.reportCount()
                )
            );
        }
        uint256 before = staking.balanceOf(who);
        vm.prank(caller);
        staking.claimShares(who);
        assertEq(staking.balanceOf(who) - before, claimable, "claim delivers the claimable shares");
    }

    function report(uint256 elapsed, uint256 reward) external {
        vm.warp(block.timestamp + bound(elapsed, 0, 60 days));
        reward = staking.totalSupply() == 0 ? 0 : bound(reward, 0, staking.maxRewardNow());
        vm.deal(address(this), reward);
        staking.report{value: reward}();
        ethIn += reward;

        uint256 staked;
        for (uint256 i = 0; i < ACTORS; ++i) staked += modelPooled[i];
        for (uint256 i = 0; i < ACTORS; ++i) {
            if (staked > 0) modelPooled[i] += (reward * modelPooled[i]) / staked;
            modelPooled[i] += modelPending[i];
            modelPending[i] = 0;
        }
        ++roundings;
        _checkRate();
    }

    function requestWithdrawal(uint256 actorSeed, uint256 shares) external {
        uint256 i = actorSeed % ACTORS;
        address who = actors[i];
        uint256 held = _sharesOf(who);
        if (held == 0) return;
        shares = bound(shares, 1, held);
        vm.prank(who);
        uint256 requestId = staking.requestWithdrawal(shares);
        (, uint256 owed, , ) = staking.withdrawalRequest(requestId);
        _unclaimed.push(requestId);
        owedUnclaimed += owed;
        queuedOf[i] += owed;

        uint256 moved = (modelPooled[i] * shares) / held;
        modelPooled[i] -= moved;
        modelQueued[i] += moved;
        _modelOwed[requestId] = moved;
        _actorOf[requestId] = i;
        ++roundings;
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
        uint256 i = _actorOf[requestId];
        queuedOf[i] -= owed;
        modelQueued[i] -= _modelOwed[requestId];
        _checkRate();
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 0, 30 days));
    }

    function actorAt(uint256 i) external view returns (address) {
        return actors[i];
    }

    /// @notice The actor's ETH in the contract: its shares (held, or admitted and unclaimed) at the
    /// current rate, its deposit still waiting, and its unclaimed withdrawals.
    function valueOf(uint256 i) external view returns (uint256) {
        (uint256 eth, uint256 reportId, ) = staking.pendingDeposit(actors[i]);
        uint256 waiting = reportId > staking.reportCount() ? eth : 0;
        return staking.convertToEthDown(_sharesOf(actors[i])) + waiting + queuedOf[i];
    }

    /// @notice The model's ETH of the actor: in the pool, waiting to join, queued to leave.
    function modelValueOf(uint256 i) external view returns (uint256) {
        return modelPooled[i] + modelPending[i] + modelQueued[i];
    }

    function modelPendingTotal() external view returns (uint256 total) {
        for (uint256 i = 0; i < ACTORS; ++i) total += modelPending[i];
    }

    function _sharesOf(address who) internal view returns (uint256) {
        (, , uint256 claimable) = staking.pendingDeposit(who);
        return staking.balanceOf(who) + claimable;
    }

    function _checkRate() internal {
        uint256 rate = staking.ethPerShare();
        // Once every share has left, the pool is empty and the next deposits start again at one.
        if (staking.totalSupply() == 0) {
            highestRate = rate;
            return;
        }
        if (rate < highestRate) rateFell = true;
        else highestRate = rate;
    }
}

contract LiquidStakingTest is Test {
    uint256 internal constant MAX_APR_BPS = 1_000;
    address internal constant ALICE = address(0xA11CE);
    address internal constant BOB = address(0xB0B);
    address internal constant CAROL = address(0xCA401);

    LiquidStaking internal staking;
    LiquidStakingHandler internal handler;

    function setUp() public {
        staking = new LiquidStaking(address(this), address(this), MAX_APR_BPS);
        handler = new LiquidStakingHandler(staking);
        staking.grantRole(staking.ORACLE_ROLE(), address(handler));
        targetContract(address(handler));
    }

    /// @notice Liquid-staking rewards are time-weighted: each staker's ETH (shares at the current
    /// rate, deposit waiting, withdrawals queued) matches a model that pays each report's reward only
    /// to the ETH staked over the whole period it covers, within a few wei per rounding call.
    function invariant_rewardsAreTimeWeighted() public view {
        // Each rounding call floors at most a share (under 2 wei: 32 reports of at most 60 days at
        // 10% keep the rate under 1.7) and a wei of ETH in the contract, and a wei in the model.
        uint256 tolerance = 4 * handler.roundings() + 4;
        for (uint256 i = 0; i < handler.ACTORS(); ++i) {
            assertApproxEqAbs(
                handler.valueOf(i),
                handler.modelValueOf(i),
                tolerance,
                "staker's ETH != time-weighted model"
            );
        }
    }

    /// The ETH held covers the pool, the queue and the deposits waiting, and every share at the
    /// current rate.
    function invariant_ethHeldCoversPooledQueuedAndPending() public view {
        uint256 sharesValue = staking.convertToEthDown(staking.totalSupply());
        uint256 owed = staking.queuedEther() + staking.pendingEther();
        assertGe(address(staking).balance, owed + sharesValue, "ETH held < owed + shares");
        assertGe(
            address(staking).balance,
            staking.totalPooledEther() + owed,
            "ETH held < pooled + queued + pending"
        );
    }

    /// Every share belongs to a staker or is held by the contract for the admitted deposits (plus
    /// the dust their floors leave); the stakers' shares are worth no more than the pool.
    function invariant_holdersValueFitsInThePool() public view {
        uint256 sum;
        uint256 shares;
        uint256 claimable;
        for (uint256 i = 0; i < handler.ACTORS(); ++i) {
            (, , uint256 c) = staking.pendingDeposit(handler.actorAt(i));
            uint256 balance = staking.balanceOf(handler.actorAt(i));
            sum += staking.convertToEthDown(balance + c);
            shares += balance;
            claimable += c;
        }
        uint256 held = staking.balanceOf(address(staking));
        assertEq(shares + held, staking.totalSupply(), "shares outside the stakers and contract");
        assertGe(held, claimable, "contract holds less than the admitted shares");
        assertLe(sum, staking.totalPooledEther(), "holders' ETH > pool");
    }

    function invariant_accountingMatchesTheEthThatMoved() public view {
        assertEq(address(staking).balance, handler.ethIn() - handler.ethOut(), "balance");
        assertEq(staking.queuedEther(), handler.owedUnclaimed(), "queued");
        assertEq(staking.pendingEther(), handler.modelPendingTotal(), "pending");
    }

    function invariant_ratePerShareNeverFalls() public view {
        assertTrue(!handler.rateFell(), "ETH per share fell");
    }

    /// @notice A stake that spans only a report gets back at most what it put in, and the staker
    /// there all period keeps the whole reward.
    function testFuzz_stakeSpanningOnlyAReportEarnsNothing(
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
        staking.report();
        vm.warp(block.timestamp + bound(elapsed, 1, 365 days));

        vm.deal(ALICE, amount);
        vm.assume(staking.convertToSharesDown(amount) > 0);
        vm.prank(ALICE);
        staking.stake{value: amount}();
        reward = bound(reward, 0, staking.maxRewardNow());
        vm.deal(address(this), reward);
        staking.report{value: reward}();

        (, , uint256 shares) = staking.pendingDeposit(ALICE);
        vm.assume(shares > 0);
        vm.prank(ALICE);
        uint256 requestId = staking.requestWithdrawal(shares);
        (, uint256 owed, , ) = staking.withdrawalRequest(requestId);
        assertLe(owed, amount, "round trip paid more than the stake");
        (, , uint256 bobShares) = staking.pendingDeposit(BOB);
        assertGe(
            staking.convertToEthDown(bobShares),
            first + reward,
            "the staker of the whole period lost part of its reward"
        );
    }

    /// @notice One report's claims, each rounded down, never sum above the shares it minted, and
    /// leave under one share per deposit in the contract.
    function testFuzz_claimsOfOneReportNeverExceedItsShares(
        uint256 a,
        uint256 b,
        uint256 c,
        uint256 reward
    ) public {
        vm.deal(CAROL, 100 ether);
        vm.prank(CAROL);
        staking.stake{value: 100 ether}();
        staking.report();
        vm.warp(block.timestamp + 30 days);
        reward = bound(reward, 0, staking.maxRewardNow());
        vm.deal(address(this), reward);
        staking.report{value: reward}();
        staking.claimShares(CAROL);

        address[3] memory who = [ALICE, BOB, address(0xDA7E)];
        uint256[3] memory amounts = [
            bound(a, 2, 1_000_000 ether),
            bound(b, 2, 1_000_000 ether),
            bound(c, 2, 1_000_000 ether)
        ];
        for (uint256 i = 0; i < 3; ++i) {
            vm.deal(who[i], amounts[i]);
            vm.prank(who[i]);
            staking.stake{value: amounts[i]}();
        }
        staking.report();
        (, uint256 minted) = staking.admissions(3);
        uint256 claimed;
        for (uint256 i = 0; i < 3; ++i) claimed += staking.claimShares(who[i]);
        assertLe(claimed, minted, "claims above the shares minted");
        assertLe(minted - claimed, 3, "more than a share per deposit left over");
        assertEq(staking.balanceOf(address(staking)), minted - claimed, "dust held");
    }

    function testFuzz_reportAboveTheBoundReverts(uint256 elapsed, uint256 excess) public {
        vm.deal(ALICE, 100 ether);
        vm.prank(ALICE);
        staking.stake{value: 100 ether}();
        staking.report();
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
