// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice Receiver of a flash swap: the pair calls it after sending the tokens out, when `data` is
/// non-empty, and checks after the call that it was paid back (fee-adjusted K).
interface IUniswapV2Callee {
    function uniswapV2Call(
        address sender,
        uint256 amount0,
        uint256 amount1,
        bytes calldata data
    ) external;
}
