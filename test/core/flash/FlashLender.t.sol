// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC3156FlashLender} from "@openzeppelin/contracts/interfaces/IERC3156FlashLender.sol";

import {ExampleFlashBorrower} from "../../../contracts/core/flash/ExampleFlashBorrower.sol";
import {FlashLender} from "../../../contracts/core/flash/FlashLender.sol";
import {MockERC20} from "../../../contracts/core/tokens/MockERC20.sol";
import {Test} from "../../utils/Test.sol";

contract FlashLenderTest is Test {
    address internal constant TREASURY = address(0x7EA5);
    uint256 internal constant LIQUIDITY = 1_000_000e18;

    MockERC20 internal token;
    FlashLender internal lender;
    ExampleFlashBorrower internal borrower;

    function setUp() public {
        token = new MockERC20("Token", "TKN", 18);
        lender = new FlashLender(address(this), TREASURY, 9);
        lender.setTokenSupport(address(token), true);
        token.faucet(address(lender), LIQUIDITY);
        borrower = new ExampleFlashBorrower(address(this), IERC3156FlashLender(address(lender)));
    }

    /// @notice Any loan at any allowed fee leaves the lender's holdings unchanged and pays
    /// ceil(amount × fee / 10,000) to the treasury.
    function testFuzz_roundTripKeepsLiquidityAndPaysTheTreasury(
        uint256 amount,
        uint256 feeBps
    ) public {
        amount = bound(amount, 1, LIQUIDITY);
        feeBps = bound(feeBps, 0, lender.MAX_FEE_BPS());
        lender.setFee(feeBps);
        uint256 fee = (amount * feeBps + 9_999) / 10_000;
        assertEq(lender.flashFee(address(token), amount), fee, "fee");
        if (fee != 0) token.faucet(address(borrower), fee);

        borrower.flashBorrow(address(token), amount);

        assertEq(token.balanceOf(address(lender)), LIQUIDITY, "lender holdings");
        assertEq(token.balanceOf(TREASURY), fee, "treasury");
        assertEq(token.balanceOf(address(borrower)), 0, "borrower paid exactly the fee");
    }

    function testFuzz_unsupportedTokenLendsNothing(address other) public {
        vm.assume(other != address(token));
        assertEq(lender.maxFlashLoan(other), 0, "max of an unsupported token");
        vm.expectRevert(abi.encodeWithSelector(FlashLender.FlashUnsupportedToken.selector, other));
        lender.flashFee(other, 1);
    }
}
