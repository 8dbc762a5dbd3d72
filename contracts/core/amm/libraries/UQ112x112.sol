// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice Binary fixed point with 112 fractional bits (UQ112x112), as the pair's price accumulators
/// use it: a reserve ratio of two uint112 values always fits in 224 bits.
library UQ112x112 {
    uint224 internal constant Q112 = 2 ** 112;

    /// @notice `numerator / denominator` as UQ112x112, rounded down.
    /// @dev Cannot overflow: numerator << 112 < 2^224 and the quotient is no larger.
    function divDown(uint112 numerator, uint112 denominator) internal pure returns (uint224) {
        return (uint224(numerator) * Q112) / denominator;
    }
}
