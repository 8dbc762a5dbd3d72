// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IUniswapV2ERC20} from "./IUniswapV2ERC20.sol";

/// @notice Uniswap V2's pair interface (the LP token part is IUniswapV2ERC20), plus the sandbox
/// AMM's custom errors.
interface IUniswapV2Pair is IUniswapV2ERC20 {
    /// @notice `caller` may not call this function.
    error AmmForbidden(address caller);
    /// @notice A balance does not fit the 112-bit reserves.
    error AmmOverflow(uint256 balance0, uint256 balance1);
    /// @notice The deposit of `amount0` and `amount1` would mint no LP tokens.
    error AmmInsufficientLiquidityMinted(uint256 amount0, uint256 amount1);
    /// @notice Burning the LP tokens sent would pay out nothing of one token.
    error AmmInsufficientLiquidityBurned(uint256 amount0, uint256 amount1);
    /// @notice A swap asked for no output.
    error AmmInsufficientOutput(uint256 amount0Out, uint256 amount1Out);
    /// @notice A swap asked for at least a whole reserve.
    error AmmInsufficientLiquidity(
        uint256 amount0Out,
        uint256 amount1Out,
        uint256 reserve0,
        uint256 reserve1
    );
    /// @notice A swap would send its output to one of the pair's own tokens.
    error AmmInvalidTo(address to);
    /// @notice Nothing was paid into the pair for a swap.
    error AmmInsufficientInput(uint256 amount0In, uint256 amount1In);
    /// @notice The fee-adjusted product of the balances fell below the product of the reserves
    /// (both scaled by 1000²).
    error AmmK(uint256 balanceProduct, uint256 reserveProduct);

    event Mint(address indexed sender, uint256 amount0, uint256 amount1);
    event Burn(address indexed sender, uint256 amount0, uint256 amount1, address indexed to);
    event Swap(
        address indexed sender,
        uint256 amount0In,
        uint256 amount1In,
        uint256 amount0Out,
        uint256 amount1Out,
        address indexed to
    );
    event Sync(uint112 reserve0, uint112 reserve1);

    function MINIMUM_LIQUIDITY() external pure returns (uint256);
    function factory() external view returns (address);
    function token0() external view returns (address);
    function token1() external view returns (address);
    function getReserves()
        external
        view
        returns (uint112 reserve0, uint112 reserve1, uint32 blockTimestampLast);
    function price0CumulativeLast() external view returns (uint256);
    function price1CumulativeLast() external view returns (uint256);
    function kLast() external view returns (uint256);

    function mint(address to) external returns (uint256 liquidity);
    function burn(address to) external returns (uint256 amount0, uint256 amount1);
    function swap(uint256 amount0Out, uint256 amount1Out, address to, bytes calldata data) external;
    function skim(address to) external;
    function sync() external;

    function initialize(address, address) external;
}
