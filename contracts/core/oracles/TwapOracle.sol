// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {IUniswapV2Pair} from "../amm/interfaces/IUniswapV2Pair.sol";

/// @title TwapOracle
/// @notice Fixed-window time-weighted average price of one AMM pair: `update` closes a window of at
/// least PERIOD seconds and stores the average price of each token over it; `consult` prices an
/// amount at the last closed window's average. Moving the average takes holding a skewed price for a
/// good part of the window, not one flash loan inside one block.
/// @dev Accumulator overflow: the pair's price accumulators (UQ112x112 × seconds, uint256) and its
/// 32-bit timestamps wrap around by design. This oracle only ever takes differences of two readings in
/// unchecked arithmetic, which is exact modulo 2^256 (and 2^32 for time) as long as one window is
/// shorter than a wrap — about 136 years for the timestamps.
/// Invariant: the averages always cover a window of at least PERIOD seconds ending at blockTimestampLast.
contract TwapOracle {
    // ---------------------------------------------------------------- errors

    /// @notice `update` was called before PERIOD seconds passed since the last one.
    error OracleWindowNotElapsed(uint32 elapsed, uint32 period);
    /// @notice `consult` was asked about a token that is not in the pair.
    error OracleInvalidToken(address token);
    /// @notice The pair has an empty reserve, so it has no price yet.
    error OracleNoReserves(address pair);
    /// @notice `consult` was called before the first window closed.
    error OracleNoAverageYet();

    // ---------------------------------------------------------------- events

    event Updated(uint224 price0Average, uint224 price1Average, uint32 timestamp);

    // ---------------------------------------------------------------- immutables

    uint32 public immutable PERIOD;
    IUniswapV2Pair public immutable pair;
    address public immutable token0;
    address public immutable token1;

    // ---------------------------------------------------------------- storage

    uint256 public price0CumulativeLast;
    uint256 public price1CumulativeLast;
    uint32 public blockTimestampLast;
    /// @notice Average price of token0 in token1 over the last window, UQ112x112.
    uint224 public price0Average;
    /// @notice Average price of token1 in token0 over the last window, UQ112x112.
    uint224 public price1Average;

    // ---------------------------------------------------------------- constructor

    /// @param pair_ The pair to average; it must hold liquidity already.
    /// @param period Shortest window, in seconds.
    constructor(IUniswapV2Pair pair_, uint32 period) {
        (uint112 reserve0, uint112 reserve1, ) = pair_.getReserves();
        if (reserve0 == 0 || reserve1 == 0) revert OracleNoReserves(address(pair_));
        pair = pair_;
        PERIOD = period;
        token0 = pair_.token0();
        token1 = pair_.token1();
        (price0CumulativeLast, price1CumulativeLast, blockTimestampLast) = _currentCumulatives();
    }

    // ---------------------------------------------------------------- external

    /// @notice Closes the current window if at least PERIOD seconds have passed; anyone may call.
    function update() external {
        (
            uint256 price0Cumulative,
            uint256 price1Cumulative,
            uint32 timestamp
        ) = _currentCumulatives();
        uint32 elapsed;
        uint224 average0;
        uint224 average1;
        unchecked {
            // Wrapping differences are intended: see the contract NatSpec.
            elapsed = timestamp - blockTimestampLast;
            if (elapsed < PERIOD) revert OracleWindowNotElapsed(elapsed, PERIOD);
            // An average of UQ112x112 prices is itself below 2^224.
            average0 = uint224((price0Cumulative - price0CumulativeLast) / elapsed);
            average1 = uint224((price1Cumulative - price1CumulativeLast) / elapsed);
        }
        (price0Average, price1Average) = (average0, average1);
        (price0CumulativeLast, price1CumulativeLast, blockTimestampLast) = (
            price0Cumulative,
            price1Cumulative,
            timestamp
        );
        emit Updated(average0, average1, timestamp);
    }

    /// @notice What `amountIn` of `token` is worth in the pair's other token at the last window's
    /// average price, rounded down.
    function consult(address token, uint256 amountIn) external view returns (uint256 amountOut) {
        uint224 average;
        if (token == token0) average = price0Average;
        else if (token == token1) average = price1Average;
        else revert OracleInvalidToken(token);
        if (average == 0) revert OracleNoAverageYet();
        amountOut = Math.mulDiv(average, amountIn, 2 ** 112);
    }

    // ---------------------------------------------------------------- internal

    /// @dev The pair's accumulators as they would read now: when the pair has not been touched in this
    /// block, the time since its last update is added at its current (last stored) prices.
    function _currentCumulatives()
        private
        view
        returns (uint256 price0Cumulative, uint256 price1Cumulative, uint32 timestamp)
    {
        timestamp = uint32(block.timestamp); // mod 2^32 by design
        price0Cumulative = pair.price0CumulativeLast();
        price1Cumulative = pair.price1CumulativeLast();
        (uint112 reserve0, uint112 reserve1, uint32 pairTimestamp) = pair.getReserves();
        if (pairTimestamp != timestamp) {
            unchecked {
                // Wrapping is intended: see the contract NatSpec.
                uint32 elapsed = timestamp - pairTimestamp;
                price0Cumulative += ((uint256(reserve1) << 112) / reserve0) * elapsed;
                price1Cumulative += ((uint256(reserve0) << 112) / reserve1) * elapsed;
            }
        }
    }
}
