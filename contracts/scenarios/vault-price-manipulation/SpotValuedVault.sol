// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IUniswapV2Pair} from "../../core/amm/interfaces/IUniswapV2Pair.sol";
import {StrategyVault} from "./StrategyVault.sol";

/// @title SpotValuedVault
/// @notice Values the strategy tokens at the pair's current reserves.
/// @custom:vulnerability The share price follows the pool's spot price: deposit, pump the pool with a
/// flash loan, withdraw at the inflated share price, unwind.
contract SpotValuedVault is StrategyVault {
    constructor(
        address owner_,
        IERC20 asset_,
        IERC20 strategyToken_,
        IUniswapV2Pair pair_
    ) StrategyVault(owner_, asset_, strategyToken_, pair_) {}

    function _strategyValueDown(uint256 amount) internal view override returns (uint256) {
        (uint256 reserveAsset, uint256 reserveStrategy, ) = _reserves();
        return (amount * reserveAsset) / reserveStrategy;
    }
}
