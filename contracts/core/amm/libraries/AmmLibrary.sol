// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IUniswapV2Pair} from "../interfaces/IUniswapV2Pair.sol";
import {IUniswapV2Router01} from "../interfaces/IUniswapV2Router01.sol";

/// @notice Pure AMM math and pair lookup for the router and for anyone quoting off the pair: V2's
/// formulas, with the rounding direction in each name. Errors are the router's.
library AmmLibrary {
    /// @notice The two tokens in the pair's order (by address).
    function sortTokens(
        address tokenA,
        address tokenB
    ) internal pure returns (address token0, address token1) {
        if (tokenA == tokenB) revert IUniswapV2Router01.AmmIdenticalAddresses(tokenA);
        (token0, token1) = tokenA < tokenB ? (tokenA, tokenB) : (tokenB, tokenA);
    }

    /// @notice The CREATE2 address of the pair of `tokenA` and `tokenB`, without any call.
    function pairFor(
        address factory,
        bytes32 initCodeHash,
        address tokenA,
        address tokenB
    ) internal pure returns (address pair) {
        (address token0, address token1) = sortTokens(tokenA, tokenB);
        bytes32 salt = keccak256(abi.encodePacked(token0, token1));
        pair = address(
            uint160(uint256(keccak256(abi.encodePacked(hex"ff", factory, salt, initCodeHash))))
        );
    }

    /// @notice The pair's reserves, in the order of the arguments.
    function getReserves(
        address factory,
        bytes32 initCodeHash,
        address tokenA,
        address tokenB
    ) internal view returns (uint256 reserveA, uint256 reserveB) {
        (uint256 reserve0, uint256 reserve1, ) = IUniswapV2Pair(
            pairFor(factory, initCodeHash, tokenA, tokenB)
        ).getReserves();
        (reserveA, reserveB) = tokenA < tokenB ? (reserve0, reserve1) : (reserve1, reserve0);
    }

    /// @notice amountA·reserveB/reserveA, rounded down: the other side of a deposit at the pool's
    /// price, without fee.
    function quoteDown(
        uint256 amountA,
        uint256 reserveA,
        uint256 reserveB
    ) internal pure returns (uint256 amountB) {
        if (amountA == 0) revert IUniswapV2Router01.AmmInsufficientAmount(amountA);
        if (reserveA == 0 || reserveB == 0) {
            revert IUniswapV2Router01.AmmInsufficientLiquidity(reserveA, reserveB);
        }
        amountB = (amountA * reserveB) / reserveA;
    }

    /// @notice The most a swap of `amountIn` can take out after the 0.3% fee, rounded down:
    /// amountIn·997·reserveOut / (reserveIn·1000 + amountIn·997).
    function getAmountOutDown(
        uint256 amountIn,
        uint256 reserveIn,
        uint256 reserveOut
    ) internal pure returns (uint256 amountOut) {
        if (amountIn == 0) revert IUniswapV2Router01.AmmInsufficientAmount(amountIn);
        if (reserveIn == 0 || reserveOut == 0) {
            revert IUniswapV2Router01.AmmInsufficientLiquidity(reserveIn, reserveOut);
        }
        uint256 amountInWithFee = amountIn * 997;
        amountOut = (amountInWithFee * reserveOut) / (reserveIn * 1000 + amountInWithFee);
    }

    /// @notice The least input that buys `amountOut` after the 0.3% fee, rounded up:
    /// reserveIn·amountOut·1000 / ((reserveOut − amountOut)·997) + 1.
    function getAmountInUp(
        uint256 amountOut,
        uint256 reserveIn,
        uint256 reserveOut
    ) internal pure returns (uint256 amountIn) {
        if (amountOut == 0) revert IUniswapV2Router01.AmmInsufficientAmount(amountOut);
        if (reserveIn == 0 || reserveOut == 0) {
            revert IUniswapV2Router01.AmmInsufficientLiquidity(reserveIn, reserveOut);
        }
        if (amountOut >= reserveOut) {
            revert IUniswapV2Router01.AmmInsufficientReserve(amountOut, reserveOut);
        }
        amountIn = (reserveIn * amountOut * 1000) / ((reserveOut - amountOut) * 997) + 1;
    }

    /// @notice Chained getAmountOutDown over every hop of `path`; amounts[0] = amountIn.
    function getAmountsOut(
        address factory,
        bytes32 initCodeHash,
        uint256 amountIn,
        address[] calldata path
    ) internal view returns (uint256[] memory amounts) {
        if (path.length < 2) revert IUniswapV2Router01.AmmInvalidPathLength(path.length);
        amounts = new uint256[](path.length);
        amounts[0] = amountIn;
        for (uint256 i; i < path.length - 1; ++i) {
            (uint256 reserveIn, uint256 reserveOut) = getReserves(
                factory,
                initCodeHash,
                path[i],
                path[i + 1]
            );
            amounts[i + 1] = getAmountOutDown(amounts[i], reserveIn, reserveOut);
        }
    }

    /// @notice Chained getAmountInUp over every hop of `path`, backwards; the last entry = amountOut.
    function getAmountsIn(
        address factory,
        bytes32 initCodeHash,
        uint256 amountOut,
        address[] calldata path
    ) internal view returns (uint256[] memory amounts) {
        if (path.length < 2) revert IUniswapV2Router01.AmmInvalidPathLength(path.length);
        amounts = new uint256[](path.length);
        amounts[amounts.length - 1] = amountOut;
        for (uint256 i = path.length - 1; i > 0; --i) {
            (uint256 reserveIn, uint256 reserveOut) = getReserves(
                factory,
                initCodeHash,
                path[i - 1],
                path[i]
            );
            amounts[i - 1] = getAmountInUp(amounts[i], reserveIn, reserveOut);
        }
    }
}
