// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title ISweepPool
/// @notice A deposit pool of one token whose owner may sweep tokens out of it (the "rescue"
/// function many protocols ship for tokens sent by mistake or for moving funds between pools).
interface ISweepPool {
    error SweepPoolZeroAmount();
    error SweepPoolZeroAddress();
    error SweepPoolInsufficientBalance(address account, uint256 balance, uint256 requested);
    error SweepPoolCapExceeded(uint256 amount, uint256 available);

    event Deposited(address indexed account, uint256 amount);
    event Withdrawn(address indexed account, uint256 amount);
    event Swept(address indexed to, uint256 amount);

    /// @notice Moves `amount` of the caller's tokens into the pool.
    function deposit(uint256 amount) external;

    /// @notice Pays `amount` of the caller's deposit back.
    function withdraw(uint256 amount) external;

    /// @notice Sends `amount` of the pool's tokens to `to`; only the owner.
    function sweep(address to, uint256 amount) external;

    function asset() external view returns (IERC20);

    function balanceOf(address account) external view returns (uint256);

    function totalDeposits() external view returns (uint256);
}
