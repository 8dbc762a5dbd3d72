// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IPriceOracle} from "../oracles/IPriceOracle.sol";
import {ILendingMarket} from "./ILendingMarket.sol";
import {IRateModel} from "./IRateModel.sol";

/// @title LendingMarket
/// @notice One pool per listed asset: suppliers earn the interest borrowers pay, minus the reserve
/// factor's share, which the market keeps as reserves. Every supplied asset is collateral for
/// borrowing any listed asset up to its collateral factor; an account whose debt exceeds its
/// collateral weighted by the liquidation thresholds (health factor below 1) can be liquidated: anyone
/// repays up to the close factor of one debt and receives as much collateral plus the bonus.
///
/// Balances are scaled by two per-asset indexes (WAD) that grow every second:
/// debt = borrowScaled × borrowIndex (rounded up), supply balance = supplyScaled × supplyIndex
/// (rounded down). Between two accruals the borrow index compounds per second,
/// borrowIndex × (1 + rate)^Δt, at the rate fixed by the last accrual.
///
/// Interest does not depend on how often the market is accrued: every accrual writes the grown
/// indexes, also when the interest they add is under one wei; the interest it books is the growth of
/// the rounded-up total borrows, so that the interest of many accruals adds up to that of one; and
/// the reserves' share below one wei is carried to the next accrual. At a fixed rate, a market
/// accrued every second and one accrued once agree on debts within 1 wei, supply balances within 2
/// and reserves within 3, plus the indexes' own rounding: per accrual over Δt seconds, under
/// (2Δt + 1)e-18 of the total borrowed and 1e-18 of the total supplied (a millionth of a wei on
/// 1,000,000 USDC). A rate that follows utilization also moves at each accrual, as interest raises
/// the borrows: that is the rate model, not rounding.
///
/// Invariants: cash + total borrows = total supplied + reserves, up to one wei of rounding per action
/// (totals are rounded on their own, not as sums of the rounded balances), hence
/// total borrows <= total supplied + reserves; both indexes never decrease; no borrow or withdrawal
/// leaves its own account above its borrow limit.
///
/// Cash is counted internally from what supply, repay and liquidate pulled in; tokens sent straight
/// to the market (donations) belong to nobody and move no balance or rate.
///
/// Bad debt is left as a loss: when a price falls so far that an account's debt exceeds all of its
/// collateral, liquidators take the collateral and the rest of the debt stays on the books, still
/// accruing interest, with nothing behind it. Suppliers' balances keep growing on paper, but the cash
/// can no longer pay all of them: the last suppliers to withdraw bear the loss.
/// @dev Assumes plain ERC-20s (no fee on transfer, no rebasing) with at most 36 decimals, and an oracle
/// whose prices follow IPriceOracle (USD, 18 decimals per whole token).
contract LendingMarket is ILendingMarket, Ownable2Step, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    // ---------------------------------------------------------------- constants

    uint256 public constant WAD = 1e18;
    uint256 public constant BPS = 10_000;
    uint256 public constant SECONDS_PER_YEAR = 365 days;
    /// @notice The most of one debt a single liquidation may repay: half.
    uint256 public constant CLOSE_FACTOR_BPS = 5_000;
    /// @notice Account views loop over every listed asset, so their number is bounded.
    uint256 public constant MAX_ASSETS = 8;
    /// @notice The largest liquidation bonus the owner may set (20%).
    uint256 public constant MAX_LIQUIDATION_BONUS_BPS = 2_000;

    // ---------------------------------------------------------------- storage

    struct Market {
        bool listed;
        uint8 decimals;
        uint64 lastAccrual;
        /// @dev The reserve factor's share of the interest below one wei, in 1/BPS wei, booked once the
        /// fractions add up to a wei (< BPS).
        uint16 reservesRemainderBps;
        RiskParameters parameters;
        IRateModel rateModel;
        uint256 cash;
        uint256 reserves;
        uint256 borrowIndex;
        uint256 supplyIndex;
        uint256 totalSupplyScaled;
        uint256 totalBorrowScaled;
    }

    /// @notice Source of every price the market reads.
    IPriceOracle public oracle;
    /// @notice Oldest price, in seconds, the market accepts.
    uint256 public maxPriceAge;

    mapping(address asset => Market) internal _markets;
    address[] internal _assets;
    /// @notice Supply balances divided by the supply index at the time of each change.
    mapping(address account => mapping(address asset => uint256)) public supplyScaled;
    /// @notice Debts divided by the borrow index at the time of each change.
    mapping(address account => mapping(address asset => uint256)) public borrowScaled;

    // ---------------------------------------------------------------- constructor

    /// @param owner_ Lists assets and sets parameters and the oracle (later a timelock).
    /// @param oracle_ Price source.
    /// @param maxPriceAge_ Oldest price accepted, in seconds.
    constructor(address owner_, IPriceOracle oracle_, uint256 maxPriceAge_) Ownable(owner_) {
        _setOracle(oracle_);
        _setMaxPriceAge(maxPriceAge_);
    }

    // ---------------------------------------------------------------- owner

    /// @notice Lists `asset` with its rate model and risk parameters; only the owner.
    function listAsset(
        address asset,
        IRateModel rateModel,
        RiskParameters calldata parameters
    ) external onlyOwner {
        if (asset == address(0) || address(rateModel) == address(0)) revert LendingZeroAddress();
        Market storage m = _markets[asset];
        if (m.listed) revert LendingAssetAlreadyListed(asset);
        if (_assets.length == MAX_ASSETS) revert LendingTooManyAssets(MAX_ASSETS);
        _checkParameters(parameters);
        m.listed = true;
        m.decimals = IERC20Metadata(asset).decimals();
        m.lastAccrual = uint64(block.timestamp);
        m.parameters = parameters;
        m.rateModel = rateModel;
        m.borrowIndex = WAD;
        m.supplyIndex = WAD;
        _assets.push(asset);
        emit AssetListed(asset, rateModel, parameters);
    }

    /// @notice Replaces the risk parameters of `asset` (interest so far accrues under the old ones);
    /// only the owner.
    function setRiskParameters(
        address asset,
        RiskParameters calldata parameters
    ) external onlyOwner {
        Market storage m = _accrue(asset);
        _checkParameters(parameters);
        m.parameters = parameters;
        emit RiskParametersSet(asset, parameters);
    }

    /// @notice Replaces the rate model of `asset` (interest so far accrues under the old one); only the
    /// owner.
    function setRateModel(address asset, IRateModel rateModel) external onlyOwner {
        if (address(rateModel) == address(0)) revert LendingZeroAddress();
        Market storage m = _accrue(asset);
        m.rateModel = rateModel;
        emit RateModelSet(asset, rateModel);
    }

    /// @notice Replaces the price oracle; only the owner.
    function setOracle(IPriceOracle oracle_) external onlyOwner {
        _setOracle(oracle_);
    }

    /// @notice Sets the oldest price the market accepts, in seconds; only the owner.
    function setMaxPriceAge(uint256 maxPriceAge_) external onlyOwner {
        _setMaxPriceAge(maxPriceAge_);
    }

    /// @notice Sends `amount` of the reserves of `asset` to `to`; only the owner.
    function withdrawReserves(
        address asset,
        uint256 amount,
        address to
    ) external onlyOwner nonReentrant {
        if (amount == 0) revert LendingZeroAmount();
        if (to == address(0)) revert LendingZeroAddress();
        Market storage m = _accrue(asset);
        if (amount > m.reserves) revert LendingInsufficientReserves(asset, m.reserves, amount);
        if (amount > m.cash) revert LendingInsufficientCash(asset, m.cash, amount);
        m.reserves -= amount;
        m.cash -= amount;
        IERC20(asset).safeTransfer(to, amount);
        emit ReservesWithdrawn(asset, to, amount);
    }

    // ---------------------------------------------------------------- user actions

    /// @notice Brings interest of `asset` up to now; anyone.
    function accrueInterest(address asset) external {
        _accrue(asset);
    }

    /// @notice Supplies `amount` of `asset` from the caller, who earns interest on it and may borrow
    /// against it.
    function supply(address asset, uint256 amount) external nonReentrant {
        if (amount == 0) revert LendingZeroAmount();
        Market storage m = _accrue(asset);
        uint256 scaled = _toScaledDown(amount, m.supplyIndex);
        // A deposit worth less than one scaled unit would be a gift to the other suppliers.
        if (scaled == 0) revert LendingZeroAmount();
        IERC20(asset).safeTransferFrom(msg.sender, address(this), amount);
        m.cash += amount;
        m.totalSupplyScaled += scaled;
        supplyScaled[msg.sender][asset] += scaled;
        emit Supplied(asset, msg.sender, amount);
    }

    /// @notice Withdraws `amount` of the caller's supply of `asset` to `to` (type(uint256).max: all of
    /// it), if the account stays within its borrow limit. Returns the amount withdrawn.
    function withdraw(
        address asset,
        uint256 amount,
        address to
    ) external nonReentrant returns (uint256) {
        if (amount == 0) revert LendingZeroAmount();
        if (to == address(0)) revert LendingZeroAddress();
        Market storage m = _accrue(asset);
        uint256 balanceScaled = supplyScaled[msg.sender][asset];
        uint256 scaled;
        if (amount == type(uint256).max) {
            scaled = balanceScaled;
            amount = _toAmountDown(scaled, m.supplyIndex);
            if (amount == 0) revert LendingZeroAmount();
        } else {
            scaled = _toScaledUp(amount, m.supplyIndex);
            if (scaled > balanceScaled) {
                revert LendingInsufficientSupply(
                    msg.sender,
                    asset,
                    _toAmountDown(balanceScaled, m.supplyIndex),
                    amount
                );
            }
        }
        if (amount > m.cash) revert LendingInsufficientCash(asset, m.cash, amount);
        supplyScaled[msg.sender][asset] = balanceScaled - scaled;
        m.totalSupplyScaled -= scaled;
        m.cash -= amount;
        (, uint256 borrowLimit, , uint256 debtValue) = _accountValues(msg.sender);
        if (debtValue > borrowLimit)
            revert LendingWithdrawUnhealthy(msg.sender, debtValue, borrowLimit);
        IERC20(asset).safeTransfer(to, amount);
        emit Withdrawn(asset, msg.sender, to, amount);
        return amount;
    }

    /// @notice Borrows `amount` of `asset` to `to`, against the caller's collateral.
    function borrow(address asset, uint256 amount, address to) external nonReentrant {
        if (amount == 0) revert LendingZeroAmount();
        if (to == address(0)) revert LendingZeroAddress();
        Market storage m = _accrue(asset);
        if (amount > m.cash) revert LendingInsufficientCash(asset, m.cash, amount);
        uint256 scaled = _toScaledUp(amount, m.borrowIndex);
        borrowScaled[msg.sender][asset] += scaled;
        m.totalBorrowScaled += scaled;
        m.cash -= amount;
        (, uint256 borrowLimit, , uint256 debtValue) = _accountValues(msg.sender);
        if (debtValue > borrowLimit)
            revert LendingBorrowAboveCapacity(msg.sender, debtValue, borrowLimit);
        IERC20(asset).safeTransfer(to, amount);
        emit Borrowed(asset, msg.sender, to, amount);
    }

    /// @notice Repays `amount` of the debt of `onBehalfOf` in `asset` from the caller
    /// (type(uint256).max: the whole debt). Returns the amount repaid.
    function repay(
        address asset,
        uint256 amount,
        address onBehalfOf
    ) external nonReentrant returns (uint256) {
        if (amount == 0) revert LendingZeroAmount();
        Market storage m = _accrue(asset);
        uint256 debtScaled = borrowScaled[onBehalfOf][asset];
        uint256 debt = _toAmountUp(debtScaled, m.borrowIndex);
        if (amount == type(uint256).max) {
            amount = debt;
            if (amount == 0) revert LendingZeroAmount();
        } else if (amount > debt) {
            revert LendingRepayAboveDebt(onBehalfOf, asset, debt, amount);
        }
        _reduceDebt(m, onBehalfOf, asset, debtScaled, amount);
        IERC20(asset).safeTransferFrom(msg.sender, address(this), amount);
        emit Repaid(asset, msg.sender, onBehalfOf, amount);
        return amount;
    }

    /// @notice Repays up to the close factor of the debt of an unhealthy `borrower` in `debtAsset` and
    /// takes as much of its `collateralAsset` supply, valued at oracle prices, plus the collateral's
    /// liquidation bonus. When the collateral is worth less than that, all of it is seized and the
    /// repayment shrinks to match. Returns the collateral seized (as a supply balance of the caller).
    function liquidate(
        address borrower,
        address debtAsset,
        address collateralAsset,
        uint256 repayAmount
    ) external nonReentrant returns (uint256 seized) {
        if (repayAmount == 0) revert LendingZeroAmount();
        if (borrower == msg.sender) revert LendingSelfLiquidation(borrower);
        _accrue(debtAsset);
        _accrue(collateralAsset);
        (, , uint256 liquidationLimit, uint256 debtValue) = _accountValues(borrower);
        if (debtValue == 0 || liquidationLimit >= debtValue) {
            revert LendingAccountHealthy(borrower, _healthFactor(liquidationLimit, debtValue));
        }
        uint256 repaid;
        (repaid, seized) = _liquidate(borrower, debtAsset, collateralAsset, repayAmount);
        IERC20(debtAsset).safeTransferFrom(msg.sender, address(this), repaid);
        emit Liquidated(msg.sender, borrower, debtAsset, collateralAsset, repaid, seized);
    }

    // ---------------------------------------------------------------- views

    /// @notice The listed assets, in listing order.
    function assets() external view returns (address[] memory) {
        return _assets;
    }

    /// @notice Rate model, risk parameters and decimals of a listed asset.
    function assetConfig(
        address asset
    )
        external
        view
        returns (IRateModel rateModel, RiskParameters memory parameters, uint8 decimals)
    {
        Market storage m = _listed(asset);
        return (m.rateModel, m.parameters, m.decimals);
    }

    /// @notice State of `asset` as of now (interest included): cash, total borrows, total supplied,
    /// reserves and both indexes.
    function marketState(
        address asset
    )
        external
        view
        returns (
            uint256 cash,
            uint256 totalBorrows,
            uint256 totalSupplied,
            uint256 reserves,
            uint256 borrowIndex,
            uint256 supplyIndex
        )
    {
        Market storage m = _listed(asset);
        (borrowIndex, supplyIndex, reserves, , ) = _previewAccrual(m);
        cash = m.cash;
        totalBorrows = _toAmountUp(m.totalBorrowScaled, borrowIndex);
        totalSupplied = _toAmountDown(m.totalSupplyScaled, supplyIndex);
    }

    /// @notice Supply balance of `account` in `asset` as of now, rounded down.
    function supplyBalanceOf(address account, address asset) external view returns (uint256) {
        (, uint256 supplyIndex, , , ) = _previewAccrual(_listed(asset));
        return _toAmountDown(supplyScaled[account][asset], supplyIndex);
    }

    /// @notice Debt of `account` in `asset` as of now, rounded up.
    function debtOf(address account, address asset) external view returns (uint256) {
        (uint256 borrowIndex, , , , ) = _previewAccrual(_listed(asset));
        return _toAmountUp(borrowScaled[account][asset], borrowIndex);
    }

    /// @notice USD values (18 decimals) of an account: its collateral, the most it may owe
    /// (collateral × collateral factors), the debt at which it becomes liquidatable
    /// (collateral × liquidation thresholds), and its debt.
    function accountValues(
        address account
    )
        external
        view
        returns (
            uint256 collateralValue,
            uint256 borrowLimit,
            uint256 liquidationLimit,
            uint256 debtValue
        )
    {
        return _accountValues(account);
    }

    /// @notice Liquidation limit / debt, WAD; below 1e18 the account can be liquidated.
    /// type(uint256).max without debt.
    function healthFactor(address account) external view returns (uint256) {
        (, , uint256 liquidationLimit, uint256 debtValue) = _accountValues(account);
        return _healthFactor(liquidationLimit, debtValue);
    }

    /// @notice How much more, in USD (18 decimals), `account` may borrow.
    function borrowCapacity(address account) external view returns (uint256) {
        (, uint256 borrowLimit, , uint256 debtValue) = _accountValues(account);
        return borrowLimit > debtValue ? borrowLimit - debtValue : 0;
    }

    /// @notice Utilization of `asset` now, WAD.
    function utilization(address asset) external view returns (uint256) {
        (IRateModel model, uint256 cash, uint256 borrows, uint256 reserves, ) = _rateInputs(asset);
        return model.utilization(cash, borrows, reserves);
    }

    /// @notice Current borrow rate of `asset` per second, WAD.
    function borrowRatePerSecond(address asset) public view returns (uint256) {
        (IRateModel model, uint256 cash, uint256 borrows, uint256 reserves, ) = _rateInputs(asset);
        return model.borrowRatePerSecond(cash, borrows, reserves);
    }

    /// @notice Current supply rate of `asset` per second, WAD.
    function supplyRatePerSecond(address asset) public view returns (uint256) {
        (
            IRateModel model,
            uint256 cash,
            uint256 borrows,
            uint256 reserves,
            uint256 reserveFactorBps
        ) = _rateInputs(asset);
        return model.supplyRatePerSecond(cash, borrows, reserves, reserveFactorBps);
    }

    /// @notice Borrow APR of `asset`, WAD: rate per second × seconds per year.
    function borrowApr(address asset) external view returns (uint256) {
        return borrowRatePerSecond(asset) * SECONDS_PER_YEAR;
    }

    /// @notice Supply APR of `asset`, WAD: rate per second × seconds per year.
    function supplyApr(address asset) external view returns (uint256) {
        return supplyRatePerSecond(asset) * SECONDS_PER_YEAR;
    }

    /// @notice Borrow APY of `asset`, WAD: (1 + rate)^(seconds per year) − 1, the exact per-second
    /// compounding the borrow index applies, rounded down.
    function borrowApy(address asset) external view returns (uint256) {
        return _powDown(WAD + borrowRatePerSecond(asset), SECONDS_PER_YEAR) - WAD;
    }

    /// @notice Supply APY of `asset`, WAD: the current supply rate compounded every second for a year,
    /// rounded down (an estimate: the real supply rate moves as utilization does).
    function supplyApy(address asset) external view returns (uint256) {
        return _powDown(WAD + supplyRatePerSecond(asset), SECONDS_PER_YEAR) - WAD;
    }

    // ---------------------------------------------------------------- internal

    function _setOracle(IPriceOracle oracle_) internal {
        if (address(oracle_) == address(0)) revert LendingZeroAddress();
        oracle = oracle_;
        emit OracleSet(oracle_);
    }

    function _setMaxPriceAge(uint256 maxPriceAge_) internal {
        if (maxPriceAge_ == 0) revert LendingInvalidMaxPriceAge(maxPriceAge_);
        maxPriceAge = maxPriceAge_;
        emit MaxPriceAgeSet(maxPriceAge_);
    }

    /// @dev collateral factor <= liquidation threshold, and threshold × (1 + bonus) <= 100%: a
    /// liquidation then always improves the health factor of an account that still has collateral.
    function _checkParameters(RiskParameters calldata p) internal pure {
        if (
            p.collateralFactorBps > p.liquidationThresholdBps ||
            p.liquidationBonusBps > MAX_LIQUIDATION_BONUS_BPS ||
            uint256(p.liquidationThresholdBps) * (BPS + p.liquidationBonusBps) > BPS * BPS ||
            p.reserveFactorBps > BPS
        ) {
            revert LendingInvalidRiskParameters(
                p.collateralFactorBps,
                p.liquidationThresholdBps,
                p.liquidationBonusBps,
                p.reserveFactorBps
            );
        }
    }

    function _listed(address asset) internal view returns (Market storage m) {
        m = _markets[asset];
        if (!m.listed) revert LendingAssetNotListed(asset);
    }

    /// @dev Writes the interest accrued since the last accrual of `asset`. The grown index is written
    /// even when the interest rounds to no wei: moving the clock without it would drop that growth,
    /// and a market accrued every second would then charge almost nothing.
    function _accrue(address asset) internal returns (Market storage m) {
        m = _listed(asset);
        if (m.lastAccrual == block.timestamp) return m;
        (
            uint256 borrowIndex,
            uint256 supplyIndex,
            uint256 reserves,
            uint256 interest,
            uint256 reservesRemainderBps
        ) = _previewAccrual(m);
        m.lastAccrual = uint64(block.timestamp);
        // The index stood still: nothing is borrowed, or the rate is zero.
        if (borrowIndex == m.borrowIndex) return m;
        emit InterestAccrued(asset, interest, reserves - m.reserves, borrowIndex, supplyIndex);
        m.borrowIndex = borrowIndex;
        m.supplyIndex = supplyIndex;
        m.reserves = reserves;
        // Below BPS by construction.
        m.reservesRemainderBps = uint16(reservesRemainderBps);
    }

    /// @dev Indexes and reserves as an accrual now would write them, the interest it would add and
    /// the reserves' fraction of a wei it would carry on. The interest is the growth of the rounded-up
    /// total borrows, so that the interest of successive accruals adds up to that of one. The reserves
    /// get the reserve factor's share of it, rounded down with the fraction carried from earlier
    /// accruals; the suppliers get the rest through the supply index, rounded down; every wei of
    /// rounding goes to the reserves, so an accrual keeps cash + borrows − supplied − reserves
    /// unchanged.
    function _previewAccrual(
        Market storage m
    )
        internal
        view
        returns (
            uint256 borrowIndex,
            uint256 supplyIndex,
            uint256 reserves,
            uint256 interest,
            uint256 reservesRemainderBps
        )
    {
        borrowIndex = m.borrowIndex;
        supplyIndex = m.supplyIndex;
        reserves = m.reserves;
        reservesRemainderBps = m.reservesRemainderBps;
        uint256 elapsed = block.timestamp - m.lastAccrual;
        if (elapsed == 0 || m.totalBorrowScaled == 0)
            return (borrowIndex, supplyIndex, reserves, 0, reservesRemainderBps);

        uint256 borrows = _toAmountUp(m.totalBorrowScaled, borrowIndex);
        uint256 rate = m.rateModel.borrowRatePerSecond(m.cash, borrows, reserves);
        borrowIndex = Math.mulDiv(borrowIndex, _powDown(WAD + rate, elapsed), WAD);
        interest = _toAmountUp(m.totalBorrowScaled, borrowIndex) - borrows;

        uint256 reservesShareBps = interest * m.parameters.reserveFactorBps + reservesRemainderBps;
        reservesRemainderBps = reservesShareBps % BPS;
        // The reserves' share is at most the interest: reserve factor <= BPS and remainder < BPS.
        uint256 toSuppliers = interest - reservesShareBps / BPS;
        uint256 suppliedBefore = _toAmountDown(m.totalSupplyScaled, supplyIndex);
        // Rounding the index down keeps the growth of the floored total supplied within toSuppliers:
        // floor(x + d) <= floor(x) + toSuppliers for any d <= toSuppliers.
        if (toSuppliers != 0 && m.totalSupplyScaled != 0) {
            supplyIndex += Math.mulDiv(toSuppliers, WAD, m.totalSupplyScaled);
        }
        reserves += interest - (_toAmountDown(m.totalSupplyScaled, supplyIndex) - suppliedBefore);
    }

    function _rateInputs(
        address asset
    )
        internal
        view
        returns (
            IRateModel model,
            uint256 cash,
            uint256 borrows,
            uint256 reserves,
            uint256 reserveFactorBps
        )
    {
        Market storage m = _listed(asset);
        (uint256 borrowIndex, , uint256 reserves_, , ) = _previewAccrual(m);
        return (
            m.rateModel,
            m.cash,
            _toAmountUp(m.totalBorrowScaled, borrowIndex),
            reserves_,
            m.parameters.reserveFactorBps
        );
    }

    /// @dev Lowers the debt of `account` by `amount` (at most all of it) and takes the cash in.
    function _reduceDebt(
        Market storage m,
        address account,
        address asset,
        uint256 debtScaled,
        uint256 amount
    ) internal {
        // Rounding down burns at most the debt's scaled units: repaying the whole (rounded-up) debt
        // yields at least debtScaled, hence the cap.
        uint256 scaled = Math.min(_toScaledDown(amount, m.borrowIndex), debtScaled);
        borrowScaled[account][asset] = debtScaled - scaled;
        m.totalBorrowScaled -= scaled;
        m.cash += amount;
    }

    /// @dev Checks the close factor, then moves the debt and the seized collateral of a liquidation.
    function _liquidate(
        address borrower,
        address debtAsset,
        address collateralAsset,
        uint256 repayAmount
    ) internal returns (uint256 repaid, uint256 seized) {
        Market storage debtMarket = _markets[debtAsset];
        uint256 debtScaled = borrowScaled[borrower][debtAsset];
        uint256 maxRepay = Math.mulDiv(
            _toAmountUp(debtScaled, debtMarket.borrowIndex),
            CLOSE_FACTOR_BPS,
            BPS
        );
        if (repayAmount > maxRepay) revert LendingRepayAboveCloseFactor(repayAmount, maxRepay);

        uint256 collateralScaled = supplyScaled[borrower][collateralAsset];
        uint256 seizedScaled;
        (repaid, seized, seizedScaled) = _seizeAmounts(
            borrower,
            debtAsset,
            collateralAsset,
            repayAmount,
            collateralScaled
        );
        _reduceDebt(debtMarket, borrower, debtAsset, debtScaled, repaid);
        supplyScaled[borrower][collateralAsset] = collateralScaled - seizedScaled;
        supplyScaled[msg.sender][collateralAsset] += seizedScaled;
    }

    /// @dev Collateral worth `repayAmount` of debt plus the bonus, capped at the borrower's balance (then
    /// the repayment shrinks, rounded up, to what the whole balance pays for).
    function _seizeAmounts(
        address borrower,
        address debtAsset,
        address collateralAsset,
        uint256 repayAmount,
        uint256 collateralScaled
    ) internal view returns (uint256 repaid, uint256 seized, uint256 seizedScaled) {
        Market storage collateralMarket = _markets[collateralAsset];
        uint256 collateralBalance = _toAmountDown(collateralScaled, collateralMarket.supplyIndex);
        if (collateralBalance == 0) revert LendingNoCollateral(borrower, collateralAsset);
        uint256 bonus = BPS + collateralMarket.parameters.liquidationBonusBps;
        // Both directions of the conversion share one ratio: debt units to collateral units with bonus.
        uint256 numerator = _price(debtAsset) * bonus * 10 ** collateralMarket.decimals;
        uint256 denominator = _price(collateralAsset) * BPS * 10 ** _markets[debtAsset].decimals;
        seized = Math.mulDiv(repayAmount, numerator, denominator);
        if (seized >= collateralBalance) {
            seized = collateralBalance;
            seizedScaled = collateralScaled;
            repaid = Math.min(
                Math.mulDiv(seized, denominator, numerator, Math.Rounding.Ceil),
                repayAmount
            );
        } else {
            repaid = repayAmount;
            seizedScaled = Math.min(
                _toScaledUp(seized, collateralMarket.supplyIndex),
                collateralScaled
            );
        }
    }

    /// @dev Values of every position of `account` at oracle prices, interest included.
    function _accountValues(
        address account
    )
        internal
        view
        returns (
            uint256 collateralValue,
            uint256 borrowLimit,
            uint256 liquidationLimit,
            uint256 debtValue
        )
    {
        uint256 n = _assets.length;
        for (uint256 i = 0; i < n; ++i) {
            address asset = _assets[i];
            uint256 sScaled = supplyScaled[account][asset];
            uint256 bScaled = borrowScaled[account][asset];
            if (sScaled == 0 && bScaled == 0) continue;
            Market storage m = _markets[asset];
            (uint256 borrowIndex, uint256 supplyIndex, , , ) = _previewAccrual(m);
            uint256 price = _price(asset);
            uint256 unit = 10 ** m.decimals;
            if (sScaled != 0) {
                uint256 value = Math.mulDiv(_toAmountDown(sScaled, supplyIndex), price, unit);
                collateralValue += value;
                borrowLimit += Math.mulDiv(value, m.parameters.collateralFactorBps, BPS);
                liquidationLimit += Math.mulDiv(value, m.parameters.liquidationThresholdBps, BPS);
            }
            if (bScaled != 0) {
                debtValue += Math.mulDiv(
                    _toAmountUp(bScaled, borrowIndex),
                    price,
                    unit,
                    Math.Rounding.Ceil
                );
            }
        }
    }

    /// @dev Oracle price of `asset`, refused when older than maxPriceAge.
    function _price(address asset) internal view returns (uint256 price) {
        uint256 updatedAt;
        (price, updatedAt) = oracle.getPrice(asset);
        if (updatedAt + maxPriceAge < block.timestamp) {
            revert IPriceOracle.OracleStalePrice(asset, updatedAt, maxPriceAge);
        }
    }

    function _healthFactor(
        uint256 liquidationLimit,
        uint256 debtValue
    ) internal pure returns (uint256) {
        if (debtValue == 0) return type(uint256).max;
        return Math.mulDiv(liquidationLimit, WAD, debtValue);
    }

    function _toScaledDown(uint256 amount, uint256 index) internal pure returns (uint256) {
        return Math.mulDiv(amount, WAD, index);
    }

    function _toScaledUp(uint256 amount, uint256 index) internal pure returns (uint256) {
        return Math.mulDiv(amount, WAD, index, Math.Rounding.Ceil);
    }

    function _toAmountDown(uint256 scaled, uint256 index) internal pure returns (uint256) {
        return Math.mulDiv(scaled, index, WAD);
    }

    function _toAmountUp(uint256 scaled, uint256 index) internal pure returns (uint256) {
        return Math.mulDiv(scaled, index, WAD, Math.Rounding.Ceil);
    }

    /// @dev x^n for a WAD `x` by repeated squaring, each product rounded down. Overflows (and reverts)
    /// only when the result would exceed about 1e59, i.e. a rate left to compound for centuries.
    function _powDown(uint256 x, uint256 n) internal pure returns (uint256 z) {
        z = WAD;
        while (n != 0) {
            if (n & 1 == 1) z = Math.mulDiv(z, x, WAD);
            n >>= 1;
            if (n != 0) x = Math.mulDiv(x, x, WAD);
        }
    }
}
