// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {AmmFactory} from "../../../contracts/core/amm/AmmFactory.sol";
import {AmmPair} from "../../../contracts/core/amm/AmmPair.sol";
import {AmmRouter} from "../../../contracts/core/amm/AmmRouter.sol";
import {IUniswapV2Pair} from "../../../contracts/core/amm/interfaces/IUniswapV2Pair.sol";
import {IUniswapV2Router02} from "../../../contracts/core/amm/interfaces/IUniswapV2Router02.sol";
import {Farm} from "../../../contracts/core/farming/Farm.sol";
import {IPriceOracle} from "../../../contracts/core/oracles/IPriceOracle.sol";
import {ReporterOracle} from "../../../contracts/core/oracles/ReporterOracle.sol";
import {TwapOracle} from "../../../contracts/core/oracles/TwapOracle.sol";
import {MockERC20} from "../../../contracts/core/tokens/MockERC20.sol";
import {RewardToken} from "../../../contracts/core/tokens/RewardToken.sol";
import {WETH} from "../../../contracts/core/tokens/WETH.sol";
import {AutoCompoundingVault} from "../../../contracts/core/vault/AutoCompoundingVault.sol";
import {IAutoCompoundingVault} from "../../../contracts/core/vault/IAutoCompoundingVault.sol";
import {Test} from "../../utils/Test.sol";

/// @notice A small sandbox for the vault: WETH/USDC and RWD/WETH pools, their TWAP oracles, a reporter
/// oracle with one reporter that reports the outside world ($1 RWD, $2,000 WETH, $1 USDC), a farm
/// paying 0.1 RWD a second to the WETH/USDC LP, and the vault over it. Three actors hold LP.
contract VaultWorld is Test {
    uint32 internal constant TWAP_PERIOD = 600;
    uint256 internal constant UNLOCK = 6 hours;
    uint256 internal constant FEE_BPS = 1_000;
    uint256 internal constant SLIPPAGE_BPS = 300;
    uint256 internal constant ACTOR_LP_WETH = 50e18;
    uint256 internal constant MAX_PRICE_AGE = 1 hours;
    uint256 internal constant PRICE_RWD = 1e18;
    uint256 internal constant PRICE_WETH = 2_000e18;
    uint256 internal constant PRICE_USDC = 1e18;

    WETH internal weth;
    MockERC20 internal usdc;
    RewardToken internal reward;
    AmmRouter internal router;
    AmmPair internal lp;
    AmmPair internal rewardPair;
    Farm internal farm;
    ReporterOracle internal reporterOracle;
    AutoCompoundingVault internal vault;
    address internal constant KEEPER = address(0x4EE9E4);
    address internal constant REPORTER = address(0x4E9047);
    address internal constant TREASURY = address(0x7EA5);
    address[3] internal actors = [address(0xA11CE), address(0xB0B), address(0xCA401)];

    function _buildWorld() internal {
        weth = new WETH();
        usdc = new MockERC20("USD Coin", "USDC", 6);
        reward = new RewardToken(address(this), 1e30);
        AmmFactory factory = new AmmFactory(address(this));
        router = new AmmRouter(address(factory), address(weth));
        lp = AmmPair(factory.createPair(address(weth), address(usdc)));
        rewardPair = AmmPair(factory.createPair(address(reward), address(weth)));

        reward.grantRole(reward.MINTER_ROLE(), address(this));
        _seedWethUsdc(1_000e18, address(this));
        reward.mint(address(rewardPair), 1_000_000e18);
        _wrap(address(rewardPair), 500e18);
        rewardPair.mint(address(this));

        farm = new Farm(reward, 0.1e18, 0, 365 days, 0, 1, address(this));
        reward.grantRole(reward.MINTER_ROLE(), address(farm));
        farm.add(1, IERC20(address(lp)));
        address[] memory reporters = new address[](1);
        reporters[0] = REPORTER;
        reporterOracle = new ReporterOracle(address(this), reporters, 1, 1_000, 1 hours);
        vault = new AutoCompoundingVault(
            IAutoCompoundingVault.Config({
                lpToken: IUniswapV2Pair(address(lp)),
                farm: farm,
                pid: 0,
                router: IUniswapV2Router02(address(router)),
                rewardOracle: new TwapOracle(IUniswapV2Pair(address(rewardPair)), TWAP_PERIOD),
                pairOracle: new TwapOracle(IUniswapV2Pair(address(lp)), TWAP_PERIOD),
                priceOracle: IPriceOracle(address(reporterOracle)),
                maxPriceAge: MAX_PRICE_AGE,
                profitUnlockTime: UNLOCK,
                treasury: TREASURY,
                keeper: KEEPER,
                performanceFeeBps: FEE_BPS,
                maxSlippageBps: SLIPPAGE_BPS
            }),
            "Vault",
            "V",
            address(this)
        );
        for (uint256 i = 0; i < actors.length; ++i) {
            _seedWethUsdc(ACTOR_LP_WETH, actors[i]);
            vm.prank(actors[i]);
            lp.approve(address(vault), type(uint256).max);
        }
        // The TWAP windows can close from now on.
        vm.warp(block.timestamp + TWAP_PERIOD);
        _report();
    }

    /// @dev The reporter reports the outside world's prices, as its bot does whenever time passes.
    function _report() internal {
        vm.startPrank(REPORTER);
        reporterOracle.submit(address(reward), PRICE_RWD);
        reporterOracle.submit(address(weth), PRICE_WETH);
        reporterOracle.submit(address(usdc), PRICE_USDC);
        vm.stopPrank();
    }

    /// @dev Adds WETH and USDC to the WETH/USDC pool at its 2,000 USDC per WETH and mints LP to `to`.
    function _seedWethUsdc(uint256 wethAmount, address to) internal {
        usdc.faucet(address(lp), (wethAmount * 2_000) / 1e12);
        _wrap(address(lp), wethAmount);
        lp.mint(to);
    }

    function _wrap(address to, uint256 amount) internal {
        vm.deal(address(this), amount);
        weth.deposit{value: amount}();
        weth.transfer(to, amount);
    }
}

