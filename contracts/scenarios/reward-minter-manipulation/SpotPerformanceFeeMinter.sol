// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";

import {IUniswapV2Pair} from "../../core/amm/interfaces/IUniswapV2Pair.sol";
import {BonusToken} from "./BonusToken.sol";
import {PerformanceFeeMinter} from "./PerformanceFeeMinter.sol";

/// @title SpotPerformanceFeeMinter
/// @notice Values each fee at the current reserves of the fee token's pool with the quote token.
/// @custom:vulnerability The fee's value is read from spot reserves: a flash loan that skews the pool
/// within the same transaction mints any bonus it likes.
contract SpotPerformanceFeeMinter is PerformanceFeeMinter {
    /// @notice The fee token / quote token pair the fee is valued in.
    IUniswapV2Pair public immutable pair;

    constructor(
        IERC20Metadata feeToken_,
        IERC20Metadata quoteToken_,
        BonusToken reward_,
        address treasury_,
        IUniswapV2Pair pair_
    ) PerformanceFeeMinter(feeToken_, quoteToken_, reward_, treasury_) {
        pair = pair_;
    }

    function _feeValueDown(uint256 feeAmount) internal view override returns (uint256) {
        (uint112 reserve0, uint112 reserve1, ) = pair.getReserves();
        (uint256 reserveFee, uint256 reserveQuote) = pair.token0() == address(feeToken)
            ? (uint256(reserve0), uint256(reserve1))
            : (uint256(reserve1), uint256(reserve0));
        return (feeAmount * reserveQuote) / reserveFee;
    }
}
