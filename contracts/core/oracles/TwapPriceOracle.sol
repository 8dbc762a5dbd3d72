// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {IPriceOracle} from "./IPriceOracle.sol";
import {TwapOracle} from "./TwapOracle.sol";

/// @title TwapPriceOracle
/// @notice IPriceOracle over the AMM's fixed-window TWAP oracles. The quote token (a dollar stablecoin)
/// is worth $1; any other asset is priced at the last closed window's average through its TWAP oracle
/// with the quote token, or with an asset that is itself priced (at most MAX_HOPS deep). `updatedAt` is
/// the end of the oldest window on the route, so a consumer's staleness check catches a TWAP that
/// nobody has updated.
/// @dev A one-block swap barely moves a window's average: an attacker must hold the pool skewed for a
/// good part of the window, paying arbitrageurs all along. Prices lag the market by up to a window.
contract TwapPriceOracle is IPriceOracle, Ownable2Step {
    error OracleAssetNotInPair(address asset, address twap);

    event TwapSet(address indexed asset, address twap);

    uint256 public constant MAX_HOPS = 3;

    /// @notice The token worth exactly $1.
    address public immutable quoteToken;

    mapping(address asset => TwapOracle) public twapOf;

    constructor(address owner_, address quoteToken_) Ownable(owner_) {
        quoteToken = quoteToken_;
    }

    /// @notice Prices `asset` through `twap`; only the owner. The pair's other token must be the quote
    /// token or be priced already.
    function setTwap(address asset, TwapOracle twap) external onlyOwner {
        address other = _otherToken(asset, twap);
        if (other != quoteToken && address(twapOf[other]) == address(0)) {
            revert OracleUnsupportedAsset(other);
        }
        twapOf[asset] = twap;
        emit TwapSet(asset, address(twap));
    }

    /// @inheritdoc IPriceOracle
    /// @dev Reverts with the TWAP oracle's OracleNoAverageYet until its first window has closed.
    function getPrice(address asset) external view returns (uint256 price, uint256 updatedAt) {
        return _price(asset, 0);
    }

    function _price(
        address asset,
        uint256 hops
    ) internal view returns (uint256 price, uint256 updatedAt) {
        if (asset == quoteToken) return (1e18, block.timestamp);
        TwapOracle twap = twapOf[asset];
        if (address(twap) == address(0) || hops == MAX_HOPS) revert OracleUnsupportedAsset(asset);
        address other = _otherToken(asset, twap);
        // Base units of `other` for one whole `asset`, at the window's average.
        uint256 amountOut = twap.consult(asset, 10 ** IERC20Metadata(asset).decimals());
        (uint256 otherPrice, uint256 otherUpdatedAt) = _price(other, hops + 1);
        price = Math.mulDiv(amountOut, otherPrice, 10 ** IERC20Metadata(other).decimals());
        updatedAt = Math.min(twap.blockTimestampLast(), otherUpdatedAt);
    }

    function _otherToken(address asset, TwapOracle twap) internal view returns (address) {
        address token0 = twap.token0();
        address token1 = twap.token1();
        if (asset == token0) return token1;
        if (asset == token1) return token0;
        revert OracleAssetNotInPair(asset, address(twap));
    }
}
