// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IUniswapV2Factory} from "../amm/interfaces/IUniswapV2Factory.sol";
import {IUniswapV2Pair} from "../amm/interfaces/IUniswapV2Pair.sol";
import {IUniswapV2Router02} from "../amm/interfaces/IUniswapV2Router02.sol";
import {Farm} from "../farming/Farm.sol";
import {IPriceOracle} from "../oracles/IPriceOracle.sol";
import {TwapOracle} from "../oracles/TwapOracle.sol";
import {IAutoCompoundingVault} from "./IAutoCompoundingVault.sol";

/// @title AutoCompoundingVault
/// @notice ERC-4626 over an AMM LP token staked in a farm pool. Deposits are staked at once and
/// withdrawals unstake; `harvest` claims the farm's reward token and sells, of all it holds, the most
/// that fits within its price bound through the router for the pair's two tokens (the reward into the
/// LP token it has a pool with, then the share of that token that balances the deposit into the other
/// one), sends the performance fee on what it sells to the treasury, adds liquidity and stakes the new
/// LP. The farm's simple APR thus compounds at the harvest frequency.
/// @dev Invariant: totalAssets() = totalStaked - lockedProfit() <= totalStaked <= the vault's stake in
/// the farm, so convertToAssets(totalSupply()) <= totalAssets() is always withdrawable.
/// Each swap of a harvest returns at least amountIn times its reference price less maxSlippageBps. The
/// reference is the higher of the pair's TWAP (whose window the harvest closes when it is due, before
/// any swap of this block reaches the accumulators) and the outside oracle's price: in a pool nobody
/// else trades, a skew held for a whole window becomes the TWAP, so the TWAP alone cannot tell it from
/// a real move. A swap sells only the largest amount that meets the bound at the pair's current
/// reserves, and nothing into a pair whose spot price is more than MAX_SPOT_DEVIATION_BPS below the
/// outside price. So a harvest never reverts for a price (only for a stale outside price), a backlog of
/// any size is sold over as many harvests as the market needs to bring the pools back, and the reward
/// tokens that do not fit wait in the vault (`unsoldRewards`) for the next harvests.
/// Each harvest's profit unlocks linearly over profitUnlockTime, so a deposit made just before a
/// harvest and withdrawn just after earns only the part unlocked in between. Shares carry
/// DECIMALS_OFFSET more decimals than the LP token (OpenZeppelin's virtual shares), and assets are
/// counted internally: LP sent to the vault is ignored until a harvest stakes it as locked profit.
/// @dev Warning: the bounds limit what a pool pushed against the vault can take; they do not make it
/// zero. A push that leaves the spot price within MAX_SPOT_DEVIATION_BPS of the outside price still
/// makes the vault sell up to that much worse, so the pusher's profit is at most that share of the
/// value sold (tests: a push of at most 150.56 RWD into the sandbox's 100,000-RWD pool took 5.05 RWD
/// from a 1,976-RWD sale, and 6.61 RWD from a 2,486-RWD one; any larger push lost its swap fees); and
/// whoever trades back after a sale collects the sale's own price impact, as after any sale into a
/// pool. A pair held above its outside price for a whole TWAP window and then let go makes the next
/// harvests sell nothing until a window closes near the outside price again. The outside oracle is
/// trusted: the TWAP floor only limits a low report to what the pool itself averaged. Only the keeper
/// and the owner may harvest: open to anyone, harvest would let a manipulator choose the moment the
/// vault sells.
contract AutoCompoundingVault is
    IAutoCompoundingVault,
    ERC4626,
    Ownable2Step,
    ReentrancyGuardTransient
{
    using SafeERC20 for IERC20;

    // ---------------------------------------------------------------- constants and immutables

    /// @notice Shares have this many more decimals than the asset.
    uint8 public constant DECIMALS_OFFSET = 6;
    uint256 public constant BPS = 10_000;
    uint256 public constant MAX_PERFORMANCE_FEE_BPS = 2_000;
    uint256 public constant MAX_SLIPPAGE_BPS = 1_000;
    /// @notice A harvest sells nothing into a pair whose spot price of the token sold is further than
    /// this below the outside price: an arbitraged pool sits within its 0.3% fee of the outside price,
    /// one further below has been pushed.
    uint256 public constant MAX_SPOT_DEVIATION_BPS = 30;
    uint256 private constant Q112 = 2 ** 112;
    // The fee-adjusted coefficients of the zap: (2 - 0.003)^2, 4 * 0.997 and 2 - 0.003, 2 * 0.997,
    // scaled by 1000^2 and 1000 respectively.
    uint256 private constant ZAP_A = 3_988_009;
    uint256 private constant ZAP_B = 3_988_000;
    uint256 private constant ZAP_C = 1_997;
    uint256 private constant ZAP_D = 1_994;

    Farm public immutable farm;
    uint256 public immutable pid;
    IUniswapV2Router02 public immutable router;
    IERC20 public immutable rewardToken;
    /// @notice The LP's token the rewards are sold into first.
    IERC20 public immutable bridgeToken;
    /// @notice The LP's other token, bought with part of the bridge token.
    IERC20 public immutable otherToken;
    TwapOracle public immutable rewardOracle;
    TwapOracle public immutable pairOracle;
    uint256 public immutable profitUnlockTime;
    // One whole token of each, in base units, to turn the outside oracle's prices into pool ratios.
    uint256 private immutable _rewardUnit;
    uint256 private immutable _bridgeUnit;
    uint256 private immutable _otherUnit;

    // ---------------------------------------------------------------- storage

    address public treasury;
    uint16 public performanceFeeBps;
    uint16 public maxSlippageBps;
    address public keeper;
    /// @notice Prices from outside the pools; see Config.priceOracle.
    IPriceOracle public priceOracle;
    /// @notice Oldest outside price a harvest accepts, in seconds.
    uint64 public maxPriceAge;
    /// @inheritdoc IAutoCompoundingVault
    uint256 public totalStaked;
    /// @notice Profit locked right after the last harvest that made some.
    uint256 public lockedProfitAtHarvest;
    /// @notice When the last harvest that made a profit happened.
    uint256 public lastHarvest;

    // ---------------------------------------------------------------- constructor

    /// @param config Pool, route, oracles, unlock time, fee, slippage, treasury and keeper.
    /// @param owner_ Sets fee, slippage bound, treasury, keeper and outside oracle; hand it to a
    /// timelock.
    constructor(
        Config memory config,
        string memory name_,
        string memory symbol_,
        address owner_
    ) ERC4626(IERC20(address(config.lpToken))) ERC20(name_, symbol_) Ownable(owner_) {
        address lp = address(config.lpToken);
        address poolToken;
        if (config.pid < config.farm.poolLength()) {
            (IERC20 token, , , , ) = config.farm.poolInfo(config.pid);
            poolToken = address(token);
        }
        if (poolToken != lp) revert VaultPoolTokenMismatch(config.pid, poolToken, lp);
        address oraclePair = address(config.pairOracle.pair());
        if (oraclePair != lp) revert VaultPairOracleMismatch(oraclePair, lp);

        address reward = address(config.farm.rewardToken());
        address routeOut = _rewardRoute(config, reward);
        if (config.profitUnlockTime == 0) revert VaultInvalidUnlockTime(config.profitUnlockTime);

        farm = config.farm;
        pid = config.pid;
        router = config.router;
        rewardToken = IERC20(reward);
        bridgeToken = IERC20(routeOut);
        address token0 = config.lpToken.token0();
        otherToken = IERC20(routeOut == token0 ? config.lpToken.token1() : token0);
        rewardOracle = config.rewardOracle;
        pairOracle = config.pairOracle;
        profitUnlockTime = config.profitUnlockTime;
        _rewardUnit = 10 ** IERC20Metadata(reward).decimals();
        _bridgeUnit = 10 ** IERC20Metadata(routeOut).decimals();
        _otherUnit = 10 ** IERC20Metadata(address(otherToken)).decimals();
        _setTreasury(config.treasury);
        _setKeeper(config.keeper);
        _setPerformanceFee(config.performanceFeeBps);
        _setMaxSlippage(config.maxSlippageBps);
        _setPriceOracle(config.priceOracle, config.maxPriceAge);

        IERC20(lp).forceApprove(address(config.farm), type(uint256).max);
        rewardToken.forceApprove(address(config.router), type(uint256).max);
        bridgeToken.forceApprove(address(config.router), type(uint256).max);
        otherToken.forceApprove(address(config.router), type(uint256).max);
    }

    // ---------------------------------------------------------------- keeper

    /// @inheritdoc IAutoCompoundingVault
    function harvest() external nonReentrant returns (uint256 profit) {
        if (msg.sender != keeper && msg.sender != owner()) revert VaultNotKeeper(msg.sender);
        farm.harvest(pid, address(this));
        uint256 reward = rewardToken.balanceOf(address(this));
        if (reward != 0 || bridgeToken.balanceOf(address(this)) != 0) {
            // The quotes then average up to this block: the pairs' accumulators have not yet seen
            // any swap made earlier in it.
            _closeWindowIfDue(rewardOracle);
            _closeWindowIfDue(pairOracle);
        }
        (uint256 fee, uint256 sold) = _sellRewards(reward);
        _zapIntoLiquidity();
        profit = _stakeNewLiquidity();

        uint256 locked = _lockedProfitUp();
        if (profit != 0) {
            // What was still locked is locked again, with the new profit, for a whole period.
            locked += profit;
            lockedProfitAtHarvest = locked;
            lastHarvest = block.timestamp;
        }
        emit Harvested(msg.sender, reward, fee, sold, reward - fee - sold, profit, locked);
    }

    // ---------------------------------------------------------------- owner

    /// @inheritdoc IAutoCompoundingVault
    function setPerformanceFee(uint256 feeBps) external onlyOwner {
        _setPerformanceFee(feeBps);
    }

    /// @inheritdoc IAutoCompoundingVault
    function setMaxSlippage(uint256 slippageBps) external onlyOwner {
        _setMaxSlippage(slippageBps);
    }

    /// @inheritdoc IAutoCompoundingVault
    function setTreasury(address treasury_) external onlyOwner {
        _setTreasury(treasury_);
    }

    /// @inheritdoc IAutoCompoundingVault
    function setKeeper(address keeper_) external onlyOwner {
        _setKeeper(keeper_);
    }

    /// @inheritdoc IAutoCompoundingVault
    function setPriceOracle(IPriceOracle priceOracle_, uint256 maxPriceAge_) external onlyOwner {
        _setPriceOracle(priceOracle_, maxPriceAge_);
    }

    // ---------------------------------------------------------------- views

    /// @notice Staked LP less the profit still locked.
    function totalAssets() public view override returns (uint256) {
        return totalStaked - _lockedProfitUp();
    }

    /// @inheritdoc IAutoCompoundingVault
    function lockedProfit() external view returns (uint256) {
        return _lockedProfitUp();
    }

    /// @inheritdoc IAutoCompoundingVault
    function unsoldRewards() external view returns (uint256) {
        return rewardToken.balanceOf(address(this));
    }

    // ---------------------------------------------------------------- internal: ERC-4626 hooks

    /// @dev Pulls the LP and mints the shares (OpenZeppelin), then stakes the LP.
    function _deposit(
        address caller,
        address receiver,
        uint256 assets,
        uint256 shares
    ) internal override nonReentrant {
        super._deposit(caller, receiver, assets, shares);
        // The farm refuses zero amounts; a zero deposit mints zero shares and stakes nothing.
        if (assets != 0) farm.deposit(pid, assets, address(this));
        totalStaked += assets;
    }

    /// @dev Unstakes the LP, then burns the shares and pays out (OpenZeppelin). The farm keeps the
    /// vault's rewards owed until the next harvest.
    function _withdraw(
        address caller,
        address receiver,
        address owner_,
        uint256 assets,
        uint256 shares
    ) internal override nonReentrant {
        if (assets != 0) farm.withdraw(pid, assets, address(this));
        totalStaked -= assets;
        super._withdraw(caller, receiver, owner_, assets, shares);
    }

    function _decimalsOffset() internal pure override returns (uint8) {
        return DECIMALS_OFFSET;
    }

    // ---------------------------------------------------------------- internal: harvest steps

    /// @dev Sells for the bridge token the most of `reward` that fits within the bound once the fee
    /// on it is paid, and pays that fee: fee / (fee + sold) is the fee rate, rounded down. What does
    /// not fit, and dust worth nothing at the reference price, stays in the vault, fee included.
    function _sellRewards(uint256 reward) internal returns (uint256 fee, uint256 sold) {
        if (reward == 0) return (0, 0);
        address pair = address(rewardOracle.pair());
        (uint256 reserveIn, uint256 reserveOut) = _reserves(pair, address(rewardToken));
        uint256 minPrice = _minPriceX112Down(
            rewardOracle,
            rewardToken,
            bridgeToken,
            _rewardUnit,
            _bridgeUnit,
            reserveIn,
            reserveOut
        );
        uint256 fits = _maxAmountInDown(reserveIn, reserveOut, minPrice);
        uint256 feeBps = performanceFeeBps;
        // Rounded down: the fee never takes more than its share from the depositors.
        fee = (reward * feeBps) / BPS;
        sold = reward - fee;
        if (sold > fits) {
            // The most that can be processed: its sale, ceil(processed · (BPS − feeBps) / BPS), is
            // at most `fits` because processed · (BPS − feeBps) / BPS is.
            uint256 processed = (fits * BPS) / (BPS - feeBps);
            fee = (processed * feeBps) / BPS;
            sold = processed - fee;
        }
        uint256 minOut = Math.mulDiv(sold, minPrice, Q112);
        if (minOut == 0) return (0, 0);
        if (fee != 0) rewardToken.safeTransfer(treasury, fee);
        _swap(rewardToken, bridgeToken, sold, minOut);
    }

    /// @dev Swaps the share of the bridge token that leaves both tokens in the pool's ratio, at most
    /// what fits within the bound, then adds liquidity; the router takes the balanced amounts and the
    /// rest waits here for a later harvest. The swap's bound is what keeps the pool's ratio honest for
    /// the deposit, so the deposit itself takes no minimum amounts.
    function _zapIntoLiquidity() internal {
        address pair = asset();
        (uint256 reserveBridge, uint256 reserveOther) = _reserves(pair, address(bridgeToken));
        uint256 amountBridge = bridgeToken.balanceOf(address(this));
        // Bridge tokens that the other tokens held already balance at the pool's ratio stay unswapped.
        uint256 matched = (otherToken.balanceOf(address(this)) * reserveBridge) / reserveOther;
        if (amountBridge > matched) {
            uint256 swapped = _zapSwap(amountBridge - matched, reserveBridge, reserveOther);
            if (swapped != 0) {
                amountBridge -= swapped;
                (reserveBridge, reserveOther) = _reserves(pair, address(bridgeToken));
            }
        }
        uint256 amountOther = otherToken.balanceOf(address(this));
        if (amountBridge == 0 || amountOther == 0) return;
        // The amounts the router will deposit (its quote, rounded down, on the side in excess). The
        // pair refuses a deposit that mints no LP: keep such dust for a later harvest.
        (uint256 depositBridge, uint256 depositOther) = (amountBridge, amountOther);
        uint256 otherOptimal = (amountBridge * reserveOther) / reserveBridge;
        if (otherOptimal <= amountOther) depositOther = otherOptimal;
        else depositBridge = (amountOther * reserveBridge) / reserveOther;
        uint256 supply = IUniswapV2Pair(pair).totalSupply();
        if (
            (depositBridge * supply) / reserveBridge == 0 ||
            (depositOther * supply) / reserveOther == 0
        ) return;
        router.addLiquidity(
            address(bridgeToken),
            address(otherToken),
            amountBridge,
            amountOther,
            0,
            0,
            address(this),
            block.timestamp
        );
    }

    /// @dev Swaps for the other token the zap's share of `excess` bridge tokens, at most what fits
    /// within the bound; returns what it swapped (zero for dust worth nothing at the reference price).
    function _zapSwap(
        uint256 excess,
        uint256 reserveBridge,
        uint256 reserveOther
    ) internal returns (uint256 amountIn) {
        amountIn = _zapSwapAmountDown(excess, reserveBridge);
        if (amountIn == 0) return 0;
        uint256 minPrice = _minPriceX112Down(
            pairOracle,
            bridgeToken,
            otherToken,
            _bridgeUnit,
            _otherUnit,
            reserveBridge,
            reserveOther
        );
        amountIn = Math.min(amountIn, _maxAmountInDown(reserveBridge, reserveOther, minPrice));
        uint256 minOut = Math.mulDiv(amountIn, minPrice, Q112);
        if (minOut == 0) return 0;
        _swap(bridgeToken, otherToken, amountIn, minOut);
    }

    /// @dev Stakes every LP token the vault holds and books the growth of its farm stake beyond
    /// totalStaked (new liquidity, LP sent to the vault or staked in its name) as profit.
    function _stakeNewLiquidity() internal returns (uint256 profit) {
        uint256 held = IERC20(asset()).balanceOf(address(this));
        if (held != 0) farm.deposit(pid, held, address(this));
        (uint128 staked, , ) = farm.userInfo(pid, address(this));
        // Only the vault moves its stake out, always alongside totalStaked, so staked >= totalStaked.
        profit = staked - totalStaked;
        totalStaked = staked;
    }

    function _swap(IERC20 tokenIn, IERC20 tokenOut, uint256 amountIn, uint256 minOut) internal {
        address[] memory path = new address[](2);
        (path[0], path[1]) = (address(tokenIn), address(tokenOut));
        router.swapExactTokensForTokens(amountIn, minOut, path, address(this), block.timestamp);
    }

    /// @dev Closes the TWAP window when it is due.
    function _closeWindowIfDue(TwapOracle oracle) internal {
        uint32 elapsed;
        unchecked {
            // Both are 32-bit timestamps that wrap by design (see TwapOracle).
            elapsed = uint32(block.timestamp) - oracle.blockTimestampLast();
        }
        if (elapsed >= oracle.PERIOD()) oracle.update();
    }

    /// @dev The lowest price a swap of `tokenIn` for `tokenOut` may fill at, in base units of
    /// `tokenOut` per base unit of `tokenIn` as UQ112x112: the higher of the TWAP average and the
    /// outside price, less maxSlippageBps, rounded down. Zero, so nothing is sold, when the pair's spot
    /// price is more than MAX_SPOT_DEVIATION_BPS below the outside price.
    function _minPriceX112Down(
        TwapOracle twap,
        IERC20 tokenIn,
        IERC20 tokenOut,
        uint256 unitIn,
        uint256 unitOut,
        uint256 reserveIn,
        uint256 reserveOut
    ) internal view returns (uint256) {
        uint256 outside = Math.mulDiv(
            _outsidePrice(address(tokenIn)) * unitOut,
            Q112,
            _outsidePrice(address(tokenOut)) * unitIn
        );
        uint256 spot = Math.mulDiv(reserveOut, Q112, reserveIn);
        if (spot < Math.mulDiv(outside, BPS - MAX_SPOT_DEVIATION_BPS, BPS)) return 0;
        // Zero before the TWAP's first window has closed: the outside price alone then.
        uint256 average =
            address(tokenIn) == twap.token0() ? twap.price0Average() : twap.price1Average();
        return Math.mulDiv(Math.max(average, outside), BPS - maxSlippageBps, BPS);
    }

    /// @dev The largest amountIn whose output at these reserves, amountIn · 997 · reserveOut /
    /// (reserveIn · 1000 + amountIn · 997) (the router's, rounded down), is at least amountIn ·
    /// minPrice: (997 · reserveOut / minPrice − 1000 · reserveIn) / 997, rounded down, so the router's
    /// output never falls below Math.mulDiv(amountIn, minPrice, Q112). Zero when the pair pays less
    /// than minPrice for the first unit, or minPrice is zero.
    function _maxAmountInDown(
        uint256 reserveIn,
        uint256 reserveOut,
        uint256 minPriceX112
    ) internal pure returns (uint256) {
        if (minPriceX112 == 0) return 0;
        // reserveOut < 2^112 (the pair's reserves), so 997 · reserveOut fits and mulDiv does the rest.
        uint256 scaled = Math.mulDiv(997 * reserveOut, Q112, minPriceX112);
        uint256 threshold = 1000 * reserveIn;
        if (scaled <= threshold) return 0;
        return (scaled - threshold) / 997;
    }

    /// @dev The outside oracle's price of `asset`, refused when older than maxPriceAge.
    function _outsidePrice(address asset) internal view returns (uint256 price) {
        uint256 updatedAt;
        (price, updatedAt) = priceOracle.getPrice(asset);
        if (updatedAt + maxPriceAge < block.timestamp) {
            revert IPriceOracle.OracleStalePrice(asset, updatedAt, maxPriceAge);
        }
    }

    /// @dev The part of `amount` to swap so that what is left and what comes out stand in the pool's
    /// new ratio, rounded down: the positive root of s² · 997 + s · 1997 · r − amount · r · 1000 = 0
    /// for the pair's 0.3% fee, s = (√(r · (3988009 · r + 3988000 · amount)) − 1997 · r) / 1994.
    function _zapSwapAmountDown(uint256 amount, uint256 reserveIn) internal pure returns (uint256) {
        // reserveIn < 2^112 (the pair's reserves) and the product stays below 2^256 for any amount
        // below 2^120; the root is at least 1997 · r because it is the root of (1997 · r)² + more.
        uint256 root = Math.sqrt(reserveIn * (ZAP_A * reserveIn + ZAP_B * amount));
        return (root - ZAP_C * reserveIn) / ZAP_D;
    }

    /// @dev The LP token the rewards are sold into. The reward oracle's pair must join the reward token
    /// to exactly one of the LP's tokens, and be the pair the router swaps through: the sale's bound
    /// is computed from its reserves.
    function _rewardRoute(
        Config memory config,
        address reward
    ) internal view returns (address routeOut) {
        address token0 = config.lpToken.token0();
        address token1 = config.lpToken.token1();
        address routeIn = config.rewardOracle.token0();
        routeOut = config.rewardOracle.token1();
        if (routeOut == reward) (routeIn, routeOut) = (routeOut, routeIn);
        address oraclePair = address(config.rewardOracle.pair());
        if (
            routeIn != reward ||
            reward == token0 ||
            reward == token1 ||
            (routeOut != token0 && routeOut != token1) ||
            IUniswapV2Factory(config.router.factory()).getPair(reward, routeOut) != oraclePair
        ) revert VaultRewardRouteInvalid(oraclePair, reward);
    }

    /// @dev The pair's reserves of `token` and of its other token.
    function _reserves(
        address pair,
        address token
    ) internal view returns (uint256 reserveToken, uint256 reserveOther) {
        (uint112 reserve0, uint112 reserve1, ) = IUniswapV2Pair(pair).getReserves();
        (reserveToken, reserveOther) = token == IUniswapV2Pair(pair).token0()
            ? (uint256(reserve0), uint256(reserve1))
            : (uint256(reserve1), uint256(reserve0));
    }

    /// @dev The last profit, released linearly since the harvest that made it; rounded up, so
    /// totalAssets never counts a wei before it is released.
    function _lockedProfitUp() internal view returns (uint256) {
        uint256 elapsed = block.timestamp - lastHarvest;
        uint256 period = profitUnlockTime;
        if (elapsed >= period) return 0;
        return Math.mulDiv(lockedProfitAtHarvest, period - elapsed, period, Math.Rounding.Ceil);
    }

    // ---------------------------------------------------------------- internal: settings

    function _setPerformanceFee(uint256 feeBps) internal {
        if (feeBps > MAX_PERFORMANCE_FEE_BPS) {
            revert VaultPerformanceFeeTooHigh(feeBps, MAX_PERFORMANCE_FEE_BPS);
        }
        emit PerformanceFeeSet(performanceFeeBps, feeBps);
        // Fits: at most MAX_PERFORMANCE_FEE_BPS.
        performanceFeeBps = uint16(feeBps);
    }

    function _setMaxSlippage(uint256 slippageBps) internal {
        if (slippageBps > MAX_SLIPPAGE_BPS) {
            revert VaultSlippageTooHigh(slippageBps, MAX_SLIPPAGE_BPS);
        }
        emit MaxSlippageSet(maxSlippageBps, slippageBps);
        // Fits: at most MAX_SLIPPAGE_BPS.
        maxSlippageBps = uint16(slippageBps);
    }

    function _setTreasury(address treasury_) internal {
        if (treasury_ == address(0)) revert VaultZeroAddress();
        emit TreasurySet(treasury, treasury_);
        treasury = treasury_;
    }

    function _setKeeper(address keeper_) internal {
        emit KeeperSet(keeper, keeper_);
        keeper = keeper_;
    }

    function _setPriceOracle(IPriceOracle priceOracle_, uint256 maxPriceAge_) internal {
        if (address(priceOracle_) == address(0)) revert VaultZeroAddress();
        if (maxPriceAge_ == 0 || maxPriceAge_ > type(uint64).max) {
            revert VaultInvalidMaxPriceAge(maxPriceAge_);
        }
        emit PriceOracleSet(address(priceOracle), address(priceOracle_), maxPriceAge, maxPriceAge_);
        priceOracle = priceOracle_;
        // Fits: checked just above.
        maxPriceAge = uint64(maxPriceAge_);
    }
}
