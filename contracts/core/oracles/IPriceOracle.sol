// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IPriceOracle
/// @notice The one interface every price source of the sandbox implements.
/// @dev Prices are in US dollars with 18 decimals for one whole token (10**decimals base units):
/// WETH at $2,000 reads 2000e18 whatever WETH's decimals. `updatedAt` is the time the price was last
/// observed; consumers decide how old is too old and revert with OracleStalePrice.
interface IPriceOracle {
    /// @notice The oracle has no price for `asset`.
    error OracleUnsupportedAsset(address asset);
    /// @notice The price of `asset` was observed at `updatedAt`, longer than `maxAge` seconds ago.
    error OracleStalePrice(address asset, uint256 updatedAt, uint256 maxAge);

    /// @notice Price of one whole `asset` in USD (18 decimals) and when it was observed.
    function getPrice(address asset) external view returns (uint256 price, uint256 updatedAt);
}
