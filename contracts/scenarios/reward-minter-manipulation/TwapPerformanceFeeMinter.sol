// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {TwapOracle} from "../../core/oracles/TwapOracle.sol";
import {BonusToken} from "./BonusToken.sol";
import {PerformanceFeeMinter} from "./PerformanceFeeMinter.sol";

/// @title TwapPerformanceFeeMinter
/// @notice Values each fee at the last closed window's average price of the fee token's pool (the
/// core TwapOracle) and mints at most MAX_MINT_PER_CALL per call, whatever the fee.
contract TwapPerformanceFeeMinter is PerformanceFeeMinter {
    /// @notice Largest bonus one call can mint: a bound on the damage of any pricing error.
    uint256 public immutable MAX_MINT_PER_CALL;
    TwapOracle public immutable twap;

    constructor(
        IERC20Metadata feeToken_,
        IERC20Metadata quoteToken_,
        BonusToken reward_,
        address treasury_,
        TwapOracle twap_,
        uint256 maxMintPerCall
    ) PerformanceFeeMinter(feeToken_, quoteToken_, reward_, treasury_) {
        twap = twap_;
        MAX_MINT_PER_CALL = maxMintPerCall;
    }

    function _feeValueDown(uint256 feeAmount) internal view override returns (uint256) {
        return twap.consult(address(feeToken), feeAmount);
    }

    function _capped(uint256 amount) internal view override returns (uint256) {
        return Math.min(amount, MAX_MINT_PER_CALL);
    }
}
