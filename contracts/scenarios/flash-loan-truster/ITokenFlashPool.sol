// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice A pool of one deposited token that depositors withdraw at will and that anyone may
/// borrow for the length of one call, free of charge.
interface ITokenFlashPool {
    error FlashPoolZeroAmount();
    error FlashPoolInsufficientBalance(address account, uint256 balance, uint256 needed);
    error FlashPoolLoanTooLarge(uint256 amount, uint256 available);
    error FlashPoolNotRepaid(uint256 expected, uint256 actual);
    error FlashPoolCallbackFailed(address borrower);

    event Deposited(address indexed account, uint256 amount);
    event Withdrawn(address indexed account, uint256 amount);
    event FlashLoan(address indexed initiator, address indexed borrower, uint256 amount);

    /// @notice The token the pool holds and lends.
    function token() external view returns (IERC20);

    /// @notice Takes `amount` of the token from the caller (after approval) and credits it.
    function deposit(uint256 amount) external;

    /// @notice Pays `amount` of the caller's deposit back to the caller.
    function withdraw(uint256 amount) external;

    /// @notice Sends `amount` to `borrower`, calls it with `data`, and reverts unless the pool's
    /// balance is back where it started.
    function flashLoan(address borrower, uint256 amount, bytes calldata data) external;

    /// @notice Tokens the pool owes `account`.
    function balanceOf(address account) external view returns (uint256);
}
