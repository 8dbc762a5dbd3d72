// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IUniswapV2Pair} from "../../core/amm/interfaces/IUniswapV2Pair.sol";
import {TwapOracle} from "../../core/oracles/TwapOracle.sol";
import {StrategyVault} from "./StrategyVault.sol";

/// @title TwapValuedVault
/// @notice Values the strategy tokens at the core TwapOracle's last closed window, and refuses to
/// price anything while the pool's spot price is more than MAX_DEVIATION_BPS away from that average.
contract TwapValuedVault is StrategyVault {
    /// @notice The pool's spot value of `amount` strategy tokens is `spotValue`, too far from the
    /// TWAP's `twapValue`.
    error VaultPriceDeviation(uint256 spotValue, uint256 twapValue, uint256 maxDeviationBps);

    uint256 public constant BPS = 10_000;
    /// @notice Largest distance between the spot and the average price the vault trades at: 2%.
    uint256 public constant MAX_DEVIATION_BPS = 200;

    TwapOracle public immutable twap;

    constructor(
        address owner_,
        IERC20 asset_,
        IERC20 strategyToken_,
        IUniswapV2Pair pair_,
        TwapOracle twap_
    ) StrategyVault(owner_, asset_, strategyToken_, pair_) {
        twap = twap_;
    }

    function _strategyValueDown(uint256 amount) internal view override returns (uint256 value) {
        if (amount == 0) return 0;
        value = twap.consult(address(strategyToken), amount);
        (uint256 reserveAsset, uint256 reserveStrategy, ) = _reserves();
        uint256 spotValue = (amount * reserveAsset) / reserveStrategy;
        uint256 distance = spotValue > value ? spotValue - value : value - spotValue;
        if (distance * BPS > value * MAX_DEVIATION_BPS) {
            revert VaultPriceDeviation(spotValue, value, MAX_DEVIATION_BPS);
        }
    }
}
