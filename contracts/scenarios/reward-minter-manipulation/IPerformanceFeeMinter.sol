// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IPerformanceFeeMinter
/// @notice Errors, events and entry point shared by the performance-fee minters.
interface IPerformanceFeeMinter {
    error MinterZeroAmount();
    error MinterZeroAddress();

    /// @notice `payer` paid `fee` of the fee token, valued at `feeValue` quote units; `to` got `reward`.
    event RewardMinted(
        address indexed payer,
        address indexed to,
        uint256 fee,
        uint256 feeValue,
        uint256 reward
    );

    /// @notice Takes `feeAmount` of the fee token from the caller to the treasury and mints `to` the
    /// bonus for it. Returns the bonus minted.
    function mintFor(uint256 feeAmount, address to) external returns (uint256 reward);
}
