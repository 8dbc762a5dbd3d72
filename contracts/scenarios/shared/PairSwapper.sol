// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

import {IUniswapV2Pair} from "../../core/amm/interfaces/IUniswapV2Pair.sol";
import {AmmLibrary} from "../../core/amm/libraries/AmmLibrary.sol";

/// @title PairSwapper
/// @notice The one way the scenarios' attacker contracts trade: an exact input sold straight into a
/// Uniswap V2 pair, without the router, the output received by the contract itself.
abstract contract PairSwapper {
    using SafeERC20 for IERC20;

    /// @dev Sells `amountIn` of `tokenIn` into `pair` at the constant-product price after the 0.3%
    /// fee (rounded down, as the pair requires) and returns what came out.
    function _sellIntoPair(
        IUniswapV2Pair pair,
        IERC20 tokenIn,
        uint256 amountIn
    ) internal returns (uint256 amountOut) {
        (uint112 reserve0, uint112 reserve1, ) = pair.getReserves();
        bool inIsToken0 = pair.token0() == address(tokenIn);
        (uint256 reserveIn, uint256 reserveOut) = inIsToken0
            ? (uint256(reserve0), uint256(reserve1))
            : (uint256(reserve1), uint256(reserve0));
        amountOut = AmmLibrary.getAmountOutDown(amountIn, reserveIn, reserveOut);
        tokenIn.safeTransfer(address(pair), amountIn);
        (uint256 out0, uint256 out1) = inIsToken0
            ? (uint256(0), amountOut)
            : (amountOut, uint256(0));
        pair.swap(out0, out1, address(this), "");
    }
}
