// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

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
/// donations, swaps that move the WETH/USDC price, and time jumps, as the invariant fuzzer's only
/// target. Flags any deposit or mint whose shares are worth more than it paid, and any preview the
/// action then does not honour.
contract VaultHandler is Test {
    AutoCompoundingVault public immutable vault;
    AmmPair public immutable lp;
    AmmRouter public immutable router;
    address public immutable keeper;
    address[3] internal actors;

    bool public sharesForFree;
    bool public previewBroken;
    uint256 public harvests;

    constructor(
        AutoCompoundingVault vault_,
        AmmRouter router_,
        address keeper_,
        address[3] memory actors_
    ) {
        (vault, router, keeper, actors) = (vault_, router_, keeper_, actors_);
        lp = AmmPair(vault_.asset());
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

    function harvest() external {
        vm.prank(keeper);
        vault.harvest();
        harvests++;
    }

    function donate(uint256 actorSeed, uint256 assets) external {
        address actor = actors[actorSeed % actors.length];
        uint256 held = lp.balanceOf(actor);
        if (held == 0) return;
        assets = bound(assets, 1, held);
        vm.prank(actor);
        lp.transfer(address(vault), assets);
    }

    /// @dev Moves the WETH/USDC price by swapping up to 2% of a reserve straight at the pair.
    function swap(bool wethIn, uint256 amountIn) external {
        (uint112 reserve0, uint112 reserve1, ) = lp.getReserves();
        bool zeroIn = wethIn == (lp.token0() == router.WETH());
        (uint256 reserveIn, uint256 reserveOut) = zeroIn
            ? (uint256(reserve0), uint256(reserve1))
            : (uint256(reserve1), uint256(reserve0));
        amountIn = bound(amountIn, 1, reserveIn / 50);
        uint256 out = (amountIn * 997 * reserveOut) / (reserveIn * 1000 + amountIn * 997);
        if (out == 0) return;
        IERC20 tokenIn = IERC20(zeroIn ? lp.token0() : lp.token1());
        if (address(tokenIn) == router.WETH()) {
            vm.deal(address(this), amountIn);
            WETH(payable(address(tokenIn))).deposit{value: amountIn}();
            tokenIn.transfer(address(lp), amountIn);
        } else {
            MockERC20(address(tokenIn)).faucet(address(lp), amountIn);
        }
        if (zeroIn) lp.swap(0, out, address(this), "");
        else lp.swap(out, 0, address(this), "");
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1, 2 hours));
    }
}

contract AutoCompoundingVaultTest is VaultWorld {
    VaultHandler internal handler;

    function setUp() public {
        _buildWorld();
        handler = new VaultHandler(vault, router, KEEPER, actors);
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
