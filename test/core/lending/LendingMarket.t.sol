// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {ILendingMarket} from "../../../contracts/core/lending/ILendingMarket.sol";
import {KinkedRateModel} from "../../../contracts/core/lending/KinkedRateModel.sol";
import {LendingMarket} from "../../../contracts/core/lending/LendingMarket.sol";
import {MockERC20} from "../../../contracts/core/tokens/MockERC20.sol";
import {MockPriceOracle} from "../../../contracts/mocks/MockPriceOracle.sol";
import {Test} from "../../utils/Test.sol";

/// @notice Drives the market as suppliers, borrowers and a liquidator would, moves the WETH price and
/// the clock, and records any action that left its own account above its borrow limit or any index
/// that went down.
contract LendingMarketHandler is Test {
    LendingMarket public immutable market;
    MockPriceOracle public immutable oracle;
    MockERC20 public immutable usd;
    MockERC20 public immutable weth;
    address[4] internal users = [
        address(0xA11CE),
        address(0xB0B),
        address(0xCA401),
        address(0xDA7E)
    ];
    address internal constant LIQUIDATOR = address(0x11D);

    uint256 public wethPrice = 2_000e18;
    bool public unhealthyByOwnAction;
    bool public indexDecreased;
    /// @notice Calls into the market that went through, and those the market refused.
    uint256 public succeeded;
    uint256 public rejected;
    uint256 public liquidations;
    /// @notice Actions that changed balances: each may round the market's totals by one wei.
    uint256 public actions;
    mapping(address asset => uint256) public lastBorrowIndex;
    mapping(address asset => uint256) public lastSupplyIndex;

    constructor(LendingMarket market_, MockPriceOracle oracle_, MockERC20 usd_, MockERC20 weth_) {
        market = market_;
        oracle = oracle_;
        usd = usd_;
        weth = weth_;
        address[5] memory everyone = [users[0], users[1], users[2], users[3], LIQUIDATOR];
        for (uint256 i = 0; i < everyone.length; ++i) {
            vm.startPrank(everyone[i]);
            usd.approve(address(market), type(uint256).max);
            weth.approve(address(market), type(uint256).max);
            vm.stopPrank();
        }
    }

    function supply(uint256 userSeed, bool isWeth, uint256 amount) external {
        address user = users[userSeed % users.length];
        MockERC20 token = isWeth ? weth : usd;
        amount = bound(amount, 1, isWeth ? 1_000e18 : 2_000_000e6);
        token.faucet(user, amount);
        vm.prank(user);
        try market.supply(address(token), amount) {
            ++succeeded;
        } catch {
            ++rejected;
        }
        _afterAction();
    }

    function withdraw(uint256 userSeed, bool isWeth, uint256 amount) external {
        address user = users[userSeed % users.length];
        address asset = address(isWeth ? weth : usd);
        uint256 balance = market.supplyBalanceOf(user, asset);
        if (balance == 0) return;
        amount = bound(amount, 1, balance);
        vm.prank(user);
        try market.withdraw(asset, amount, user) {
            ++succeeded;
            _checkOwnAction(user);
        } catch {
            ++rejected;
        }
        _afterAction();
    }

    function borrow(uint256 userSeed, bool isWeth, uint256 amount) external {
        address user = users[userSeed % users.length];
        address asset = address(isWeth ? weth : usd);
        // Up to a tenth above the account's remaining capacity: most borrows go through, some close
        // to the limit, a few are refused.
        uint256 capacityUsd = market.borrowCapacity(user);
        uint256 capacity = isWeth ? (capacityUsd * 1e18) / wethPrice : capacityUsd / 1e12;
        amount = bound(amount, 1, capacity + capacity / 10 + 1);
        vm.prank(user);
        try market.borrow(asset, amount, user) {
            ++succeeded;
            _checkOwnAction(user);
        } catch {
            ++rejected;
        }
        _afterAction();
    }

    function repay(uint256 userSeed, bool isWeth, uint256 amount) external {
        address user = users[userSeed % users.length];
        MockERC20 token = isWeth ? weth : usd;
        uint256 debt = market.debtOf(user, address(token));
        if (debt == 0) return;
        amount = bound(amount, 1, debt);
        token.faucet(user, amount);
        vm.prank(user);
        try market.repay(address(token), amount, user) {
            ++succeeded;
        } catch {
            ++rejected;
        }
        _afterAction();
    }

    /// @notice Liquidates the first unhealthy user (from a random start) with debt in the chosen asset.
    function liquidate(uint256 userSeed, bool debtIsWeth, uint256 amount) external {
        (address debtAsset, address collateral) = debtIsWeth
            ? (address(weth), address(usd))
            : (address(usd), address(weth));
        for (uint256 i = 0; i < users.length; ++i) {
            address borrower = users[(userSeed + i) % users.length];
            uint256 debt = market.debtOf(borrower, debtAsset);
            if (debt < 2 || market.healthFactor(borrower) >= 1e18) continue;
            amount = bound(amount, 1, debt / 2);
            MockERC20(debtAsset).faucet(LIQUIDATOR, amount);
            vm.prank(LIQUIDATOR);
            try market.liquidate(borrower, debtAsset, collateral, amount) {
                ++succeeded;
                ++liquidations;
            } catch {
                ++rejected;
            }
            _afterAction();
            return;
        }
    }

    /// @notice Moves WETH by up to ±30% within $100–$10,000.
    function movePrice(uint256 moveBps) external {
        moveBps = bound(moveBps, 7_000, 13_000);
        uint256 price = (wethPrice * moveBps) / 10_000;
        if (price < 100e18) price = 100e18;
        if (price > 10_000e18) price = 10_000e18;
        wethPrice = price;
        oracle.setPrice(address(weth), price);
    }

    /// @notice Lets up to 30 days pass, with fresh prices at the new time.
    function passTime(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1, 30 days));
        oracle.setPrice(address(weth), wethPrice);
        oracle.setPrice(address(usd), 1e18);
        market.accrueInterest(address(usd));
        market.accrueInterest(address(weth));
        _afterAction();
    }

    function _checkOwnAction(address user) internal {
        (, uint256 borrowLimit, , uint256 debtValue) = market.accountValues(user);
        if (debtValue > borrowLimit) unhealthyByOwnAction = true;
    }

    function _afterAction() internal {
        ++actions;
        address[2] memory assets = [address(usd), address(weth)];
        for (uint256 i = 0; i < 2; ++i) {
            (, , , , uint256 borrowIndex, uint256 supplyIndex) = market.marketState(assets[i]);
            if (borrowIndex < lastBorrowIndex[assets[i]]) indexDecreased = true;
            if (supplyIndex < lastSupplyIndex[assets[i]]) indexDecreased = true;
            lastBorrowIndex[assets[i]] = borrowIndex;
            lastSupplyIndex[assets[i]] = supplyIndex;
        }
    }
}

