// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IFarm} from "../core/farming/IFarm.sol";

/// @title PositionLens
/// @notice Reads many accounts' token balances and pending farm rewards at one block in one call,
/// for off-chain tools that value many positions at once (the yield simulator reads a thousand
/// farmers a day through it instead of thousands of calls). It holds nothing and changes nothing.
contract PositionLens {
    /// @notice Every account's balance of every token, account by account:
    /// balances[i * tokens.length + j] is accounts[i]'s balance of tokens[j].
    function balancesOf(
        IERC20[] calldata tokens,
        address[] calldata accounts
    ) external view returns (uint256[] memory balances) {
        balances = new uint256[](tokens.length * accounts.length);
        for (uint256 i = 0; i < accounts.length; ++i) {
            for (uint256 j = 0; j < tokens.length; ++j) {
                balances[i * tokens.length + j] = tokens[j].balanceOf(accounts[i]);
            }
        }
    }

    /// @notice Each account's pending reward in pool `pid` of `farm`.
    function pendingRewards(
        IFarm farm,
        uint256 pid,
        address[] calldata accounts
    ) external view returns (uint256[] memory pending) {
        pending = new uint256[](accounts.length);
        for (uint256 i = 0; i < accounts.length; ++i) {
            pending[i] = farm.pendingReward(pid, accounts[i]);
        }
    }
}
