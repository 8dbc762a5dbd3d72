// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IUniswapV2Callee} from "../core/amm/interfaces/IUniswapV2Callee.sol";
import {IUniswapV2Pair} from "../core/amm/interfaces/IUniswapV2Pair.sol";

/// @notice Test-only flash-swap receiver that calls back into the pair (sync) from inside the swap,
/// which the pair's lock must refuse.
contract ReentrantCallee is IUniswapV2Callee {
    function uniswapV2Call(address, uint256, uint256, bytes calldata) external {
        IUniswapV2Pair(msg.sender).sync();
    }
}
