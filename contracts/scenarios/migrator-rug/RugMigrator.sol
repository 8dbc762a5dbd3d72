// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

import {MockERC20} from "../../core/tokens/MockERC20.sol";
import {IFarmMigrator} from "./IFarmMigrator.sol";

/// @title RugMigrator
/// @notice The farm owner's migrator: takes every staked token for its beneficiary and leaves the
/// farm the same amount of a freshly minted token worth nothing, which passes the farm's check.
contract RugMigrator is IFarmMigrator {
    using SafeERC20 for IERC20;

    error RugMigratorUnauthorized(address caller);

    address public immutable farm;
    address public immutable beneficiary;

    constructor(address farm_, address beneficiary_) {
        farm = farm_;
        beneficiary = beneficiary_;
    }

    /// @inheritdoc IFarmMigrator
    function migrate(IERC20 token) external returns (IERC20 newToken) {
        if (msg.sender != farm) revert RugMigratorUnauthorized(msg.sender);
        uint256 amount = token.balanceOf(msg.sender);
        token.safeTransferFrom(msg.sender, beneficiary, amount);
        MockERC20 decoy = new MockERC20("Sandbox LP v2", "SLP-V2", 18);
        decoy.faucet(msg.sender, amount);
        return IERC20(address(decoy));
    }
}
