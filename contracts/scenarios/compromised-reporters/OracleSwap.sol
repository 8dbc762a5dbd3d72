// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {IPriceOracle} from "../../core/oracles/IPriceOracle.sol";

/// @title OracleSwap
/// @notice A market maker that trades one base token against a dollar stablecoin at an oracle's price
/// plus a 0.3% fee, from the owner's inventory (sent to the contract by plain transfer). No pool, no
/// price impact: whatever the oracle says is the price, for any size.
/// @dev Invariant: every swap takes at least the oracle value of what it gives plus the fee, rounded
/// up; so at a true price the inventory's value only grows. Trusting the oracle fully is the point of
/// the scenario: the inventory is exactly as safe as the oracle's price.
contract OracleSwap is Ownable, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    error OracleSwapZeroAmount();
    error OracleSwapUnknownToken(address token);
    error OracleSwapInsufficientInventory(address token, uint256 available, uint256 amountOut);
    error OracleSwapExcessiveInput(uint256 amountIn, uint256 maxAmountIn);

    event Swapped(
        address indexed trader,
        address tokenIn,
        address tokenOut,
        uint256 amountIn,
        uint256 amountOut
    );
    event InventoryWithdrawn(address indexed token, address to, uint256 amount);

    uint256 public constant BPS = 10_000;
    uint256 public constant FEE_BPS = 30;

    /// @notice The token priced by the oracle.
    IERC20Metadata public immutable base;
    /// @notice The dollar stablecoin, taken as worth exactly $1.
    IERC20Metadata public immutable quote;
    IPriceOracle public immutable oracle;
    /// @notice Oldest oracle price accepted, in seconds.
    uint256 public immutable maxPriceAge;

    constructor(
        address owner_,
        IERC20Metadata base_,
        IERC20Metadata quote_,
        IPriceOracle oracle_,
        uint256 maxPriceAge_
    ) Ownable(owner_) {
        base = base_;
        quote = quote_;
        oracle = oracle_;
        maxPriceAge = maxPriceAge_;
    }

    /// @notice Buys exactly `amountOut` of `tokenOut` (base or quote) with the other token, paying at
    /// most `maxAmountIn`. Returns what was paid.
    function swapForExact(
        address tokenOut,
        uint256 amountOut,
        uint256 maxAmountIn
    ) external nonReentrant returns (uint256 amountIn) {
        if (amountOut == 0) revert OracleSwapZeroAmount();
        amountIn = amountInForExactUp(tokenOut, amountOut);
        if (amountIn > maxAmountIn) revert OracleSwapExcessiveInput(amountIn, maxAmountIn);
        uint256 available = IERC20(tokenOut).balanceOf(address(this));
        if (amountOut > available) {
            revert OracleSwapInsufficientInventory(tokenOut, available, amountOut);
        }
        address tokenIn = tokenOut == address(base) ? address(quote) : address(base);
        IERC20(tokenIn).safeTransferFrom(msg.sender, address(this), amountIn);
        IERC20(tokenOut).safeTransfer(msg.sender, amountOut);
        emit Swapped(msg.sender, tokenIn, tokenOut, amountIn, amountOut);
    }

    /// @notice Takes `amount` of the inventory's `token` out to `to`; only the owner.
    function withdraw(address token, uint256 amount, address to) external onlyOwner nonReentrant {
        IERC20(token).safeTransfer(to, amount);
        emit InventoryWithdrawn(token, to, amount);
    }

    /// @notice What buying `amountOut` of `tokenOut` costs in the other token at the oracle's price,
    /// fee included, rounded up (in the inventory's favour).
    function amountInForExactUp(
        address tokenOut,
        uint256 amountOut
    ) public view returns (uint256 amountIn) {
        uint256 price = _price();
        uint256 baseUnit = 10 ** base.decimals();
        uint256 quoteUnit = 10 ** quote.decimals();
        if (tokenOut == address(base)) {
            // Dollars of the base bought, in quote units, grossed up by the fee.
            amountIn = Math.mulDiv(
                amountOut,
                price * quoteUnit * BPS,
                baseUnit * 1e18 * (BPS - FEE_BPS),
                Math.Rounding.Ceil
            );
        } else if (tokenOut == address(quote)) {
            amountIn = Math.mulDiv(
                amountOut,
                baseUnit * 1e18 * BPS,
                price * quoteUnit * (BPS - FEE_BPS),
                Math.Rounding.Ceil
            );
        } else {
            revert OracleSwapUnknownToken(tokenOut);
        }
    }

    /// @dev The oracle's price of one whole base token in USD (18 decimals), refused when stale.
    function _price() internal view returns (uint256 price) {
        uint256 updatedAt;
        (price, updatedAt) = oracle.getPrice(address(base));
        if (updatedAt + maxPriceAge < block.timestamp) {
            revert IPriceOracle.OracleStalePrice(address(base), updatedAt, maxPriceAge);
        }
    }
}
