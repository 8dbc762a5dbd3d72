// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";

/// @title VirtualSharesVault
/// @notice An ERC-4626 vault priced with OpenZeppelin's virtual shares and assets: the share price
/// is (totalAssets + 1) / (totalSupply + 10^DECIMALS_OFFSET).
/// @dev Invariant: the vault's assets cover every share at the price it quotes (totalAssets is at
/// least convertToAssets(totalSupply)). A donation to a nearly empty vault is shared with the
/// 10^DECIMALS_OFFSET virtual shares nobody owns, so an attacker who inflates the share price loses
/// far more than the rounding can take from the next depositor.
contract VirtualSharesVault is ERC4626 {
    /// @notice Shares carry this many more decimals than the asset.
    uint8 public constant DECIMALS_OFFSET = 6;

    constructor(
        IERC20 asset_,
        string memory name_,
        string memory symbol_
    ) ERC4626(asset_) ERC20(name_, symbol_) {}

    // ---------------------------------------------------------------- internal

    function _decimalsOffset() internal pure override returns (uint8) {
        return DECIMALS_OFFSET;
    }
}
