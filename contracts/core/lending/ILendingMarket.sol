// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPriceOracle} from "../oracles/IPriceOracle.sol";
import {IRateModel} from "./IRateModel.sol";

/// @title ILendingMarket
/// @notice Errors, events and the public API of the sandbox's lending market.
interface ILendingMarket {
    /// @notice Risk parameters of a listed asset, in basis points.
    /// @param collateralFactorBps Share of the asset's value that may be borrowed against.
    /// @param liquidationThresholdBps Share of the value above which debt makes the account liquidatable.
    /// @param liquidationBonusBps Extra collateral a liquidator receives over the debt it repays.
    /// @param reserveFactorBps Share of the interest kept as reserves.
    struct RiskParameters {
        uint16 collateralFactorBps;
        uint16 liquidationThresholdBps;
        uint16 liquidationBonusBps;
        uint16 reserveFactorBps;
    }

    // ---------------------------------------------------------------- errors

    error LendingZeroAmount();
    error LendingZeroAddress();
    error LendingAssetNotListed(address asset);
    error LendingAssetAlreadyListed(address asset);
    error LendingTooManyAssets(uint256 max);
    error LendingInvalidRiskParameters(
        uint256 collateralFactorBps,
        uint256 liquidationThresholdBps,
        uint256 liquidationBonusBps,
        uint256 reserveFactorBps
    );
    error LendingInvalidMaxPriceAge(uint256 maxPriceAge);
    /// @notice The account's debt after the borrow would exceed what its collateral allows.
    error LendingBorrowAboveCapacity(address account, uint256 debtValue, uint256 borrowLimit);
    /// @notice The account's debt after the withdrawal would exceed what its remaining collateral allows.
    error LendingWithdrawUnhealthy(address account, uint256 debtValue, uint256 borrowLimit);
    error LendingInsufficientCash(address asset, uint256 cash, uint256 amount);
    error LendingInsufficientSupply(
        address account,
        address asset,
        uint256 balance,
        uint256 amount
    );
    error LendingRepayAboveDebt(address account, address asset, uint256 debt, uint256 amount);
    /// @notice Liquidation of an account whose health factor is at least 1 (WAD).
    error LendingAccountHealthy(address account, uint256 healthFactor);
    error LendingRepayAboveCloseFactor(uint256 amount, uint256 maxRepay);
    error LendingNoCollateral(address account, address asset);
    error LendingSelfLiquidation(address account);
    error LendingInsufficientReserves(address asset, uint256 reserves, uint256 amount);

    // ---------------------------------------------------------------- events

    event AssetListed(address indexed asset, IRateModel rateModel, RiskParameters parameters);
    event RiskParametersSet(address indexed asset, RiskParameters parameters);
    event RateModelSet(address indexed asset, IRateModel rateModel);
    event OracleSet(IPriceOracle oracle);
    event MaxPriceAgeSet(uint256 maxPriceAge);
    /// @notice Emitted by every accrual that grows the borrow index, also when the interest it adds
    /// is under one wei (`interest` is then 0: it shows once the growth adds up to a wei).
    event InterestAccrued(
        address indexed asset,
        uint256 interest,
        uint256 reservesAdded,
        uint256 borrowIndex,
        uint256 supplyIndex
    );
    event Supplied(address indexed asset, address indexed account, uint256 amount);
    event Withdrawn(address indexed asset, address indexed account, address to, uint256 amount);
    event Borrowed(address indexed asset, address indexed account, address to, uint256 amount);
    event Repaid(
        address indexed asset,
        address indexed payer,
        address indexed onBehalfOf,
        uint256 amount
    );
    event Liquidated(
        address indexed liquidator,
        address indexed borrower,
        address debtAsset,
        address collateralAsset,
        uint256 repaid,
        uint256 seized
    );
    event ReservesWithdrawn(address indexed asset, address to, uint256 amount);

    // ---------------------------------------------------------------- user actions

    function supply(address asset, uint256 amount) external;

    function withdraw(address asset, uint256 amount, address to) external returns (uint256);

    function borrow(address asset, uint256 amount, address to) external;

    function repay(address asset, uint256 amount, address onBehalfOf) external returns (uint256);

    function liquidate(
        address borrower,
        address debtAsset,
        address collateralAsset,
        uint256 repayAmount
    ) external returns (uint256 seized);

    // ---------------------------------------------------------------- views

    function supplyBalanceOf(address account, address asset) external view returns (uint256);

    function debtOf(address account, address asset) external view returns (uint256);

    function healthFactor(address account) external view returns (uint256);
}
