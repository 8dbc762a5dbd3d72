// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {IRateModel} from "./IRateModel.sol";

/// @title KinkedRateModel
/// @notice Utilization-based interest: a base rate plus a gentle slope up to the kink, then a steep
/// slope above it, so that borrowing gets expensive before the market runs out of cash.
/// Below the kink: rate = base + U·slope1. Above: rate = base + kink·slope1 + (U − kink)·slope2.
/// @dev Annual rates given to the constructor are divided by SECONDS_PER_YEAR (365 days) once, rounding
/// down; every later figure is computed from the per-second values.
contract KinkedRateModel is IRateModel {
    error RateModelInvalidKink(uint256 kink);

    uint256 public constant WAD = 1e18;
    uint256 public constant BPS = 10_000;
    uint256 public constant SECONDS_PER_YEAR = 365 days;

    /// @notice Rate at zero utilization, WAD per second.
    uint256 public immutable baseRatePerSecond;
    /// @notice Rate added per unit of utilization below the kink, WAD per second.
    uint256 public immutable slope1PerSecond;
    /// @notice Rate added per unit of utilization above the kink, WAD per second.
    uint256 public immutable slope2PerSecond;
    /// @notice Utilization where the steep slope starts, WAD (0 < kink <= 1).
    uint256 public immutable kink;

    /// @param baseRatePerYear Annual base rate, WAD (0.02e18 = 2%).
    /// @param slope1PerYear Annual slope below the kink, WAD.
    /// @param slope2PerYear Annual slope above the kink, WAD.
    /// @param kink_ Kink utilization, WAD, in (0, 1e18].
    constructor(
        uint256 baseRatePerYear,
        uint256 slope1PerYear,
        uint256 slope2PerYear,
        uint256 kink_
    ) {
        if (kink_ == 0 || kink_ > WAD) revert RateModelInvalidKink(kink_);
        baseRatePerSecond = baseRatePerYear / SECONDS_PER_YEAR;
        slope1PerSecond = slope1PerYear / SECONDS_PER_YEAR;
        slope2PerSecond = slope2PerYear / SECONDS_PER_YEAR;
        kink = kink_;
    }

    /// @inheritdoc IRateModel
    function utilization(
        uint256 cash,
        uint256 borrows,
        uint256 reserves
    ) public pure returns (uint256) {
        if (borrows == 0) return 0;
        uint256 supplied = cash + borrows;
        // Reserves at or above cash + borrows leave no supplier money: treat the market as fully used.
        if (supplied <= reserves) return WAD;
        return Math.min(Math.mulDiv(borrows, WAD, supplied - reserves), WAD);
    }

    /// @inheritdoc IRateModel
    function borrowRatePerSecond(
        uint256 cash,
        uint256 borrows,
        uint256 reserves
    ) public view returns (uint256) {
        uint256 u = utilization(cash, borrows, reserves);
        if (u <= kink) return baseRatePerSecond + Math.mulDiv(u, slope1PerSecond, WAD);
        return
            baseRatePerSecond +
            Math.mulDiv(kink, slope1PerSecond, WAD) +
            Math.mulDiv(u - kink, slope2PerSecond, WAD);
    }

    /// @inheritdoc IRateModel
    function supplyRatePerSecond(
        uint256 cash,
        uint256 borrows,
        uint256 reserves,
        uint256 reserveFactorBps
    ) external view returns (uint256) {
        uint256 u = utilization(cash, borrows, reserves);
        uint256 borrowRate = borrowRatePerSecond(cash, borrows, reserves);
        return Math.mulDiv(Math.mulDiv(borrowRate, u, WAD), BPS - reserveFactorBps, BPS);
    }
}
