// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC3156FlashBorrower} from "@openzeppelin/contracts/interfaces/IERC3156FlashBorrower.sol";
import {IERC3156FlashLender} from "@openzeppelin/contracts/interfaces/IERC3156FlashLender.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @title ExampleFlashBorrower
/// @notice The smallest correct ERC-3156 borrower: its owner starts a loan, the callback accepts only
/// its own lender and only loans it started itself, records what it held, and approves the repayment.
/// The fee comes out of tokens the contract already holds.
contract ExampleFlashBorrower is IERC3156FlashBorrower, Ownable {
    using SafeERC20 for IERC20;

    /// @notice `onFlashLoan` was called by someone other than the trusted lender.
    error FlashBorrowerUntrustedLender(address caller);
    /// @notice The loan was started by someone other than this contract.
    error FlashBorrowerUntrustedInitiator(address initiator);

    event FlashLoanReceived(address indexed token, uint256 amount, uint256 fee, uint256 balance);

    bytes32 public constant CALLBACK_SUCCESS = keccak256("ERC3156FlashBorrower.onFlashLoan");

    IERC3156FlashLender public immutable lender;

    constructor(address owner_, IERC3156FlashLender lender_) Ownable(owner_) {
        lender = lender_;
    }

    /// @notice Borrows `amount` of `token` and repays it with the fee in the same transaction; only the
    /// owner (the fee is paid from this contract's tokens).
    function flashBorrow(address token, uint256 amount) external onlyOwner {
        uint256 fee = lender.flashFee(token, amount);
        IERC20(token).forceApprove(address(lender), amount + fee);
        lender.flashLoan(this, token, amount, "");
    }

    /// @inheritdoc IERC3156FlashBorrower
    function onFlashLoan(
        address initiator,
        address token,
        uint256 amount,
        uint256 fee,
        bytes calldata
    ) external returns (bytes32) {
        if (msg.sender != address(lender)) revert FlashBorrowerUntrustedLender(msg.sender);
        if (initiator != address(this)) revert FlashBorrowerUntrustedInitiator(initiator);
        emit FlashLoanReceived(token, amount, fee, IERC20(token).balanceOf(address(this)));
        return CALLBACK_SUCCESS;
    }
}
