// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Burnable} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Burnable.sol";
import {ERC20Capped} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Capped.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/// @title RewardToken
/// @notice The farms' reward token: a hard cap on supply, new tokens only from holders of MINTER_ROLE
/// (the farms), and anyone may burn their own.
/// @dev Invariant: totalSupply() <= cap(), enforced by ERC20Capped in `_update`.
contract RewardToken is ERC20, ERC20Burnable, ERC20Capped, ERC20Permit, AccessControl {
    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");

    /// @param admin Receives DEFAULT_ADMIN_ROLE and so decides who may mint.
    /// @param cap_ The most tokens that can ever exist (ERC20Capped reverts on a zero cap).
    constructor(
        address admin,
        uint256 cap_
    ) ERC20("Sandbox Reward", "RWD") ERC20Capped(cap_) ERC20Permit("Sandbox Reward") {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    /// @notice Mints `amount` to `to`; only MINTER_ROLE, and never past the cap.
    function mint(address to, uint256 amount) external onlyRole(MINTER_ROLE) {
        _mint(to, amount);
    }

    function _update(
        address from,
        address to,
        uint256 value
    ) internal override(ERC20, ERC20Capped) {
        super._update(from, to, value);
    }
}
