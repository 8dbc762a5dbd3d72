// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {EtherFlashPool} from "../../../contracts/scenarios/flash-loan-side-entrance/EtherFlashPool.sol";
import {IEtherFlashPool} from "../../../contracts/scenarios/flash-loan-side-entrance/IEtherFlashPool.sol";
import {NaiveEtherFlashPool} from "../../../contracts/scenarios/flash-loan-side-entrance/NaiveEtherFlashPool.sol";
import {SideEntranceAttacker} from "../../../contracts/scenarios/flash-loan-side-entrance/SideEntranceAttacker.sol";
import {EtherFlashBorrowerMock} from "../../../contracts/mocks/FlashBorrowerMocks.sol";
import {Test} from "../../utils/Test.sol";

/// @notice Drives EtherFlashPool with deposits, withdrawals, honest loans and side-entrance attacks.
contract EtherFlashPoolHandler is Test {
    EtherFlashPool public immutable pool;
    EtherFlashBorrowerMock public immutable borrower;
    SideEntranceAttacker public immutable attacker;
    address[3] public users = [address(0xA11CE), address(0xB0B), address(0xCA401)];
    uint256 public owed;

    constructor(EtherFlashPool pool_) {
        pool = pool_;
        borrower = new EtherFlashBorrowerMock(IEtherFlashPool(address(pool_)));
        attacker = new SideEntranceAttacker(IEtherFlashPool(address(pool_)), address(this));
    }

    function deposit(uint256 userSeed, uint256 amount) external {
        address user = users[userSeed % users.length];
        amount = bound(amount, 1, 1_000 ether);
        vm.deal(user, amount);
        vm.prank(user);
        pool.deposit{value: amount}();
        owed += amount;
    }

    function withdraw(uint256 userSeed, uint256 amount) external {
        address user = users[userSeed % users.length];
        uint256 balance = pool.balanceOf(user);
        if (balance == 0) return;
        amount = bound(amount, 1, balance);
        vm.prank(user);
        pool.withdraw(amount);
        owed -= amount;
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

    function sumOfBalances() external view returns (uint256 total) {
        for (uint256 i = 0; i < users.length; i++) total += pool.balanceOf(users[i]);
    }

    receive() external payable {}
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