/// @notice Drives the vault with random deposits, mints, withdrawals, redemptions, harvests, LP
/// donations, swaps that push either pool, an arbitrageur that trades both back to the outside
/// prices, and time jumps of up to 30 days (after which the reporter reports again, or not), as the
/// invariant fuzzer's only target. Flags any deposit or mint whose shares are worth more than it paid,
/// any preview the action then does not honour, any harvest that reverts while the outside prices are
/// fresh, any harvest that sells other than the closed form's amount or takes another fee, and any
/// harvest that sells nothing from a pool at the outside price with rewards to sell.
contract VaultHandler is Test {
    uint256 internal constant BPS = 10_000;
    uint256 internal constant Q112 = 2 ** 112;

    AutoCompoundingVault public immutable vault;
    AmmPair public immutable lp;
    AmmPair public immutable rewardPair;
    AmmRouter public immutable router;
    ReporterOracle public immutable reporterOracle;
    RewardToken public immutable reward;
    address public immutable keeper;
    address public immutable reporter;
    address public immutable treasury;
    address[3] internal actors;
    /// @dev The outside prices the reporter reports: RWD, WETH and USDC, USD per whole token.
    uint256[3] internal prices;

    bool public sharesForFree;
    bool public previewBroken;
    bool public saleOffClosedForm;
    bool public feeOffRate;
    bool public stalledAtOutsidePrice;
    uint256 public harvests;
    uint256 public unexpectedReverts;
    /// @dev Harvests that sold something while RWD was left unsold: the backlog path ran.
    uint256 public partialSales;

    constructor(
        AutoCompoundingVault vault_,
        AmmRouter router_,
        AmmPair rewardPair_,
        ReporterOracle reporterOracle_,
        address[3] memory roles, // keeper, reporter, treasury
        address[3] memory actors_,
        uint256[3] memory prices_
    ) {
        (vault, router, rewardPair, reporterOracle) = (
            vault_,
            router_,
            rewardPair_,
            reporterOracle_
        );
        (keeper, reporter, treasury) = (roles[0], roles[1], roles[2]);
        (actors, prices) = (actors_, prices_);
        lp = AmmPair(vault_.asset());
        reward = RewardToken(address(vault_.rewardToken()));
    }

    function deposit(uint256 actorSeed, uint256 assets) external {
        address actor = actors[actorSeed % actors.length];
        assets = bound(assets, 0, lp.balanceOf(actor));
        uint256 preview = vault.previewDeposit(assets);
        vm.prank(actor);
        uint256 shares = vault.deposit(assets, actor);
        if (shares != preview) previewBroken = true;
        if (vault.convertToAssets(shares) > assets) sharesForFree = true;
    }

    function mint(uint256 actorSeed, uint256 shares) external {
        address actor = actors[actorSeed % actors.length];
        shares = bound(shares, 0, vault.convertToShares(lp.balanceOf(actor)));
        uint256 preview = vault.previewMint(shares);
        if (preview > lp.balanceOf(actor)) return;
        vm.prank(actor);
        uint256 assets = vault.mint(shares, actor);
        if (assets != preview) previewBroken = true;
        if (vault.convertToAssets(shares) > assets) sharesForFree = true;
    }

    function withdraw(uint256 actorSeed, uint256 assets) external {
        address actor = actors[actorSeed % actors.length];
        assets = bound(assets, 0, vault.maxWithdraw(actor));
        uint256 preview = vault.previewWithdraw(assets);
        vm.prank(actor);
        uint256 shares = vault.withdraw(assets, actor, actor);
        if (shares != preview) previewBroken = true;
    }

    function redeem(uint256 actorSeed, uint256 shares) external {
        address actor = actors[actorSeed % actors.length];
        shares = bound(shares, 0, vault.maxRedeem(actor));
        uint256 preview = vault.previewRedeem(shares);
        vm.prank(actor);
        uint256 assets = vault.redeem(shares, actor, actor);
        if (assets != preview) previewBroken = true;
    }

    /// @dev Harvests and checks the sale against the closed form, computed from the state before.
    function harvest() external {
        bool fresh = _pricesFresh();
        (uint256 reserveIn, uint256 reserveOut) = _reserves(rewardPair, address(reward));
        uint256 outside = _outsideX112(prices[0], prices[1]);
        bool atOutside = _within(Math.mulDiv(reserveOut, Q112, reserveIn), outside, 30);
        uint256 held =
            reward.balanceOf(address(vault)) +
                vault.farm().pendingReward(vault.pid(), address(vault));
        uint256 inPair = reward.balanceOf(address(rewardPair));
        uint256 inTreasury = reward.balanceOf(treasury);
        vm.prank(keeper);
        try vault.harvest() {
            harvests++;
        } catch {
            if (fresh) unexpectedReverts++;
            return;
        }
        uint256 sold = reward.balanceOf(address(rewardPair)) - inPair;
        uint256 fee = reward.balanceOf(treasury) - inTreasury;
        if (fee != ((fee + sold) * vault.performanceFeeBps()) / BPS) feeOffRate = true;
        // The window the harvest closed (when it was due) is the one it priced the sale with.
        TwapOracle twap = vault.rewardOracle();
        uint256 average =
            address(reward) == twap.token0() ? twap.price0Average() : twap.price1Average();
        if (sold != _expectedSale(held, reserveIn, reserveOut, outside, average)) {
            saleOffClosedForm = true;
        }
        if (sold != 0 && sold + fee < held) partialSales++;
        if (atOutside && average <= (outside * 101) / 100 && held >= 1e18 && sold == 0) {
            stalledAtOutsidePrice = true;
        }
    }

    function donate(uint256 actorSeed, uint256 assets) external {
        address actor = actors[actorSeed % actors.length];
        uint256 held = lp.balanceOf(actor);
        if (held == 0) return;
        assets = bound(assets, 1, held);
        vm.prank(actor);
        lp.transfer(address(vault), assets);
    }

    /// @dev Pushes the WETH/USDC price by swapping up to 2% of a reserve straight at the pair.
    function swap(bool wethIn, uint256 amountIn) external {
        address tokenIn = wethIn ? router.WETH() : _otherOf(lp, router.WETH());
        (uint256 reserveIn, ) = _reserves(lp, tokenIn);
        _swapAt(lp, tokenIn, bound(amountIn, 1, reserveIn / 50));
    }

    /// @dev Pushes the RWD/WETH price by swapping up to 20% of a reserve straight at the pair.
    function skewReward(bool rewardIn, uint256 amountIn) external {
        address tokenIn = rewardIn ? address(reward) : router.WETH();
        (uint256 reserveIn, ) = _reserves(rewardPair, tokenIn);
        _swapAt(rewardPair, tokenIn, bound(amountIn, 1, reserveIn / 5));
    }

    /// @dev The outside market: trades both pools back to the reporter's prices.
    function arbitrage() external {
        _arbitrage(rewardPair, address(reward), prices[0], router.WETH(), prices[1]);
        _arbitrage(lp, router.WETH(), prices[1], _otherOf(lp, router.WETH()), prices[2]);
    }

    /// @dev Moves time up to 30 days; the reporter reports again afterwards unless `silent`.
    function warp(uint256 seconds_, bool silent) external {
        vm.warp(block.timestamp + bound(seconds_, 1, 30 days));
        if (silent) return;
        vm.startPrank(reporter);
        reporterOracle.submit(address(reward), prices[0]);
        reporterOracle.submit(router.WETH(), prices[1]);
        reporterOracle.submit(_otherOf(lp, router.WETH()), prices[2]);
        vm.stopPrank();
    }

    // ---------------------------------------------------------------- closed forms

    /// @dev What a harvest holding `held` RWD sells: nothing into a pool more than 0.3% below the
    /// outside price; else the largest x with 997·x·rOut / (1000·rIn + 997·x) >= x · p, p = the
    /// higher of TWAP and outside price less the slippage bound, x = (997·rOut / p − 1000·rIn) / 997,
    /// of which the fee is taken first; nothing when that sale is worth nothing at p.
    function _expectedSale(
        uint256 held,
        uint256 reserveIn,
        uint256 reserveOut,
        uint256 outside,
        uint256 average
    ) internal view returns (uint256 sold) {
        if (held == 0) return 0;
        uint256 spot = Math.mulDiv(reserveOut, Q112, reserveIn);
        if (spot < Math.mulDiv(outside, BPS - 30, BPS)) return 0;
        uint256 minPrice = Math.mulDiv(
            Math.max(average, outside),
            BPS - vault.maxSlippageBps(),
            BPS
        );
        uint256 scaled = Math.mulDiv(997 * reserveOut, Q112, minPrice);
        uint256 fits = scaled > 1000 * reserveIn ? (scaled - 1000 * reserveIn) / 997 : 0;
        uint256 feeBps = vault.performanceFeeBps();
        sold = held - (held * feeBps) / BPS;
        if (sold > fits) {
            uint256 processed = (fits * BPS) / (BPS - feeBps);
            sold = processed - (processed * feeBps) / BPS;
        }
        if (Math.mulDiv(sold, minPrice, Q112) == 0) return 0;
    }

    /// @dev Price of a base unit of RWD (or WETH) in base units of the other pool token, UQ112x112.
    function _outsideX112(uint256 priceIn, uint256 priceOut) internal pure returns (uint256) {
        // RWD and WETH both have 18 decimals.
        return Math.mulDiv(priceIn, Q112, priceOut);
    }

    function _within(uint256 value, uint256 target, uint256 bps) internal pure returns (bool) {
        uint256 distance = value > target ? value - target : target - value;
        return distance * BPS <= target * bps;
    }

    // ---------------------------------------------------------------- pools

    /// @dev Sends the token whose pool price is above its outside price into the pool until it is
    /// not (to the rounding of the root).
    function _arbitrage(
        AmmPair pair,
        address tokenA,
        uint256 priceA,
        address tokenB,
        uint256 priceB
    ) internal {
        // Outside price of A in base units of B: priceA · unitB / (priceB · unitA).
        uint256 tn = priceA * 10 ** MockERC20(tokenB).decimals();
        uint256 td = priceB * 10 ** MockERC20(tokenA).decimals();
        (uint256 reserveA, uint256 reserveB) = _reserves(pair, tokenA);
        if (reserveB * td > reserveA * tn) _sellDownTo(pair, tokenA, tn, td);
        else _sellDownTo(pair, tokenB, td, tn);
    }

    /// @dev Swaps in the `tokenIn` that brings its pool price down to tn / td: the positive root of
    /// 997·x² + 1997·rIn·x − 1000·rIn·(td·rOut − tn·rIn) / tn = 0, from rOut·1000·rIn /
    /// (1000·rIn + 997·x) = (tn / td)·(rIn + x).
    function _sellDownTo(AmmPair pair, address tokenIn, uint256 tn, uint256 td) internal {
        (uint256 rIn, uint256 rOut) = _reserves(pair, tokenIn);
        if (td * rOut <= tn * rIn) return;
        uint256 b = 1997 * rIn;
        uint256 c = Math.mulDiv(4 * 997 * 1000 * rIn, td * rOut - tn * rIn, tn);
        uint256 x = (Math.sqrt(b * b + c) - b) / (2 * 997);
        if (x != 0) _swapAt(pair, tokenIn, x);
    }

    function _swapAt(AmmPair pair, address tokenIn, uint256 amountIn) internal {
        (uint256 reserveIn, uint256 reserveOut) = _reserves(pair, tokenIn);
        uint256 out = (amountIn * 997 * reserveOut) / (reserveIn * 1000 + amountIn * 997);
        if (out == 0) return;
        if (tokenIn == router.WETH()) {
            vm.deal(address(this), amountIn);
            WETH(payable(tokenIn)).deposit{value: amountIn}();
            IERC20(tokenIn).transfer(address(pair), amountIn);
        } else if (tokenIn == address(reward)) {
            reward.mint(address(pair), amountIn);
        } else {
            MockERC20(tokenIn).faucet(address(pair), amountIn);
        }
        if (tokenIn == pair.token0()) pair.swap(0, out, address(this), "");
        else pair.swap(out, 0, address(this), "");
    }

    function _reserves(
        AmmPair pair,
        address token
    ) internal view returns (uint256 reserveToken, uint256 reserveOther) {
        (uint112 reserve0, uint112 reserve1, ) = pair.getReserves();
        (reserveToken, reserveOther) = token == pair.token0()
            ? (uint256(reserve0), uint256(reserve1))
            : (uint256(reserve1), uint256(reserve0));
    }

    function _otherOf(AmmPair pair, address token) internal view returns (address) {
        return token == pair.token0() ? pair.token1() : pair.token0();
    }

    /// @dev Whether every price the vault may read is within its max age.
    function _pricesFresh() internal view returns (bool) {
        address[3] memory assets = [address(reward), router.WETH(), _otherOf(lp, router.WETH())];
        for (uint256 i = 0; i < assets.length; ++i) {
            (, uint256 updatedAt) = reporterOracle.getPrice(assets[i]);
            if (updatedAt + vault.maxPriceAge() < block.timestamp) return false;
        }
        return true;
    }
}

