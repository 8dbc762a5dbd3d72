// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPriceOracle} from "../core/oracles/IPriceOracle.sol";

/// @title MockPriceOracle
/// @notice Test-only oracle whose prices and timestamps anyone may set, to move prices at will in tests.
contract MockPriceOracle is IPriceOracle {
    struct Quote {
        uint256 price;
        uint256 updatedAt;
    }

    mapping(address asset => Quote) internal _quotes;

    /// @notice Sets the price of `asset`, observed now.
    function setPrice(address asset, uint256 price) external {
        _quotes[asset] = Quote(price, block.timestamp);
    }

    /// @notice Sets the price of `asset` observed at `updatedAt`.
    function setPriceAt(address asset, uint256 price, uint256 updatedAt) external {
        _quotes[asset] = Quote(price, updatedAt);
    }

    /// @inheritdoc IPriceOracle
    function getPrice(address asset) external view returns (uint256 price, uint256 updatedAt) {
        Quote memory q = _quotes[asset];
        if (q.price == 0) revert OracleUnsupportedAsset(asset);
        return (q.price, q.updatedAt);
    }
}
