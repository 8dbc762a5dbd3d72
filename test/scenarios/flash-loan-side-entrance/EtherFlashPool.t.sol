// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {EtherFlashPool} from "../../../contracts/scenarios/flash-loan-side-entrance/EtherFlashPool.sol";
import {IEtherFlashPool} from "../../../contracts/scenarios/flash-loan-side-entrance/IEtherFlashPool.sol";
import {NaiveEtherFlashPool} from "../../../contracts/scenarios/flash-loan-side-entrance/NaiveEtherFlashPool.sol";
import {SideEntranceAttacker} from "../../../contracts/scenarios/flash-loan-side-entrance/SideEntranceAttacker.sol";
import {EtherFlashBorrowerMock} from "../../../contracts/mocks/FlashBorrowerMocks.sol";
import {Test} from "../../utils/Test.sol";
import {EtherDepositsHandler} from "../shared/DepositorsHandler.sol";

/// @notice Drives EtherFlashPool with deposits, withdrawals, honest loans and side-entrance attacks.
contract EtherFlashPoolHandler is EtherDepositsHandler {
    EtherFlashPool public immutable pool;
    EtherFlashBorrowerMock public immutable borrower;
    SideEntranceAttacker public immutable attacker;

    constructor(EtherFlashPool pool_) EtherDepositsHandler(address(pool_)) {
        pool = pool_;
        borrower = new EtherFlashBorrowerMock(IEtherFlashPool(address(pool_)));
        attacker = new SideEntranceAttacker(IEtherFlashPool(address(pool_)), address(this));
    }

    function borrow(uint256 amount) external {
        uint256 available = address(pool).balance;
        if (available == 0) return;
        borrower.borrow(bound(amount, 1, available));
    }

    function sideEntrance() external {
        if (address(pool).balance == 0) return;
        vm.expectRevert();
        attacker.attack();
    }
}

contract EtherFlashPoolTest is Test {
    EtherFlashPool internal pool;
    EtherFlashPoolHandler internal handler;

    function setUp() public {
        pool = new EtherFlashPool();
        handler = new EtherFlashPoolHandler(pool);
        targetContract(address(handler));
    }

    function invariant_balanceCoversDeposits() public view {
        assertGe(address(pool).balance, pool.totalDeposits(), "balance below deposits");
        assertEq(pool.totalDeposits(), handler.owed(), "totalDeposits != owed");
        assertEq(handler.sumOfBalances(), handler.owed(), "sum of balances != owed");
    }

    function invariant_attackerNeverHoldsADeposit() public view {
        assertEq(pool.balanceOf(address(handler.attacker())), 0, "attacker has a deposit");
    }

    function testFuzz_loanDepositedBackIsNotARepayment(uint256 deposits, uint256 amount) public {
        deposits = bound(deposits, 1, 10_000 ether);
        amount = bound(amount, 1, deposits);
        vm.deal(address(0xA11CE), deposits);
        vm.prank(address(0xA11CE));
        pool.deposit{value: deposits}();
        SideEntranceAttacker attacker = new SideEntranceAttacker(
            IEtherFlashPool(address(pool)),
            address(this)
        );
        vm.expectRevert(
            abi.encodeWithSelector(
                IEtherFlashPool.FlashPoolNotRepaid.selector,
                2 * deposits,
                deposits
            )
        );
        attacker.attack();
    }

    function testFuzz_naivePoolLosesEverythingToTheSideEntrance(uint256 deposits) public {
        NaiveEtherFlashPool naive = new NaiveEtherFlashPool();
        deposits = bound(deposits, 1, 10_000 ether);
        vm.deal(address(0xA11CE), deposits);
        vm.prank(address(0xA11CE));
        naive.deposit{value: deposits}();
        SideEntranceAttacker attacker = new SideEntranceAttacker(
            IEtherFlashPool(address(naive)),
            address(this)
        );
        uint256 before = address(this).balance;
        attacker.attack();
        assertEq(address(naive).balance, 0, "naive pool balance");
        assertEq(address(this).balance - before, deposits, "attacker's loot");
    }

    receive() external payable {}
}
