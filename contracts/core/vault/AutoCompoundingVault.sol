// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IUniswapV2Pair} from "../amm/interfaces/IUniswapV2Pair.sol";
import {IUniswapV2Router02} from "../amm/interfaces/IUniswapV2Router02.sol";
import {Farm} from "../farming/Farm.sol";
import {TwapOracle} from "../oracles/TwapOracle.sol";
import {IAutoCompoundingVault} from "./IAutoCompoundingVault.sol";

/// @title AutoCompoundingVault
/// @notice ERC-4626 over an AMM LP token staked in a farm pool. Deposits are staked at once and
/// withdrawals unstake; `harvest` claims the farm's reward token, sends a performance fee to the
/// treasury, sells the rest through the router for the pair's two tokens (the reward into the LP token
/// it has a pool with, then the share of that token that balances the deposit into the other one),
/// adds liquidity and stakes the new LP. The farm's simple APR thus compounds at the harvest frequency.
/// @dev Invariant: totalAssets() = totalStaked - lockedProfit() <= totalStaked <= the vault's stake in
/// the farm, so convertToAssets(totalSupply()) <= totalAssets() is always withdrawable.
/// Each swap of a harvest must return at least its TWAP quote less maxSlippageBps, so a pool pushed
/// against the vault makes the harvest revert instead of selling cheap; the TWAP windows are closed by
/// the harvest itself when they are due, and a same-block manipulation does not reach them.
/// Each harvest's profit unlocks linearly over profitUnlockTime, so a deposit made just before a
/// harvest and withdrawn just after earns only the part unlocked in between. Shares carry
/// DECIMALS_OFFSET more decimals than the LP token (OpenZeppelin's virtual shares), and assets are
/// counted internally: LP sent to the vault is ignored until a harvest stakes it as locked profit.
/// @dev Warning: only the keeper and the owner may harvest. Open to anyone, harvest would let a
/// manipulator choose the moment the vault sells, up to maxSlippageBps below the TWAP each time.
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

    // ---------------------------------------------------------------- storage

    address public treasury;
    uint16 public performanceFeeBps;
    uint16 public maxSlippageBps;
    address public keeper;
    /// @inheritdoc IAutoCompoundingVault
    uint256 public totalStaked;
    /// @notice Profit locked right after the last harvest that made some.
    uint256 public lockedProfitAtHarvest;
    /// @notice When the last harvest that made a profit happened.
    uint256 public lastHarvest;

    // ---------------------------------------------------------------- constructor

    /// @param config Pool, route, oracles, unlock time, fee, slippage, treasury and keeper.
    /// @param owner_ Sets fee, slippage bound, treasury and keeper; hand it to a timelock.
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
        address token0 = config.lpToken.token0();
        address token1 = config.lpToken.token1();
        address routeIn = config.rewardOracle.token0();
        address routeOut = config.rewardOracle.token1();
        if (routeOut == reward) (routeIn, routeOut) = (routeOut, routeIn);
        if (
            routeIn != reward ||
            reward == token0 ||
            reward == token1 ||
            (routeOut != token0 && routeOut != token1)
        ) revert VaultRewardRouteInvalid(address(config.rewardOracle.pair()), reward);
        if (config.profitUnlockTime == 0) revert VaultInvalidUnlockTime(config.profitUnlockTime);

        farm = config.farm;
        pid = config.pid;
        router = config.router;
        rewardToken = IERC20(reward);
        bridgeToken = IERC20(routeOut);
        otherToken = IERC20(routeOut == token0 ? token1 : token0);
        rewardOracle = config.rewardOracle;
        pairOracle = config.pairOracle;
        profitUnlockTime = config.profitUnlockTime;
        _setTreasury(config.treasury);
        _setKeeper(config.keeper);
        _setPerformanceFee(config.performanceFeeBps);
        _setMaxSlippage(config.maxSlippageBps);

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
        uint256 fee = _sellRewards(reward);
        _zapIntoLiquidity();
        profit = _stakeNewLiquidity();

        uint256 locked = _lockedProfitUp();
        if (profit != 0) {
            // What was still locked is locked again, with the new profit, for a whole period.
            locked += profit;
            lockedProfitAtHarvest = locked;
            lastHarvest = block.timestamp;
        }
        emit Harvested(msg.sender, reward, fee, profit, locked);
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

    // ---------------------------------------------------------------- views

    /// @notice Staked LP less the profit still locked.
    function totalAssets() public view override returns (uint256) {
        return totalStaked - _lockedProfitUp();
    }

    /// @inheritdoc IAutoCompoundingVault
    function lockedProfit() external view returns (uint256) {
        return _lockedProfitUp();
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

    /// @dev Pays the fee out of `reward` and sells the rest for the bridge token. Dust worth nothing
    /// at the TWAP is kept, fee included, for a later harvest.
    function _sellRewards(uint256 reward) internal returns (uint256 fee) {
        if (reward == 0) return 0;
        // Rounded down: the fee never takes more than its share from the depositors.
        fee = (reward * performanceFeeBps) / BPS;
        uint256 amountIn = reward - fee;
        uint256 minOut = _minOutDown(rewardOracle, rewardToken, amountIn);
        if (minOut == 0) return 0;
        if (fee != 0) rewardToken.safeTransfer(treasury, fee);
        _swap(rewardToken, bridgeToken, amountIn, minOut);
    }

    /// @dev Swaps the share of the bridge token that leaves both tokens in the pool's ratio, then adds
    /// them as liquidity. The swap's TWAP bound is what keeps the pool's ratio honest for the deposit,
    /// so the deposit itself takes no minimum amounts.
    function _zapIntoLiquidity() internal {
        IUniswapV2Pair pair = IUniswapV2Pair(asset());
        uint256 bridgeBalance = bridgeToken.balanceOf(address(this));
        if (bridgeBalance != 0) {
            (uint256 reserveBridge, ) = _reserves(pair);
            uint256 amountIn = _zapSwapAmountDown(bridgeBalance, reserveBridge);
            uint256 minOut = _minOutDown(pairOracle, bridgeToken, amountIn);
            if (minOut != 0) _swap(bridgeToken, otherToken, amountIn, minOut);
        }
        uint256 amountBridge = bridgeToken.balanceOf(address(this));
        uint256 amountOther = otherToken.balanceOf(address(this));
        if (amountBridge == 0 || amountOther == 0) return;
        // The pair refuses a deposit that mints no LP: keep such dust for a later harvest.
        (uint256 reserveB, uint256 reserveO) = _reserves(pair);
        uint256 supply = pair.totalSupply();
        if ((amountBridge * supply) / reserveB == 0 || (amountOther * supply) / reserveO == 0) {
            return;
        }
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

    /// @dev The TWAP quote of `amountIn` less maxSlippageBps, rounded down. Closes the oracle's
    /// window first when it is due, so the quote averages up to this block (the pair's accumulators
    /// have not yet seen any swap made earlier in this block).
    function _minOutDown(
        TwapOracle oracle,
        IERC20 tokenIn,
        uint256 amountIn
    ) internal returns (uint256) {
        if (amountIn == 0) return 0;
        uint32 elapsed;
        unchecked {
            // Both are 32-bit timestamps that wrap by design (see TwapOracle).
            elapsed = uint32(block.timestamp) - oracle.blockTimestampLast();
        }
        if (elapsed >= oracle.PERIOD()) oracle.update();
        uint256 quote = oracle.consult(address(tokenIn), amountIn);
        return (quote * (BPS - maxSlippageBps)) / BPS;
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

    /// @dev The pair's reserves of the bridge token and of the other token.
    function _reserves(
        IUniswapV2Pair pair
    ) internal view returns (uint256 reserveBridge, uint256 reserveOther) {
        (uint112 reserve0, uint112 reserve1, ) = pair.getReserves();
        (reserveBridge, reserveOther) = address(bridgeToken) == pair.token0()
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
}
