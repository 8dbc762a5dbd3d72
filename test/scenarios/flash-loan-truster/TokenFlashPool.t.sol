// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {MockERC20} from "../../../contracts/core/tokens/MockERC20.sol";
import {ITokenFlashPool} from "../../../contracts/scenarios/flash-loan-truster/ITokenFlashPool.sol";
import {NaiveTokenFlashPool} from "../../../contracts/scenarios/flash-loan-truster/NaiveTokenFlashPool.sol";
import {TokenFlashPool} from "../../../contracts/scenarios/flash-loan-truster/TokenFlashPool.sol";
import {TokenFlashBorrowerMock} from "../../../contracts/mocks/FlashBorrowerMocks.sol";
import {Test} from "../../utils/Test.sol";
import {TokenDepositsHandler} from "../shared/DepositorsHandler.sol";

/// @notice Drives TokenFlashPool with deposits, withdrawals, honest loans and attempts to make the
/// pool approve the caller.
contract TokenFlashPoolHandler is TokenDepositsHandler {
    TokenFlashPool public immutable pool;
    TokenFlashBorrowerMock public immutable borrower;

    constructor(
        TokenFlashPool pool_,
        MockERC20 token_
    ) TokenDepositsHandler(address(pool_), token_) {
        pool = pool_;
        borrower = new TokenFlashBorrowerMock(token_);
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

    function _maxDeposit() internal pure override returns (uint256) {
        return 1_000_000e18;
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
