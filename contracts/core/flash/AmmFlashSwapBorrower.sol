// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {IUniswapV2Callee} from "../amm/interfaces/IUniswapV2Callee.sol";
import {IUniswapV2Pair} from "../amm/interfaces/IUniswapV2Pair.sol";

/// @title AmmFlashSwapBorrower
/// @notice An AMM flash swap used as a flash loan: the pair sends `amount` of one of its tokens first,
/// calls `uniswapV2Call`, and accepts the same token back if it grows by the 0.3% swap fee:
/// repayment = ceil(amount × 1000 / 997), so the fee is about 0.301% of the amount.
/// @dev Like an ERC-3156 borrower, the callback trusts only its own loans: it accepts a call only from
/// the pair that `flashSwap` is calling right now, which also proves that this contract started the
/// swap (a swap started by anyone else finds no active pair and reverts).
contract AmmFlashSwapBorrower is IUniswapV2Callee, Ownable {
    using SafeERC20 for IERC20;

    error FlashSwapUntrustedPair(address caller);

    event FlashSwapReceived(address indexed token, uint256 amount, uint256 fee, uint256 balance);

    /// @dev The pair of the swap in progress, zero between swaps.
    address internal _activePair;

    constructor(address owner_) Ownable(owner_) {}

    /// @notice Borrows `amount` of `token` from `pair` and returns it with the fee in the same
    /// transaction; only the owner (the fee is paid from this contract's tokens).
    function flashSwap(IUniswapV2Pair pair, address token, uint256 amount) external onlyOwner {
        (uint256 amount0, uint256 amount1) = token == pair.token0()
            ? (amount, uint256(0))
            : (uint256(0), amount);
        _activePair = address(pair);
        pair.swap(amount0, amount1, address(this), abi.encode(token));
        _activePair = address(0);
    }

    /// @inheritdoc IUniswapV2Callee
    function uniswapV2Call(
        address,
        uint256 amount0,
        uint256 amount1,
        bytes calldata data
    ) external {
        if (msg.sender != _activePair) revert FlashSwapUntrustedPair(msg.sender);
        address token = abi.decode(data, (address));
        uint256 amount = amount0 + amount1;
        // The pair keeps 3/1000 of what comes in: what comes in must be at least amount × 1000 / 997.
        uint256 repayment = Math.mulDiv(amount, 1000, 997, Math.Rounding.Ceil);
        emit FlashSwapReceived(
            token,
            amount,
            repayment - amount,
            IERC20(token).balanceOf(address(this))
        );
        IERC20(token).safeTransfer(msg.sender, repayment);
    }
}
