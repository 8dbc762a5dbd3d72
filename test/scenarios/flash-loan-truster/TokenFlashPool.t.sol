// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {MockERC20} from "../../../contracts/core/tokens/MockERC20.sol";
import {ITokenFlashPool} from "../../../contracts/scenarios/flash-loan-truster/ITokenFlashPool.sol";
import {NaiveTokenFlashPool} from "../../../contracts/scenarios/flash-loan-truster/NaiveTokenFlashPool.sol";
import {TokenFlashPool} from "../../../contracts/scenarios/flash-loan-truster/TokenFlashPool.sol";
import {TokenFlashBorrowerMock} from "../../../contracts/mocks/FlashBorrowerMocks.sol";
import {Test} from "../../utils/Test.sol";

/// @notice Drives TokenFlashPool with deposits, withdrawals, honest loans and attempts to make the
/// pool approve the caller.
contract TokenFlashPoolHandler is Test {
    TokenFlashPool public immutable pool;
    MockERC20 public immutable token;
    TokenFlashBorrowerMock public immutable borrower;
    address[3] public users = [address(0xA11CE), address(0xB0B), address(0xCA401)];
    uint256 public owed;

    constructor(TokenFlashPool pool_, MockERC20 token_) {
        pool = pool_;
        token = token_;
        borrower = new TokenFlashBorrowerMock(token_);
    }

    function deposit(uint256 userSeed, uint256 amount) external {
        address user = users[userSeed % users.length];
        amount = bound(amount, 1, 1_000_000e18);
        token.faucet(user, amount);
        vm.startPrank(user);
        token.approve(address(pool), amount);
        pool.deposit(amount);
        vm.stopPrank();
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
        uint256 available = token.balanceOf(address(pool));
        borrower.borrow(ITokenFlashPool(address(pool)), bound(amount, 0, available), "");
    }

    function makePoolApprove(uint256 amount) external {
        bytes memory data = abi.encodeCall(token.approve, (address(this), amount));
        vm.expectRevert();
        pool.flashLoan(address(token), 0, data);
    }

    function sumOfBalances() external view returns (uint256 total) {
        for (uint256 i = 0; i < users.length; i++) total += pool.balanceOf(users[i]);
    }
}

contract TokenFlashPoolTest is Test {
    MockERC20 internal token;
    TokenFlashPool internal pool;
    TokenFlashPoolHandler internal handler;

    function setUp() public {
        token = new MockERC20("Dai Stablecoin", "DAI", 18);
        pool = new TokenFlashPool(token);
        handler = new TokenFlashPoolHandler(pool, token);
        targetContract(address(handler));
    }

    function invariant_holdsExactlyWhatItOwes() public view {
        assertEq(token.balanceOf(address(pool)), handler.owed(), "pool balance != owed");
        assertEq(handler.sumOfBalances(), handler.owed(), "sum of balances != owed");
    }

    function invariant_neverApprovesAnyone() public view {
        assertEq(token.allowance(address(pool), address(handler)), 0, "allowance to handler");
        assertEq(token.allowance(address(pool), address(this)), 0, "allowance to test");
    }

    function testFuzz_naivePoolApprovesWhateverItIsAsked(uint256 deposits, uint256 amount) public {
        NaiveTokenFlashPool naive = new NaiveTokenFlashPool(token);
        deposits = bound(deposits, 1, 1_000_000e18);
        token.faucet(address(0xA11CE), deposits);
        vm.startPrank(address(0xA11CE));
        token.approve(address(naive), deposits);
        naive.deposit(deposits);
        vm.stopPrank();

        naive.flashLoan(address(token), 0, abi.encodeCall(token.approve, (address(this), amount)));
        assertEq(token.allowance(address(naive), address(this)), amount, "allowance taken");
    }
}
