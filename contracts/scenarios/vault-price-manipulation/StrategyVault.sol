// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

import {IUniswapV2Pair} from "../../core/amm/interfaces/IUniswapV2Pair.sol";

/// @title StrategyVault
/// @notice An ERC-4626 vault over a dollar stablecoin that invests part of its deposits in a strategy
/// token bought on an AMM pair. Share price = (idle stablecoins + the strategy tokens' value) / shares;
/// how the strategy tokens are valued is left to the variant. Withdrawals are paid from the idle part.
/// @dev Invariant: totalAssets() is the idle balance plus the variant's value of the strategy tokens
/// held; deposits and withdrawals convert at that figure, rounded in the vault's favour (ERC-4626).
abstract contract StrategyVault is ERC4626, Ownable {
    using SafeERC20 for IERC20;

    error VaultInsufficientOutput(uint256 amountOut, uint256 minAmountOut);

    event Invested(uint256 assets, uint256 strategyTokens);

    /// @notice The token the strategy holds.
    IERC20 public immutable strategyToken;
    /// @notice The strategy token / asset pair the vault buys on.
    IUniswapV2Pair public immutable pair;

    constructor(
        address owner_,
        IERC20 asset_,
        IERC20 strategyToken_,
        IUniswapV2Pair pair_
    ) ERC4626(asset_) ERC20("Strategy Vault USDC", "svUSDC") Ownable(owner_) {
        strategyToken = strategyToken_;
        pair = pair_;
    }

    /// @notice Buys strategy tokens with `assets` of the idle stablecoins, at least `minOut`; only the owner.
    function invest(uint256 assets, uint256 minOut) external onlyOwner returns (uint256 amountOut) {
        (uint256 reserveAsset, uint256 reserveStrategy, bool assetIsToken0) = _reserves();
        uint256 amountInWithFee = assets * 997;
        amountOut = (amountInWithFee * reserveStrategy) / (reserveAsset * 1000 + amountInWithFee);
        if (amountOut < minOut) revert VaultInsufficientOutput(amountOut, minOut);
        IERC20(asset()).safeTransfer(address(pair), assets);
        (uint256 out0, uint256 out1) = assetIsToken0
            ? (uint256(0), amountOut)
            : (amountOut, uint256(0));
        pair.swap(out0, out1, address(this), "");
        emit Invested(assets, amountOut);
    }

    /// @notice Idle stablecoins plus the strategy tokens at the variant's valuation.
    function totalAssets() public view override returns (uint256) {
        return
            IERC20(asset()).balanceOf(address(this)) +
            _strategyValueDown(strategyToken.balanceOf(address(this)));
    }

    /// @dev Value of `amount` strategy tokens in asset base units, rounded down.
    function _strategyValueDown(uint256 amount) internal view virtual returns (uint256);

    /// @dev The pair's reserves as (asset, strategy token), and whether the asset is token0.
    function _reserves()
        internal
        view
        returns (uint256 reserveAsset, uint256 reserveStrategy, bool assetIsToken0)
    {
        (uint112 reserve0, uint112 reserve1, ) = pair.getReserves();
        assetIsToken0 = pair.token0() == asset();
        (reserveAsset, reserveStrategy) = assetIsToken0
            ? (uint256(reserve0), uint256(reserve1))
            : (uint256(reserve1), uint256(reserve0));
    }
}
