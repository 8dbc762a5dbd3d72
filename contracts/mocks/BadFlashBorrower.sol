// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC3156FlashBorrower} from "@openzeppelin/contracts/interfaces/IERC3156FlashBorrower.sol";
import {IERC3156FlashLender} from "@openzeppelin/contracts/interfaces/IERC3156FlashLender.sol";

/// @title BadFlashBorrower
/// @notice Test-only borrower that breaks the ERC-3156 rules: it answers with a wrong value, or answers
/// correctly but never lets the lender take the repayment back.
contract BadFlashBorrower is IERC3156FlashBorrower {
    enum Mode {
        WrongReturnValue,
        NoRepayment
    }

    Mode public immutable mode;

    constructor(Mode mode_) {
        mode = mode_;
    }

    /// @notice Starts a loan of `amount` of `token` from `lender`.
    function borrow(IERC3156FlashLender lender, address token, uint256 amount) external {
        lender.flashLoan(this, token, amount, "");
    }

    /// @inheritdoc IERC3156FlashBorrower
    function onFlashLoan(
        address,
        address,
        uint256,
        uint256,
        bytes calldata
    ) external view returns (bytes32) {
        if (mode == Mode.WrongReturnValue) return keccak256("wrong");
        // NoRepayment: the right answer, but nothing approved, so the lender cannot pull the tokens back.
        return keccak256("ERC3156FlashBorrower.onFlashLoan");
    }
}
