// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title IFarmMigrator
/// @notice MasterChef's migrator: given the farm's whole balance of a staking token (by allowance),
/// returns the token that replaces it, of which the farm must then hold the same amount.
interface IFarmMigrator {
    function migrate(IERC20 token) external returns (IERC20 newToken);
}
