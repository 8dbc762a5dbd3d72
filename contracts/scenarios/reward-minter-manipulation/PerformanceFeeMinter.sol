// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {BonusToken} from "./BonusToken.sol";
import {IPerformanceFeeMinter} from "./IPerformanceFeeMinter.sol";

/// @title PerformanceFeeMinter
/// @notice A yield protocol's performance-fee minter: whoever pays a performance fee in the fee token
/// (a vault, on a user's harvest) gets the bonus token in return, REWARD_BPS / BPS whole bonus tokens
/// per dollar of fee. How the fee is valued in dollars is left to the variant.
/// @dev Invariant: the bonus minted for a fee is REWARD_BPS / BPS of the fee's value as the variant
/// prices it; the bonus is only ever as honest as that price.
abstract contract PerformanceFeeMinter is IPerformanceFeeMinter, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    uint256 public constant BPS = 10_000;
    /// @notice Whole bonus tokens minted per whole quote token of fee value, in basis points: 0.5.
    uint256 public constant REWARD_BPS = 5_000;

    IERC20Metadata public immutable feeToken;
    /// @notice The dollar stablecoin fees are valued in.
    IERC20Metadata public immutable quoteToken;
    BonusToken public immutable reward;
    address public immutable treasury;

    constructor(
        IERC20Metadata feeToken_,
        IERC20Metadata quoteToken_,
        BonusToken reward_,
        address treasury_
    ) {
        if (treasury_ == address(0)) revert MinterZeroAddress();
        feeToken = feeToken_;
        quoteToken = quoteToken_;
        reward = reward_;
        treasury = treasury_;
    }

    /// @inheritdoc IPerformanceFeeMinter
    function mintFor(uint256 feeAmount, address to) external nonReentrant returns (uint256 minted) {
        if (feeAmount == 0) revert MinterZeroAmount();
        if (to == address(0)) revert MinterZeroAddress();
        uint256 feeValue = _feeValueDown(feeAmount);
        minted = _capped(
            Math.mulDiv(
                feeValue,
                10 ** reward.decimals() * REWARD_BPS,
                10 ** quoteToken.decimals() * BPS
            )
        );
        IERC20(address(feeToken)).safeTransferFrom(msg.sender, treasury, feeAmount);
        reward.mint(to, minted);
        emit RewardMinted(msg.sender, to, feeAmount, feeValue, minted);
    }

    /// @dev Value of `feeAmount` fee tokens in quote base units, rounded down.
    function _feeValueDown(uint256 feeAmount) internal view virtual returns (uint256);

    /// @dev The bonus actually minted for a computed bonus: all of it unless the variant caps it.
    function _capped(uint256 amount) internal view virtual returns (uint256) {
        return amount;
    }
}
