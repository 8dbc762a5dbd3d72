// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice Uniswap V2's factory interface, plus the sandbox AMM's custom errors.
interface IUniswapV2Factory {
    /// @notice createPair was given the same token twice.
    error AmmIdenticalAddresses(address token);
    /// @notice createPair was given the zero address as a token.
    error AmmZeroAddress();
    /// @notice A pair of these tokens exists already.
    error AmmPairExists(address token0, address token1, address pair);
    /// @notice `caller` is not the feeToSetter.
    error AmmForbidden(address caller);

    event PairCreated(address indexed token0, address indexed token1, address pair, uint256);

    function feeTo() external view returns (address);
    function feeToSetter() external view returns (address);

    function getPair(address tokenA, address tokenB) external view returns (address pair);
    function allPairs(uint256) external view returns (address pair);
    function allPairsLength() external view returns (uint256);

    function createPair(address tokenA, address tokenB) external returns (address pair);

    function setFeeTo(address) external;
    function setFeeToSetter(address) external;
}
