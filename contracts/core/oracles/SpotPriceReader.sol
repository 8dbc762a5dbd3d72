// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IUniswapV2Pair} from "../amm/interfaces/IUniswapV2Pair.sol";

/// @title SpotPriceReader
/// @notice Prices a token by the current reserves of one AMM pair: amountIn·reserveOther/reserveToken,
/// the marginal price without fee or price impact. Same `consult` shape as TwapOracle.
/// @dev Warning: the reserves are whatever the last trade left, so anyone can move this price within
/// one transaction (a flash loan, a large swap, a donation and `sync`) and undo it afterwards. It is
/// here to show that attack; never use it to value collateral.
contract SpotPriceReader {
    /// @notice `consult` was asked about a token that is not in the pair.
    error OracleInvalidToken(address token);
    /// @notice The pair has an empty reserve, so it has no price.
    error OracleNoReserves(address pair);

    IUniswapV2Pair public immutable pair;
    address public immutable token0;
    address public immutable token1;

    constructor(IUniswapV2Pair pair_) {
        pair = pair_;
        token0 = pair_.token0();
        token1 = pair_.token1();
    }

    /// @notice What `amountIn` of `token` is worth in the other token at the current reserves,
    /// rounded down.
    function consult(address token, uint256 amountIn) external view returns (uint256 amountOut) {
        (uint112 reserve0, uint112 reserve1, ) = pair.getReserves();
        if (reserve0 == 0 || reserve1 == 0) revert OracleNoReserves(address(pair));
        if (token == token0) return (amountIn * reserve1) / reserve0;
        if (token == token1) return (amountIn * reserve0) / reserve1;
        revert OracleInvalidToken(token);
    }
}