contract LendingMarketTest is Test {
    LendingMarket internal market;
    MockPriceOracle internal oracle;
    MockERC20 internal usd;
    MockERC20 internal weth;
    LendingMarketHandler internal handler;

    function setUp() public {
        usd = new MockERC20("USD", "USD", 6);
        weth = new MockERC20("Wrapped Ether", "WETH", 18);
        oracle = new MockPriceOracle();
        oracle.setPrice(address(usd), 1e18);
        oracle.setPrice(address(weth), 2_000e18);
        market = new LendingMarket(address(this), oracle, 1 hours);
        KinkedRateModel model = new KinkedRateModel(0.02e18, 0.1e18, 2e18, 0.8e18);
        market.listAsset(
            address(usd),
            model,
            ILendingMarket.RiskParameters(8_000, 8_500, 500, 1_000)
        );
        market.listAsset(
            address(weth),
            model,
            ILendingMarket.RiskParameters(7_500, 8_000, 1_000, 1_500)
        );
        // A deep-pocketed supplier, so that borrowers find cash from the first call.
        usd.faucet(address(this), 5_000_000e6);
        weth.faucet(address(this), 2_000e18);
        usd.approve(address(market), type(uint256).max);
        weth.approve(address(market), type(uint256).max);
        market.supply(address(usd), 5_000_000e6);
        market.supply(address(weth), 2_000e18);
        handler = new LendingMarketHandler(market, oracle, usd, weth);
        targetContract(address(handler));
    }

    function invariant_borrowsNeverExceedSuppliedPlusReserves() public view {
        _checkAccounting(address(usd));
        _checkAccounting(address(weth));
    }

    function invariant_noAccountUnhealthyByItsOwnAction() public view {
        assertTrue(
            !handler.unhealthyByOwnAction(),
            "a borrow or withdrawal left its account unhealthy"
        );
    }

    function invariant_indexesNeverDecrease() public view {
        assertTrue(!handler.indexDecreased(), "an index went down");
        (, , , , uint256 borrowIndex, uint256 supplyIndex) = market.marketState(address(usd));
        assertGe(borrowIndex, 1e18, "borrow index below its start");
        assertGe(supplyIndex, 1e18, "supply index below its start");
    }

    /// @dev total borrows <= total supplied + reserves, from cash + borrows = supplied + reserves, both
    /// up to one wei of rounding per action; and the cash counted internally equals the tokens held
    /// (the handler donates nothing).
    function _checkAccounting(address asset) internal view {
        (uint256 cash, uint256 totalBorrows, uint256 totalSupplied, uint256 reserves, , ) = market
            .marketState(asset);
        uint256 dust = handler.actions();
        assertLe(
            totalBorrows,
            totalSupplied + reserves + dust,
            "borrows above supplied + reserves"
        );
        assertApproxEqAbs(
            cash + totalBorrows,
            totalSupplied + reserves,
            dust,
            "cash + borrows != supplied + reserves"
        );
        assertEq(cash, IERC20(asset).balanceOf(address(market)), "cash differs from holdings");
    }

    function testFuzz_borrowAtMostTheCollateralFactor(uint256 collateral, uint256 amount) public {
        collateral = bound(collateral, 1e15, 1_000e18);
        usd.faucet(address(this), 10_000_000e6);
        usd.approve(address(market), type(uint256).max);
        market.supply(address(usd), 10_000_000e6);
        address borrower = address(0xB0B);
        weth.faucet(borrower, collateral);
        vm.startPrank(borrower);
        weth.approve(address(market), collateral);
        market.supply(address(weth), collateral);
        // Limit in USD (18 decimals) = collateral × $2,000 × 75%; in USDC units, / 1e12.
        uint256 limit = (collateral * 2_000 * 7_500) / 10_000;
        amount = bound(amount, 1, (limit / 1e12) * 2 + 1);
        if (amount * 1e12 > limit) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    ILendingMarket.LendingBorrowAboveCapacity.selector,
                    borrower,
                    amount * 1e12,
                    limit
                )
            );
        }
        market.borrow(address(usd), amount, borrower);
        vm.stopPrank();
    }
}

