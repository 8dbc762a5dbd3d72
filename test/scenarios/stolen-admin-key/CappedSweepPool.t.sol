// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {MockERC20} from "../../../contracts/core/tokens/MockERC20.sol";
import {CappedSweepPool} from "../../../contracts/scenarios/stolen-admin-key/CappedSweepPool.sol";
import {ISweepPool} from "../../../contracts/scenarios/stolen-admin-key/ISweepPool.sol";
import {Test} from "../../utils/Test.sol";
import {TokenDepositsHandler} from "../shared/DepositorsHandler.sol";

/// @notice Drives a CappedSweepPool with deposits, withdrawals, sweeps of any size by the owner,
/// sweeps by strangers and time jumps; tallies what each window swept.
contract CappedSweepPoolHandler is TokenDepositsHandler {
    CappedSweepPool public immutable pool;
    uint256 public sweptTotal;
    uint256 public windows = 1;

    constructor(
        CappedSweepPool pool_,
        MockERC20 token_
    ) TokenDepositsHandler(address(pool_), token_) {
        pool = pool_;
    }

    function sweep(uint256 amount) external {
        uint256 held = token.balanceOf(address(pool));
        if (held == 0) return;
        amount = bound(amount, 1, held);
        uint256 available = pool.sweepAvailable();
        bool newWindow = block.timestamp >= pool.windowStart() + pool.SWEEP_PERIOD();
        vm.prank(pool.owner());
        if (amount > available) {
            vm.expectRevert(
                abi.encodeWithSelector(ISweepPool.SweepPoolCapExceeded.selector, amount, available)
            );
            pool.sweep(address(this), amount);
            return;
        }
        pool.sweep(address(this), amount);
        sweptTotal += amount;
        if (newWindow) windows++;
    }

    function strangerSweeps(uint256 amount) external {
        vm.prank(users[0]);
        vm.expectRevert();
        pool.sweep(users[0], bound(amount, 1, 1e30));
    }

    function wait(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1, 3 days));
    }

    /// @dev A sweep can leave the pool holding less than the deposits.
    function _canPay(uint256 amount) internal view override returns (bool) {
        return amount <= token.balanceOf(address(pool));
    }
}

contract CappedSweepPoolTest is Test {
    uint256 internal constant CAP = 1_000e6;

    MockERC20 internal token;
    CappedSweepPool internal pool;
    CappedSweepPoolHandler internal handler;

    function setUp() public {
        token = new MockERC20("USD Coin", "USDC", 6);
        pool = new CappedSweepPool(IERC20(address(token)), address(0x7173E10C), CAP);
        handler = new CappedSweepPoolHandler(pool, token);
        targetContract(address(handler));
    }

    function invariant_neverSweepsMoreThanTheCapInAWindow() public view {
        assertLe(pool.sweptInWindow(), CAP, "swept in window > cap");
        assertLe(handler.sweptTotal(), CAP * handler.windows(), "swept > cap x windows");
    }

    function invariant_totalDepositsIsTheSumOfBalances() public view {
        assertEq(pool.totalDeposits(), handler.sumOfBalances(), "totalDeposits != sum of balances");
        assertEq(pool.totalDeposits(), handler.owed(), "totalDeposits != owed");
    }

    /// @dev Deposits and withdrawals move balance and totalDeposits together; only sweeps split them.
    function invariant_poolHoldsDepositsLessWhatWasSwept() public view {
        assertEq(
            token.balanceOf(address(pool)) + handler.sweptTotal(),
            pool.totalDeposits(),
            "balance + swept != deposits"
        );
    }

    function testFuzz_aSweepAboveWhatIsLeftRevertsAndChangesNothing(
        uint256 first,
        uint256 second
    ) public {
        token.faucet(address(this), 10 * CAP);
        token.approve(address(pool), 10 * CAP);
        pool.deposit(10 * CAP);
        first = bound(first, 1, CAP);
        second = bound(second, CAP - first + 1, 10 * CAP - first);
        vm.prank(pool.owner());
        pool.sweep(address(0xBEEF), first);
        vm.prank(pool.owner());
        vm.expectRevert(
            abi.encodeWithSelector(ISweepPool.SweepPoolCapExceeded.selector, second, CAP - first)
        );
        pool.sweep(address(0xBEEF), second);
        assertEq(token.balanceOf(address(pool)), 10 * CAP - first, "pool balance");
        assertEq(pool.sweptInWindow(), first, "swept in window");
    }
}
