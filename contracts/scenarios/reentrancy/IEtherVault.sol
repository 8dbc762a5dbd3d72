// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice An ether vault: anyone deposits ETH and withdraws up to what they deposited.
interface IEtherVault {
    error EtherVaultZeroAmount();
    error EtherVaultInsufficientBalance(address account, uint256 balance, uint256 needed);
    error EtherVaultPayoutFailed(address to, uint256 amount);

    event Deposited(address indexed account, uint256 amount);
    event Withdrawn(address indexed account, uint256 amount);

    /// @notice Credits the sent ETH to the caller.
    function deposit() external payable;

    /// @notice Pays `amount` of the caller's deposit back to the caller.
    function withdraw(uint256 amount) external;

    /// @notice ETH the vault owes `account`.
    function balanceOf(address account) external view returns (uint256);
}