contract AutoCompoundingVaultTest is VaultWorld {
    VaultHandler internal handler;

    function setUp() public {
        _buildWorld();
        handler = new VaultHandler(
            vault,
            router,
            rewardPair,
            reporterOracle,
            [KEEPER, REPORTER, TREASURY],
            actors,
            [PRICE_RWD, PRICE_WETH, PRICE_USDC]
        );
        reward.grantRole(reward.MINTER_ROLE(), address(handler));
        targetContract(address(handler));
    }

    // ---------------------------------------------------------------- invariants

    function invariant_assetsCoverEveryShareAtTheReportedPrice() public view {
        assertLe(
            vault.convertToAssets(vault.totalSupply()),
            vault.totalAssets(),
            "shares worth more than the assets"
        );
    }

    function invariant_totalAssetsAreStakedInTheFarm() public view {
        (uint128 staked, , ) = farm.userInfo(0, address(vault));
        assertLe(vault.totalAssets(), vault.totalStaked(), "totalAssets above totalStaked");
        assertLe(vault.totalStaked(), staked, "totalStaked above the farm stake");
    }

    function invariant_noDepositMintsSharesForFree() public view {
        assertTrue(
            !handler.sharesForFree(),
            "a deposit or mint got shares worth more than it paid"
        );
    }

    function invariant_previewsMatchTheActions() public view {
        assertTrue(!handler.previewBroken(), "an action did not do what its preview said");
    }

    /// @notice The vault's harvest always makes progress: with fresh outside prices it never reverts,
    /// it sells exactly what fits within its bound (so what it keeps is what did not fit), it takes
    /// the fee rate of what it sells, and from a pool at the outside price it always sells something.
    function invariant_harvestNeverRevertsWhileThePricesAreFresh() public view {
        assertEq(handler.unexpectedReverts(), 0, "a harvest reverted with fresh prices");
    }

    function invariant_harvestSellsWhatFits() public view {
        assertTrue(!handler.saleOffClosedForm(), "a harvest sold other than what fits");
    }

    function invariant_harvestTakesTheFeeRateOfWhatItSells() public view {
        assertTrue(!handler.feeOffRate(), "a harvest's fee was not the rate of what it sold");
    }

    function invariant_harvestSellsFromAPoolAtTheOutsidePrice() public view {
        assertTrue(!handler.stalledAtOutsidePrice(), "a harvest sold nothing at the outside price");
    }

    function invariant_sharesSumToSupply() public view {
        uint256 sum;
        for (uint256 i = 0; i < actors.length; ++i) sum += vault.balanceOf(actors[i]);
        assertEq(sum, vault.totalSupply(), "balances do not sum to the supply");
    }

    // ---------------------------------------------------------------- fuzz

    /// @notice With profit released (price per share above one), depositing and redeeming at once
    /// never returns more than was deposited, nor does minting and withdrawing at once.
    function testFuzz_roundTripsNeverProfit(uint256 assets, uint256 shares, uint256 later) public {
        address alice = actors[0];
        address bob = actors[1];
        uint256 aliceDeposit = lp.balanceOf(alice) / 2;
        vm.prank(alice);
        vault.deposit(aliceDeposit, alice);
        vm.warp(block.timestamp + 1 hours);
        _report();
        vm.prank(KEEPER);
        vault.harvest();
        vm.warp(block.timestamp + bound(later, 0, 2 * UNLOCK));

        uint256 held = lp.balanceOf(bob);
        assets = bound(assets, 1, held);
        vm.startPrank(bob);
        uint256 minted = vault.deposit(assets, bob);
        uint256 back = vault.redeem(minted, bob, bob);
        assertLe(back, assets, "deposit then redeem paid more than deposited");

        shares = bound(shares, 1, vault.convertToShares(lp.balanceOf(bob)));
        uint256 paid = vault.mint(shares, bob);
        uint256 burnt = vault.withdraw(vault.maxWithdraw(bob), bob, bob);
        assertLe(burnt, shares, "withdrawal burnt more than minted");
        assertLe(vault.convertToAssets(shares - burnt), paid, "mint left more than it paid");
        vm.stopPrank();
        assertLe(lp.balanceOf(bob), held, "bob ended with more LP than he started with");
    }

    /// @notice Whatever the timing, the profit a harvest books is released linearly: the part still
    /// locked is the profit times the time left over the unlock time, rounded up.
    function testFuzz_lockedProfitFallsLinearly(uint256 elapsed) public {
        address alice = actors[0];
        uint256 aliceDeposit = lp.balanceOf(alice);
        vm.prank(alice);
        vault.deposit(aliceDeposit, alice);
        vm.warp(block.timestamp + 1 hours);
        _report();
        vm.prank(KEEPER);
        uint256 profit = vault.harvest();
        assertTrue(profit > 0, "no profit");
        uint256 staked = vault.totalStaked();

        elapsed = bound(elapsed, 0, 2 * UNLOCK);
        vm.warp(block.timestamp + elapsed);
        uint256 expected =
            elapsed >= UNLOCK ? 0 : (profit * (UNLOCK - elapsed) + UNLOCK - 1) / UNLOCK;
        assertEq(vault.lockedProfit(), expected, "locked profit");
        assertEq(vault.totalAssets(), staked - expected, "total assets");
    }
}
