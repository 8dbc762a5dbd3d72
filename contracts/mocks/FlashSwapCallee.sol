// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IUniswapV2Callee} from "../core/amm/interfaces/IUniswapV2Callee.sol";
import {IUniswapV2Pair} from "../core/amm/interfaces/IUniswapV2Pair.sol";

/// @notice Test-only flash-swap borrower: it pays the calling pair back exactly the amounts of token0
/// and token1 encoded in `data` (the test computes them), from tokens it holds, and records the call.
contract FlashSwapCallee is IUniswapV2Callee {
    address public lastSender;
    uint256 public lastAmount0;
    uint256 public lastAmount1;

    function uniswapV2Call(
        address sender,
        uint256 amount0,
        uint256 amount1,
        bytes calldata data
    ) external {
        (lastSender, lastAmount0, lastAmount1) = (sender, amount0, amount1);
        (uint256 repay0, uint256 repay1) = abi.decode(data, (uint256, uint256));
        IUniswapV2Pair pair = IUniswapV2Pair(msg.sender);
        if (repay0 > 0) IERC20(pair.token0()).transfer(msg.sender, repay0);
        if (repay1 > 0) IERC20(pair.token1()).transfer(msg.sender, repay1);
    }
}
