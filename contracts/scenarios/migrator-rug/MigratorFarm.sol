// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

import {Farm} from "../../core/farming/Farm.sol";
import {RewardToken} from "../../core/tokens/RewardToken.sol";
import {IFarmMigrator} from "./IFarmMigrator.sol";

/// @title MigratorFarm
/// @notice The sandbox Farm plus MasterChef's LP migration: the owner names a migrator, and
/// `migrate(pid)` hands it the pool's whole balance in exchange for a replacement token (meant for
/// moving liquidity to a new AMM).
/// @custom:vulnerability The owner picks the migrator and migrate moves every staker's tokens to it at once: the owner can take all the stake in one block.
contract MigratorFarm is Farm {
    using SafeERC20 for IERC20;

    // ---------------------------------------------------------------- errors

    error MigratorFarmNoMigrator();
    error MigratorFarmBadMigration(uint256 pid, uint256 balanceBefore, uint256 balanceAfter);

    // ---------------------------------------------------------------- events

    event MigratorSet(address indexed migrator);
    event PoolMigrated(
        uint256 indexed pid,
        address indexed oldToken,
        address indexed newToken,
        uint256 amount
    );

    // ---------------------------------------------------------------- storage

    IFarmMigrator public migrator;

    // ---------------------------------------------------------------- constructor

    /// @dev Same parameters as Farm.
    constructor(
        RewardToken rewardToken_,
        uint256 rewardPerSecond_,
        uint256 startTime_,
        uint256 duration,
        uint256 bonusDuration,
        uint256 bonusMultiplier_,
        address owner_
    )
        Farm(
            rewardToken_,
            rewardPerSecond_,
            startTime_,
            duration,
            bonusDuration,
            bonusMultiplier_,
            owner_
        )
    {}

    // ---------------------------------------------------------------- external

    /// @notice Names the contract `migrate` hands the staking tokens to; only the owner.
    function setMigrator(IFarmMigrator migrator_) external onlyOwner {
        migrator = migrator_;
        emit MigratorSet(address(migrator_));
    }

    /// @notice Swaps pool `pid`'s staking token for the migrator's replacement; anyone may call once
    /// a migrator is set. Stakes keep their amounts, now counted in the new token.
    function migrate(uint256 pid) external nonReentrant {
        IFarmMigrator current = migrator;
        if (address(current) == address(0)) revert MigratorFarmNoMigrator();
        _checkPool(pid);
        PoolInfo storage pool = poolInfo[pid];
        IERC20 oldToken = pool.token;
        uint256 balance = oldToken.balanceOf(address(this));
        oldToken.forceApprove(address(current), balance);
        IERC20 newToken = current.migrate(oldToken);
        uint256 balanceAfter = newToken.balanceOf(address(this));
        // MasterChef's only safeguard: the replacement must arrive in the same amount.
        if (balanceAfter != balance) revert MigratorFarmBadMigration(pid, balance, balanceAfter);
        pool.token = newToken;
        emit PoolMigrated(pid, address(oldToken), address(newToken), balance);
    }
}
