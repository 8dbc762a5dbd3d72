// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice Receives an ether flash loan: the ETH arrives with the call and must be back before it ends.
interface IEtherFlashBorrower {
    function onEtherFlashLoan() external payable;
}

/// @notice A pool of deposited ETH that depositors withdraw at will and that anyone may borrow for
/// the length of one call, free of charge.
interface IEtherFlashPool {
    error FlashPoolZeroAmount();
    error FlashPoolInsufficientBalance(address account, uint256 balance, uint256 needed);
    error FlashPoolLoanTooLarge(uint256 amount, uint256 available);
    error FlashPoolNotRepaid(uint256 expected, uint256 actual);
    error FlashPoolPayoutFailed(address to, uint256 amount);

    event Deposited(address indexed account, uint256 amount);
    event Withdrawn(address indexed account, uint256 amount);
    event FlashLoan(address indexed borrower, uint256 amount);

    /// @notice Credits the sent ETH to the caller.
    function deposit() external payable;

    /// @notice Pays `amount` of the caller's deposit back to the caller.
    function withdraw(uint256 amount) external;

    /// @notice Sends `amount` to the caller's `onEtherFlashLoan` and reverts unless it is repaid.
    function flashLoan(uint256 amount) external;

    /// @notice ETH the pool owes `account`.
    function balanceOf(address account) external view returns (uint256);

    /// @notice ETH the pool owes all its depositors together.
    function totalDeposits() external view returns (uint256);
}