/// @notice Two markets opened alike; the handler accrues one of them every 1 to 12 seconds, as a
/// borrower who wants its debt frozen would, and never touches the other.
contract InterestPathHandler is Test {
    LendingMarket public immutable touched;
    address public immutable asset;
    /// @notice Accruals of the touched market so far.
    uint256 public touches;

    constructor(LendingMarket touched_, address asset_) {
        touched = touched_;
        asset = asset_;
    }

    /// @notice Lets a block's worth of seconds pass, then accrues the touched market.
    function accrue(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1, 12));
        touched.accrueInterest(asset);
        ++touches;
    }
}

/// @notice Interest is path-independent: a market accrued every few seconds owes, earns and keeps what
/// an identical market accrued once owes, earns and keeps, up to the rounding bounds the market states.
contract LendingMarketInterestPathTest is Test {
    address internal constant SUPPLIER = address(0x5A11);
    address internal constant BORROWER = address(0xB0B);

    MockERC20 internal usd;
    MockERC20 internal weth;
    MockPriceOracle internal oracle;
    LendingMarket internal touched;
    LendingMarket internal untouched;
    InterestPathHandler internal handler;
    uint256 internal start;

    function setUp() public {
        usd = new MockERC20("USD", "USD", 6);
        weth = new MockERC20("Wrapped Ether", "WETH", 18);
        oracle = new MockPriceOracle();
        oracle.setPrice(address(usd), 1e18);
        oracle.setPrice(address(weth), 2_000e18);
        // 0.04% a year at any utilization: the sandbox's stablecoin rate at 1% utilization, so that a
        // second's interest on 10,000 USDC is 0.127 wei.
        KinkedRateModel flat = new KinkedRateModel(0.0004e18, 0, 0, 1e18);
        touched = _openMarket(flat, 1_000, 1_000_000e6, 10_000e6);
        untouched = _openMarket(flat, 1_000, 1_000_000e6, 10_000e6);
        start = block.timestamp;
        handler = new InterestPathHandler(touched, address(usd));
        targetContract(address(handler));
    }

    function invariant_interestIsPathIndependent() public view {
        _assertSameBooks(touched, untouched, block.timestamp - start, handler.touches());
    }

    /// @notice The same over 40 accruals at random gaps of up to a minute, for any principal up to
    /// 1,000,000 USDC, supply up to 1e12 USDC, rate up to 100% a year and any reserve factor.
    function testFuzz_interestIsPathIndependent(
        uint256 principal,
        uint256 supplied,
        uint256 ratePerYear,
        uint256 reserveFactorBps,
        uint256 gapSeed
    ) public {
        principal = bound(principal, 1, 1_000_000e6);
        supplied = bound(supplied, principal, 1e18);
        ratePerYear = bound(ratePerYear, 0, 1e18);
        reserveFactorBps = bound(reserveFactorBps, 0, 10_000);
        KinkedRateModel flat = new KinkedRateModel(ratePerYear, 0, 0, 1e18);
        LendingMarket often = _openMarket(flat, reserveFactorBps, supplied, principal);
        LendingMarket once = _openMarket(flat, reserveFactorBps, supplied, principal);
        uint256 openedAt = block.timestamp;
        uint256 touches = 40;
        for (uint256 i = 0; i < touches; ++i) {
            uint256 gap = bound(uint256(keccak256(abi.encode(gapSeed, i))), 1, 60);
            vm.warp(block.timestamp + gap);
            often.accrueInterest(address(usd));
        }
        once.accrueInterest(address(usd));
        _assertSameBooks(often, once, block.timestamp - openedAt, touches);
    }

    /// @dev `supplied` USD from SUPPLIER, `principal` borrowed by BORROWER against 1,000 WETH.
    function _openMarket(
        KinkedRateModel model,
        uint256 reserveFactorBps,
        uint256 supplied,
        uint256 principal
    ) internal returns (LendingMarket market) {
        market = new LendingMarket(address(this), oracle, 1 hours);
        market.listAsset(
            address(usd),
            model,
            ILendingMarket.RiskParameters(8_000, 8_500, 500, uint16(reserveFactorBps))
        );
        market.listAsset(
            address(weth),
            model,
            ILendingMarket.RiskParameters(7_500, 8_000, 1_000, 1_500)
        );
        usd.faucet(SUPPLIER, supplied);
        vm.startPrank(SUPPLIER);
        usd.approve(address(market), supplied);
        market.supply(address(usd), supplied);
        vm.stopPrank();
        weth.faucet(BORROWER, 1_000e18);
        vm.startPrank(BORROWER);
        weth.approve(address(market), 1_000e18);
        market.supply(address(weth), 1_000e18);
        market.borrow(address(usd), principal, BORROWER);
        vm.stopPrank();
    }

    /// @dev Debts within 1 wei, supply balances within 2, reserves within 3 (the stated bounds), plus
    /// the indexes' own rounding, in units of 1e-18 of the scaled totals: an accrual over g seconds
    /// rounds the borrow index by under 2g + 1 units (each squaring doubles the errors before it),
    /// so both paths together by under 4 × elapsed + touches + 1; the supply index by under 1 unit
    /// per accrual. None of it reaches a wei at the sizes tested here but the largest supplies.
    function _assertSameBooks(
        LendingMarket a,
        LendingMarket b,
        uint256 elapsed,
        uint256 touches
    ) internal view {
        address asset = address(usd);
        uint256 debtRounding =
            ((4 * elapsed + touches + 1) * a.borrowScaled(BORROWER, asset)) / 1e18;
        uint256 supplyRounding = ((touches + 1) * a.supplyScaled(SUPPLIER, asset)) / 1e18;
        assertApproxEqAbs(
            a.debtOf(BORROWER, asset),
            b.debtOf(BORROWER, asset),
            1 + debtRounding,
            "debt accrued often vs once"
        );
        assertApproxEqAbs(
            a.supplyBalanceOf(SUPPLIER, asset),
            b.supplyBalanceOf(SUPPLIER, asset),
            2 + debtRounding + supplyRounding,
            "supply balance accrued often vs once"
        );
        (, , , uint256 reservesA, , ) = a.marketState(asset);
        (, , , uint256 reservesB, , ) = b.marketState(asset);
        assertApproxEqAbs(
            reservesA,
            reservesB,
            3 + 2 * debtRounding + supplyRounding,
            "reserves accrued often vs once"
        );
    }
}
