// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {IUniswapV2Pair} from "../amm/interfaces/IUniswapV2Pair.sol";
import {IPriceOracle} from "./IPriceOracle.sol";

/// @title SpotPriceOracle
/// @notice Prices read from the current reserves of AMM pairs. The quote token (a dollar stablecoin) is
/// worth $1; any other asset is priced through its pair with the quote token, or through a pair with an
/// asset that is itself priced (at most MAX_HOPS pairs deep): WETH from WETH/USDC, DAI from WETH/DAI.
/// @dev Warning: a spot price is whatever the last trade left in the pool. Anyone with enough capital
/// (or a flash loan) can move it within one transaction and read it back moved; `updatedAt` is always
/// now, so no staleness check can catch that. Only for the scenarios that show the attack.
contract SpotPriceOracle is IPriceOracle, Ownable2Step {
    error OracleAssetNotInPair(address asset, address pair);
    error OracleEmptyPair(address pair);

    event PairSet(address indexed asset, address pair);

    uint256 public constant MAX_HOPS = 3;

    /// @notice The token worth exactly $1.
    address public immutable quoteToken;

    mapping(address asset => IUniswapV2Pair) public pairOf;

    constructor(address owner_, address quoteToken_) Ownable(owner_) {
        quoteToken = quoteToken_;
    }

    /// @notice Prices `asset` through `pair`; only the owner. The pair's other token must be the quote
    /// token or have a pair itself (so routes always end at the quote token unless later overwritten,
    /// which MAX_HOPS bounds).
    function setPair(address asset, IUniswapV2Pair pair) external onlyOwner {
        address other = _otherToken(asset, pair);
        if (other != quoteToken && address(pairOf[other]) == address(0)) {
            revert OracleUnsupportedAsset(other);
        }
        pairOf[asset] = pair;
        emit PairSet(asset, address(pair));
    }

    /// @inheritdoc IPriceOracle
    function getPrice(address asset) external view returns (uint256 price, uint256 updatedAt) {
        return (_price(asset, 0), block.timestamp);
    }

    function _price(address asset, uint256 hops) internal view returns (uint256) {
        if (asset == quoteToken) return 1e18;
        IUniswapV2Pair pair = pairOf[asset];
        if (address(pair) == address(0) || hops == MAX_HOPS) revert OracleUnsupportedAsset(asset);
        address other = _otherToken(asset, pair);
        (uint112 reserve0, uint112 reserve1, ) = pair.getReserves();
        (uint256 reserveAsset, uint256 reserveOther) = pair.token0() == asset
            ? (uint256(reserve0), uint256(reserve1))
            : (uint256(reserve1), uint256(reserve0));
        if (reserveAsset == 0 || reserveOther == 0) revert OracleEmptyPair(address(pair));
        // Whole units of `other` per whole unit of `asset`, WAD, times the price of `other`.
        uint256 ratio = Math.mulDiv(
            reserveOther * 10 ** IERC20Metadata(asset).decimals(),
            1e18,
            reserveAsset * 10 ** IERC20Metadata(other).decimals()
        );
        return Math.mulDiv(ratio, _price(other, hops + 1), 1e18);
    }

    function _otherToken(address asset, IUniswapV2Pair pair) internal view returns (address) {
        address token0 = pair.token0();
        address token1 = pair.token1();
        if (asset == token0) return token1;
        if (asset == token1) return token0;
        revert OracleAssetNotInPair(asset, address(pair));
    }
}
