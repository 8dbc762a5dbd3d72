// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {MockERC20} from "../../../contracts/core/tokens/MockERC20.sol";
import {MockPriceOracle} from "../../../contracts/mocks/MockPriceOracle.sol";
import {OracleSwap} from "../../../contracts/scenarios/compromised-reporters/OracleSwap.sol";
import {Test} from "../../utils/Test.sol";

/// @notice Trades against an OracleSwap in both directions at a fixed, true price.
contract OracleSwapHandler is Test {
    OracleSwap public immutable swap;
    MockERC20 public immutable base;
    MockERC20 public immutable quote;
    address internal constant TRADER = address(0x7EAD);

    constructor(OracleSwap swap_, MockERC20 base_, MockERC20 quote_) {
        swap = swap_;
        base = base_;
        quote = quote_;
    }

    function buy(bool wantBase, uint256 amountOut) external {
        MockERC20 tokenOut = wantBase ? base : quote;
        MockERC20 tokenIn = wantBase ? quote : base;
        uint256 stock = tokenOut.balanceOf(address(swap));
        if (stock == 0) return;
        amountOut = bound(amountOut, 1, stock);
        uint256 amountIn = swap.amountInForExactUp(address(tokenOut), amountOut);
        tokenIn.faucet(TRADER, amountIn + 1);
        vm.startPrank(TRADER);
        tokenIn.approve(address(swap), amountIn);
        swap.swapForExact(address(tokenOut), amountOut, amountIn);
        vm.stopPrank();
    }
}

contract OracleSwapTest is Test {
    uint256 internal constant PRICE = 2_000e18;
    MockERC20 internal base;
    MockERC20 internal quote;
    MockPriceOracle internal oracle;
    OracleSwap internal swap;
    OracleSwapHandler internal handler;
    uint256 internal startValue;

    function setUp() public {
        base = new MockERC20("Wrapped Ether", "WETH", 18);
        quote = new MockERC20("USD Coin", "USDC", 6);
        oracle = new MockPriceOracle();
        oracle.setPrice(address(base), PRICE);
        swap = new OracleSwap(address(this), base, quote, oracle, 3_600);
        base.faucet(address(swap), 100e18);
        quote.faucet(address(swap), 200_000e6);
        startValue = _inventoryValue();
        handler = new OracleSwapHandler(swap, base, quote);
        targetContract(address(handler));
    }

    /// At the true price, every swap pays at least what it takes: the inventory's value never falls.
    function invariant_inventoryValueNeverFallsAtTheTruePrice() public view {
        assertGe(_inventoryValue(), startValue, "inventory value fell");
    }

    function testFuzz_buyingBaseCostsItsValuePlusTheFee(uint256 amountOut) public view {
        amountOut = bound(amountOut, 1, 100e18);
        uint256 amountIn = swap.amountInForExactUp(address(base), amountOut);
        // amountIn ≥ value / (1 − 0.3%): amountIn · 9,970 · 1e30 ≥ amountOut · price · 10,000.
        assertGe(amountIn * 9_970 * 1e30, amountOut * PRICE * 10_000, "below value plus fee");
        assertLe(
            (amountIn - 1) * 9_970 * 1e30,
            amountOut * PRICE * 10_000,
            "more than one unit up"
        );
    }

    function testFuzz_buyingQuoteCostsItsValuePlusTheFee(uint256 amountOut) public view {
        amountOut = bound(amountOut, 1, 200_000e6);
        uint256 amountIn = swap.amountInForExactUp(address(quote), amountOut);
        assertGe(amountIn * PRICE * 9_970, amountOut * 1e30 * 10_000, "below value plus fee");
        assertLe((amountIn - 1) * PRICE * 9_970, amountOut * 1e30 * 10_000, "more than one wei up");
    }

    /// USDC value of the inventory at the true price.
    function _inventoryValue() internal view returns (uint256) {
        return quote.balanceOf(address(swap)) + (base.balanceOf(address(swap)) * PRICE) / 1e30;
    }
}
