// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Farm} from "../../core/farming/Farm.sol";
import {RewardToken} from "../../core/tokens/RewardToken.sol";

/// @title DevCutFarm
/// @notice The sandbox Farm plus MasterChef's developer cut: on top of the farmers' emission, one
/// tenth of it is minted to `devFund`. Anyone may call `mintDevCut` to mint what is due.
/// @dev Invariant: devCutMinted == rewardsBetween(startTime, devCutUntil) / DEV_CUT_DIVISOR rounded
/// down per mint. Whether the fund can dump its tokens depends on who `devFund` is: a vesting
/// contract or a key.
/// @custom:vulnerability Mints the developer's tenth straight to whatever address is given; with a plain key the whole fund can be sold into the reward pool at once.
contract DevCutFarm is Farm {
    // ---------------------------------------------------------------- events

    event DevCutMinted(address indexed devFund, uint256 amount);

    // ---------------------------------------------------------------- constants and immutables

    /// @notice The cut is emission / 10 (10% extra, as MasterChef minted to its devaddr).
    uint256 public constant DEV_CUT_DIVISOR = 10;

    address public immutable devFund;

    // ---------------------------------------------------------------- storage

    /// @notice Emission up to this time has had its cut minted.
    uint256 public devCutUntil;
    uint256 public devCutMinted;

    // ---------------------------------------------------------------- constructor

    /// @param devFund_ Receives the cut: the developer's key, or a vesting wallet.
    /// @dev The other parameters are Farm's.
    constructor(
        RewardToken rewardToken_,
        uint256 rewardPerSecond_,
        uint256 startTime_,
        uint256 duration,
        uint256 bonusDuration,
        uint256 bonusMultiplier_,
        address owner_,
        address devFund_
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
    {
        if (devFund_ == address(0)) revert FarmZeroAddress();
        devFund = devFund_;
        devCutUntil = startTime;
    }

    // ---------------------------------------------------------------- external

    /// @notice Mints the cut of the emission since the last call to `devFund`; returns the amount.
    function mintDevCutDown() external returns (uint256 amount) {
        amount = rewardsBetween(devCutUntil, block.timestamp) / DEV_CUT_DIVISOR;
        if (block.timestamp > devCutUntil) devCutUntil = block.timestamp;
        if (amount == 0) return 0;
        devCutMinted += amount;
        rewardToken.mint(devFund, amount);
        emit DevCutMinted(devFund, amount);
    }
}
