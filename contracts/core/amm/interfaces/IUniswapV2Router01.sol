// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice Uniswap V2's Router01 interface, plus the sandbox AMM's router errors.
interface IUniswapV2Router01 {
    /// @notice The transaction was mined after its deadline.
    error AmmExpired(uint256 deadline, uint256 timestamp);
    /// @notice A swap would pay out less than the caller's minimum.
    error AmmInsufficientOutputAmount(uint256 amountOut, uint256 amountOutMin);
    /// @notice An exact-output swap would take more than the caller's maximum.
    error AmmExcessiveInputAmount(uint256 amountIn, uint256 amountInMax);
    /// @notice Liquidity would take or return less of token A than the caller's minimum.
    error AmmInsufficientAAmount(uint256 amountA, uint256 amountAMin);
    /// @notice Liquidity would take or return less of token B than the caller's minimum.
    error AmmInsufficientBAmount(uint256 amountB, uint256 amountBMin);
    /// @notice A swap path needs at least two tokens.
    error AmmInvalidPathLength(uint256 length);
    /// @notice An ETH swap path must start (or end) with WETH.
    error AmmInvalidPathToken(address token, address weth);
    /// @notice A path or pair names the same token twice.
    error AmmIdenticalAddresses(address token);
    /// @notice A quote was asked for a zero amount.
    error AmmInsufficientAmount(uint256 amount);
    /// @notice A quote was asked of a pool with an empty reserve.
    error AmmInsufficientLiquidity(uint256 reserveIn, uint256 reserveOut);
    /// @notice An exact-output quote asked for at least the whole output reserve.
    error AmmInsufficientReserve(uint256 amountOut, uint256 reserveOut);
    /// @notice Sending ETH to `to` failed.
    error AmmEthTransferFailed(address to, uint256 value);
    /// @notice Only WETH may send ETH to the router (when unwrapping).
    error AmmEthNotFromWeth(address sender);

    function factory() external view returns (address);
    function WETH() external view returns (address);

    function addLiquidity(
        address tokenA,
        address tokenB,
        uint256 amountADesired,
        uint256 amountBDesired,
        uint256 amountAMin,
        uint256 amountBMin,
        address to,
        uint256 deadline
    ) external returns (uint256 amountA, uint256 amountB, uint256 liquidity);
    function addLiquidityETH(
        address token,
        uint256 amountTokenDesired,
        uint256 amountTokenMin,
        uint256 amountETHMin,
        address to,
        uint256 deadline
    ) external payable returns (uint256 amountToken, uint256 amountETH, uint256 liquidity);
    function removeLiquidity(
        address tokenA,
        address tokenB,
        uint256 liquidity,
        uint256 amountAMin,
        uint256 amountBMin,
        address to,
        uint256 deadline
    ) external returns (uint256 amountA, uint256 amountB);
    function removeLiquidityETH(
        address token,
        uint256 liquidity,
        uint256 amountTokenMin,
        uint256 amountETHMin,
        address to,
        uint256 deadline
    ) external returns (uint256 amountToken, uint256 amountETH);
    function removeLiquidityWithPermit(
        address tokenA,
        address tokenB,
        uint256 liquidity,
        uint256 amountAMin,
        uint256 amountBMin,
        address to,
        uint256 deadline,
        bool approveMax,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external returns (uint256 amountA, uint256 amountB);
    function removeLiquidityETHWithPermit(
        address token,
        uint256 liquidity,
        uint256 amountTokenMin,
        uint256 amountETHMin,
        address to,
        uint256 deadline,
        bool approveMax,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external returns (uint256 amountToken, uint256 amountETH);
    function swapExactTokensForTokens(
        uint256 amountIn,
        uint256 amountOutMin,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external returns (uint256[] memory amounts);
    function swapTokensForExactTokens(
        uint256 amountOut,
        uint256 amountInMax,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external returns (uint256[] memory amounts);
    function swapExactETHForTokens(
        uint256 amountOutMin,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external payable returns (uint256[] memory amounts);
    function swapTokensForExactETH(
        uint256 amountOut,
        uint256 amountInMax,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external returns (uint256[] memory amounts);
    function swapExactTokensForETH(
        uint256 amountIn,
        uint256 amountOutMin,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external returns (uint256[] memory amounts);
    function swapETHForExactTokens(
        uint256 amountOut,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external payable returns (uint256[] memory amounts);

    function quote(
        uint256 amountA,
        uint256 reserveA,
        uint256 reserveB
    ) external pure returns (uint256 amountB);
    function getAmountOut(
        uint256 amountIn,
        uint256 reserveIn,
        uint256 reserveOut
    ) external pure returns (uint256 amountOut);
    function getAmountIn(
        uint256 amountOut,
        uint256 reserveIn,
        uint256 reserveOut
    ) external pure returns (uint256 amountIn);
    function getAmountsOut(
        uint256 amountIn,
        address[] calldata path
    ) external view returns (uint256[] memory amounts);
    function getAmountsIn(
        uint256 amountOut,
        address[] calldata path
    ) external view returns (uint256[] memory amounts);
}
