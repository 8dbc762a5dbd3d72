// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IRateModel
/// @notice An interest rate model: the per-second borrow and supply rates of a market as functions of
/// its cash, borrows and reserves. Rates are WAD fractions per second (1e18 = 100% per second).
interface IRateModel {
    /// @notice Share of the suppliers' money that is lent out, WAD:
    /// borrows / (cash + borrows - reserves), and 0 when nothing is borrowed.
    function utilization(
        uint256 cash,
        uint256 borrows,
        uint256 reserves
    ) external view returns (uint256);

    /// @notice Borrow rate per second, WAD.
    function borrowRatePerSecond(
        uint256 cash,
        uint256 borrows,
        uint256 reserves
    ) external view returns (uint256);

    /// @notice Supply rate per second, WAD: borrow rate × utilization × (1 − reserve factor).
    /// @param reserveFactorBps Share of interest kept as reserves, in basis points.
    function supplyRatePerSecond(
        uint256 cash,
        uint256 borrows,
        uint256 reserves,
        uint256 reserveFactorBps
    ) external view returns (uint256);
}
