// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IERC3156FlashBorrower} from "@openzeppelin/contracts/interfaces/IERC3156FlashBorrower.sol";
import {IERC3156FlashLender} from "@openzeppelin/contracts/interfaces/IERC3156FlashLender.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

/// @title FlashLender
/// @notice ERC-3156 flash loans of every token the owner supports, out of the tokens this contract
/// holds, for a fee of `feeBps` basis points rounded up. The lender sends the tokens, calls the
/// receiver's `onFlashLoan`, requires the standard's magic value back and then pulls amount + fee from
/// the receiver (which must have approved it).
/// @dev Fees go to `treasury`, not to the lender's liquidity: the liquidity belongs to the owner, who
/// funds it by plain transfers and takes it back with `withdraw`. Invariant: after every flash loan the
/// lender holds at least what it held before it.
contract FlashLender is IERC3156FlashLender, Ownable2Step, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    error FlashUnsupportedToken(address token);
    error FlashZeroAmount();
    error FlashZeroAddress();
    error FlashAmountAboveMax(address token, uint256 amount, uint256 maxAmount);
    error FlashInvalidCallbackReturn(bytes32 returned);
    error FlashFeeTooHigh(uint256 feeBps, uint256 maxFeeBps);

    event TokenSupportSet(address indexed token, bool supported);
    event FeeSet(uint256 feeBps);
    event TreasurySet(address treasury);
    event FlashLoan(
        address indexed receiver,
        address indexed initiator,
        address indexed token,
        uint256 amount,
        uint256 fee
    );
    event LiquidityWithdrawn(address indexed token, address to, uint256 amount);

    bytes32 public constant CALLBACK_SUCCESS = keccak256("ERC3156FlashBorrower.onFlashLoan");
    uint256 public constant BPS = 10_000;
    /// @notice Highest fee the owner may set: 1%.
    uint256 public constant MAX_FEE_BPS = 100;

    /// @notice Fee per loan in basis points of the amount.
    uint256 public feeBps;
    /// @notice Receives every fee.
    address public treasury;
    mapping(address token => bool) public isSupported;

    /// @param owner_ Chooses tokens, fee and treasury, and owns the liquidity.
    constructor(address owner_, address treasury_, uint256 feeBps_) Ownable(owner_) {
        _setTreasury(treasury_);
        _setFee(feeBps_);
    }

    // ---------------------------------------------------------------- owner

    /// @notice Turns flash loans of `token` on or off; only the owner.
    function setTokenSupport(address token, bool supported) external onlyOwner {
        if (token == address(0)) revert FlashZeroAddress();
        isSupported[token] = supported;
        emit TokenSupportSet(token, supported);
    }

    /// @notice Sets the fee; only the owner.
    function setFee(uint256 feeBps_) external onlyOwner {
        _setFee(feeBps_);
    }

    /// @notice Sets where fees go; only the owner.
    function setTreasury(address treasury_) external onlyOwner {
        _setTreasury(treasury_);
    }

    /// @notice Takes `amount` of the lender's `token` liquidity to `to`; only the owner.
    function withdraw(address token, uint256 amount, address to) external onlyOwner nonReentrant {
        if (amount == 0) revert FlashZeroAmount();
        if (to == address(0)) revert FlashZeroAddress();
        IERC20(token).safeTransfer(to, amount);
        emit LiquidityWithdrawn(token, to, amount);
    }

    // ---------------------------------------------------------------- ERC-3156

    /// @inheritdoc IERC3156FlashLender
    /// @dev 0 for an unsupported token, as the standard asks (no revert).
    function maxFlashLoan(address token) public view returns (uint256) {
        return isSupported[token] ? IERC20(token).balanceOf(address(this)) : 0;
    }

    /// @inheritdoc IERC3156FlashLender
    /// @dev Reverts for an unsupported token, as the standard asks. Rounded up.
    function flashFee(address token, uint256 amount) public view returns (uint256) {
        if (!isSupported[token]) revert FlashUnsupportedToken(token);
        return Math.mulDiv(amount, feeBps, BPS, Math.Rounding.Ceil);
    }

    /// @inheritdoc IERC3156FlashLender
    function flashLoan(
        IERC3156FlashBorrower receiver,
        address token,
        uint256 amount,
        bytes calldata data
    ) external nonReentrant returns (bool) {
        if (amount == 0) revert FlashZeroAmount();
        uint256 fee = flashFee(token, amount);
        uint256 maxAmount = maxFlashLoan(token);
        if (amount > maxAmount) revert FlashAmountAboveMax(token, amount, maxAmount);

        IERC20(token).safeTransfer(address(receiver), amount);
        bytes32 returned = receiver.onFlashLoan(msg.sender, token, amount, fee, data);
        if (returned != CALLBACK_SUCCESS) revert FlashInvalidCallbackReturn(returned);
        IERC20(token).safeTransferFrom(address(receiver), address(this), amount);
        if (fee != 0) IERC20(token).safeTransferFrom(address(receiver), treasury, fee);
        emit FlashLoan(address(receiver), msg.sender, token, amount, fee);
        return true;
    }

    // ---------------------------------------------------------------- internal

    function _setFee(uint256 feeBps_) internal {
        if (feeBps_ > MAX_FEE_BPS) revert FlashFeeTooHigh(feeBps_, MAX_FEE_BPS);
        feeBps = feeBps_;
        emit FeeSet(feeBps_);
    }

    function _setTreasury(address treasury_) internal {
        if (treasury_ == address(0)) revert FlashZeroAddress();
        treasury = treasury_;
        emit TreasurySet(treasury_);
    }
}
