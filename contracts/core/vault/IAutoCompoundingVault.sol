// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IUniswapV2Pair} from "../amm/interfaces/IUniswapV2Pair.sol";
import {IUniswapV2Router02} from "../amm/interfaces/IUniswapV2Router02.sol";
import {Farm} from "../farming/Farm.sol";
import {IPriceOracle} from "../oracles/IPriceOracle.sol";
import {TwapOracle} from "../oracles/TwapOracle.sol";

/// @title IAutoCompoundingVault
/// @notice An ERC-4626 vault over one farm pool whose staking token is an AMM LP token: deposits are
/// staked in the farm, and `harvest` turns the farm's rewards into more of the LP token and stakes it,
/// so the rewards compound. Harvested profit unlocks linearly, so it cannot be sandwiched. Each sale is
/// bounded by a price from outside the pool, and a harvest sells only what fits within that bound:
/// the rest waits in the vault for later harvests.
interface IAutoCompoundingVault {
    /// @notice Deployment settings.
    /// @param lpToken The vault's asset: the AMM pair the farm pool stakes.
    /// @param farm The farm that pays the rewards.
    /// @param pid The farm pool of `lpToken`.
    /// @param router The AMM router used to sell the rewards and add liquidity.
    /// @param rewardOracle TWAP of a pair of the reward token and one of the LP's two tokens; the
    /// rewards are sold through that pair.
    /// @param pairOracle TWAP of `lpToken` itself, bounding the swap into its other token.
    /// @param priceOracle Prices from outside the pools (USD per whole token) of the reward token and
    /// both LP tokens: a swap's reference quote is the higher of its TWAP quote and this oracle's.
    /// @param maxPriceAge Oldest outside price a harvest accepts, in seconds.
    /// @param profitUnlockTime Seconds over which each harvest's profit is released into totalAssets.
    /// @param treasury Receives the performance fee, in the reward token.
    /// @param keeper May call `harvest` besides the owner; zero for the owner alone.
    /// @param performanceFeeBps Share of each harvested reward sent to the treasury.
    /// @param maxSlippageBps How far below its reference quote a harvest swap may fill.
    struct Config {
        IUniswapV2Pair lpToken;
        Farm farm;
        uint256 pid;
        IUniswapV2Router02 router;
        TwapOracle rewardOracle;
        TwapOracle pairOracle;
        IPriceOracle priceOracle;
        uint256 maxPriceAge;
        uint256 profitUnlockTime;
        address treasury;
        address keeper;
        uint256 performanceFeeBps;
        uint256 maxSlippageBps;
    }

    // ---------------------------------------------------------------- errors

    /// @notice A treasury (or another required address) was the zero address.
    error VaultZeroAddress();
    /// @notice The farm pool `pid` stakes `poolToken`, not the vault's asset.
    error VaultPoolTokenMismatch(uint256 pid, address poolToken, address lpToken);
    /// @notice The pair oracle averages `oraclePair`, not the vault's asset.
    error VaultPairOracleMismatch(address oraclePair, address lpToken);
    /// @notice The reward oracle's pair does not join the reward token to exactly one of the LP's
    /// tokens (or the reward token is itself one of them).
    error VaultRewardRouteInvalid(address oraclePair, address rewardToken);
    /// @notice The profit unlock time must be at least one second.
    error VaultInvalidUnlockTime(uint256 unlockTime);
    error VaultPerformanceFeeTooHigh(uint256 feeBps, uint256 maxFeeBps);
    error VaultSlippageTooHigh(uint256 slippageBps, uint256 maxSlippageBps);
    /// @notice The max price age must be at least one second and fit 64 bits.
    error VaultInvalidMaxPriceAge(uint256 maxPriceAge);
    /// @notice Only the keeper and the owner may harvest.
    error VaultNotKeeper(address caller);

    // ---------------------------------------------------------------- events

    /// @param caller The keeper or owner who harvested.
    /// @param reward Reward tokens held at the harvest: the farm's payout plus any kept before
    /// (= fee + sold + kept).
    /// @param fee Reward tokens sent to the treasury: the fee rate of fee + sold, rounded down.
    /// @param sold Reward tokens sold for the bridge token.
    /// @param kept Reward tokens left unsold in the vault, for later harvests.
    /// @param profit LP tokens added to the vault's stake.
    /// @param lockedProfit LP tokens still locked right after the harvest, this profit included.
    event Harvested(
        address indexed caller,
        uint256 reward,
        uint256 fee,
        uint256 sold,
        uint256 kept,
        uint256 profit,
        uint256 lockedProfit
    );
    event PerformanceFeeSet(uint256 oldFeeBps, uint256 newFeeBps);
    event MaxSlippageSet(uint256 oldSlippageBps, uint256 newSlippageBps);
    event TreasurySet(address indexed oldTreasury, address indexed newTreasury);
    event KeeperSet(address indexed oldKeeper, address indexed newKeeper);
    event PriceOracleSet(
        address indexed oldOracle,
        address indexed newOracle,
        uint256 oldMaxPriceAge,
        uint256 newMaxPriceAge
    );

    // ---------------------------------------------------------------- keeper

    /// @notice Claims the farm's rewards and sells, of all the reward tokens held, the most whose
    /// swaps fill no worse than the reference quotes less `maxSlippageBps` at the pools' current
    /// reserves (nothing into a pool more than its fee below the outside price), after paying the
    /// performance fee on what it sells; adds liquidity and stakes the new LP (and any LP sent to the
    /// vault) as profit that unlocks over `profitUnlockTime`. What does not fit stays in the vault for
    /// later harvests. Reverts with OracleStalePrice when it has something to sell and an outside
    /// price is older than `maxPriceAge` (the farm then keeps the rewards).
    /// @return profit LP tokens added to the stake.
    function harvest() external returns (uint256 profit);

    // ---------------------------------------------------------------- owner

    function setPerformanceFee(uint256 feeBps) external;

    function setMaxSlippage(uint256 slippageBps) external;

    function setTreasury(address treasury) external;

    /// @notice Sets who may harvest besides the owner; zero leaves harvesting to the owner.
    function setKeeper(address keeper) external;

    /// @notice Sets the outside price oracle and the oldest price a harvest accepts from it.
    function setPriceOracle(IPriceOracle priceOracle, uint256 maxPriceAge) external;

    // ---------------------------------------------------------------- views

    /// @notice LP tokens the vault has staked in the farm, locked profit included (internal
    /// accounting: LP sent to the vault or staked in its name counts only from the next harvest).
    function totalStaked() external view returns (uint256);

    /// @notice Harvested profit not yet released into totalAssets, rounded up.
    function lockedProfit() external view returns (uint256);

    /// @notice Reward tokens the vault holds unsold (what earlier harvests could not sell within the
    /// bound, dust, or tokens sent to it), which the next harvests sell. They count in totalAssets
    /// only once sold and staked; the farm's own pending reward is `farm.pendingReward(pid, vault)`.
    function unsoldRewards() external view returns (uint256);
}
