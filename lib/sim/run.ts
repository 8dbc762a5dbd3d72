/**
 * The yield simulation: farmers (agents.ts) farm the WETH/USDC pool while traders and an
 * arbitrageur (market.ts) move it, in blocks as on a chain (blocks.ts), and every strategy is valued
 * at the end of each day (valuation.ts). A world is the deployed market with its agents in; each
 * price path is played from a snapshot of it.
 */
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import type { NetworkHelpers } from "@nomicfoundation/hardhat-network-helpers/types";

import { D, fromUnits } from "../pure/analytics/decimal.js";
import {
  type Addresses,
  type Farmer,
  PID,
  addressesOf,
  bookNewLp,
  bringFarmersIn,
  bringTradersIn,
  farmersDay,
  shareGas,
} from "./agents.js";
import { Blocks, type Rpc } from "./blocks.js";
import { balancesOf, pendingRewards } from "./lens.js";
import type { SimContracts } from "./deploy.js";
import { marketDay, readMarket } from "./market.js";
import { type SimConfig } from "./options.js";
import { priceMultiples } from "./prices.js";
import { pathStreams } from "./random.js";
import {
  type FarmerBook,
  type Holdings,
  type Market,
  type PositionValue,
  type Strategy,
  USDC_DECIMALS,
  marketPrices,
  realisedYield,
  sumPositions,
  valuePosition,
  wethPrice,
} from "./valuation.js";

export { DEFAULT_CONFIG, type SimConfig } from "./options.js";
export { readMarket, sqrtDown } from "./market.js";

const DAY = 86_400;
const USDC = 10n ** 6n;

/** The chain the simulation drives: the in-process chain, which it moves through time. */
export interface SimChain {
  ethers: HardhatEthers;
  networkHelpers: NetworkHelpers;
}

/** One strategy on one day: its farmers' summed position and yield. */
export interface StrategyRow extends PositionValue {
  day: number;
  strategy: Strategy;
  farmers: number;
  apr: D;
  apy: D;
  gasUsed: bigint;
  /** Gas paid in wei. */
  gasCost: bigint;
}

/** The pool on one day. */
export interface PoolRow {
  day: number;
  /** USDC per WETH at the end of the day. */
  price: D;
  /** Both reserves in USDC. */
  tvl: D;
  /** Traders' volume that day, in USDC. */
  volume: D;
  /** LP fees that volume paid (0.3%). */
  fees: D;
}

export interface SimResult {
  config: SimConfig;
  /** Which price path of the seed this is (0 for a single run). */
  path: number;
  /** USDC per WETH in the pool when the farmers came in. */
  entryPrice: D;
  pool: PoolRow[];
  rows: StrategyRow[];
  /** Every farmer's ledger at the end. */
  farmers: FarmerBook[];
  /** Every farmer's position on the last day, in the ledgers' order. */
  positions: PositionValue[];
  /** Transactions and blocks of the daily loop, and its wall time. */
  transactions: number;
  blocks: number;
  loopMs: number;
}

export class SimError extends Error {
  override name = "SimError";
}

/** What a day's progress reports: the day just valued and the loop's transactions so far. */
export type OnDay = (day: number, transactions: number) => void;

/** The deployed market with the agents in, and the snapshot every path starts from. */
export interface SimWorld {
  readonly rpc: Rpc;
  readonly contracts: SimContracts;
  readonly config: SimConfig;
  readonly at: Addresses;
  readonly farmers: readonly Farmer[];
  readonly traders: readonly string[];
  /** The farmers' ledgers as they came in. */
  readonly booksAtEntry: readonly FarmerBook[];
  readonly entry: Market;
  /** Timestamp of the block the agents came in by. */
  readonly clock: number;
  snapshot: string;
  played: number;
}

function validate(config: SimConfig): void {
  const problems: string[] = [];
  if (config.farmers < 1) problems.push("at least one farmer");
  if (config.traders < 0) problems.push("no negative number of traders");
  if (config.strategies.length === 0) problems.push("at least one strategy");
  if (config.depositUsdc < 2n) problems.push("a deposit of at least 2 USDC");
  if (config.tradesPerDay > 0 && config.traders === 0) problems.push("a trader to make the trades");
  if (config.blockTxs < 1) problems.push("room for a transaction in a block");
  if (problems.length > 0) throw new SimError(`the simulation needs ${problems.join(", ")}`);
}

const copyBook = (b: FarmerBook): FarmerBook => ({
  ...b,
  given: { ...b.given },
  intoLp: { ...b.intoLp },
});

/**
 * Brings the agents into a deployed market on the in-process chain and snapshots it. Turns
 * automine off until `closeWorld`: from here on, blocks are mined by the simulation.
 */
export async function openWorld(
  chain: SimChain,
  contracts: SimContracts,
  config: SimConfig,
): Promise<SimWorld> {
  validate(config);
  const rpc: Rpc = chain.ethers.provider;
  const at = await addressesOf(contracts);
  const latest = await chain.ethers.provider.getBlock("latest");
  if (latest === null) throw new SimError("the chain returned no latest block");
  await rpc.send("evm_setAutomine", [false]);
  try {
    const blocks = new Blocks(rpc, latest.timestamp, config.blockTxs);
    const farmers = await bringFarmersIn(rpc, blocks, contracts, at, config);
    const traders = await bringTradersIn(rpc, blocks, contracts, at, config);
    return {
      rpc,
      contracts,
      config,
      at,
      farmers,
      traders,
      booksAtEntry: farmers.map((f) => copyBook(f.book)),
      entry: await readMarket(contracts),
      clock: blocks.clock,
      snapshot: (await rpc.send("evm_snapshot", [])) as string,
      played: 0,
    };
  } catch (error) {
    await rpc.send("evm_setAutomine", [true]);
    throw error;
  }
}

/** Gives the chain its automine back (the world's state stays as the last path left it). */
export async function closeWorld(world: SimWorld): Promise<void> {
  await world.rpc.send("evm_setAutomine", [true]);
}

/** The vault's keeper: the account that deployed the simulation's market. */
async function keeperOf(contracts: SimContracts): Promise<string> {
  const runner = contracts.vault.runner as { getAddress?: () => Promise<string> } | null;
  if (runner?.getAddress === undefined) throw new SimError("the vault's handle needs a signer");
  return runner.getAddress();
}

/**
 * Plays price path `path` of the world's seed from the world's snapshot: each day the vault's
 * keeper harvests (from the second day), traders swap and the arbitrageur brings the pool to the
 * day's outside price, farmers act on their policies, the day closes with a block at its end, and
 * every strategy is valued at that block.
 */
export async function playPath(
  world: SimWorld,
  path: number,
  onDay: OnDay = () => {},
): Promise<SimResult> {
  const { rpc, contracts, config, at, farmers, traders } = world;
  if (world.played > 0) {
    await rpc.send("evm_revert", [world.snapshot]);
    world.snapshot = (await rpc.send("evm_snapshot", [])) as string;
    for (const [i, f] of farmers.entries()) f.book = copyBook(world.booksAtEntry[i]);
  }
  world.played += 1;
  const books = farmers.map((f) => f.book);
  const blocks = new Blocks(rpc, world.clock, config.blockTxs);
  const streams = pathStreams(config.seed, path);
  const multiples = priceMultiples(config.priceModel, config.days, streams.prices);
  const entryPrice = Number((world.entry.usdc * 10n ** 18n) / world.entry.weth);
  const keeper = await keeperOf(contracts);
  const tradeSize =
    config.tradesPerDay === 0 ? 0n : (config.dailyVolumeUsdc * USDC) / BigInt(config.tradesPerDay);
  const vaultFarmers = farmers.filter((f) => f.policy.stakesIn === "vault");
  const vaultBooks = vaultFarmers.map((f) => f.book);
  const farmFarmers = farmers.filter((f) => f.policy.stakesIn === "farm");
  const wallets: (Holdings | undefined)[] = books.map(() => undefined);
  const pool: PoolRow[] = [];
  const rows: StrategyRow[] = [];
  let closing: Market | undefined;
  let last: PositionValue[] = [];
  const started = performance.now();

  for (let day = 1; day <= config.days; day += 1) {
    // The keeper harvests the vault first thing each day from the second on: its TWAP windows then
    // close over the day before, when the pool sat at the arbitrageur's price almost all along,
    // and the day's first harvest would find no window closed yet. The gas is its depositors'.
    let harvestMarket: Market | undefined;
    if (vaultBooks.length > 0 && day > 1) {
      await blocks.play([
        {
          from: keeper,
          to: at.vault,
          data: contracts.vault.interface.encodeFunctionData("harvest"),
          gas: 1_000_000n,
          label: "the vault's harvest",
          onMined: (gasUsed, fee) => shareGas(vaultBooks, gasUsed, fee),
        },
      ]);
      harvestMarket = await readMarket(contracts);
    }
    // Sells are sized at the day's opening price (the last close): no read per trade.
    const opening = harvestMarket ?? closing ?? (await readMarket(contracts));
    const outsidePrice = BigInt(Math.max(1, Math.round(entryPrice * multiples[day - 1])));
    const market = marketDay(
      contracts,
      at,
      traders,
      opening,
      { count: traders.length === 0 ? 0 : config.tradesPerDay, size: tradeSize, outsidePrice },
      streams.trades,
    );
    await blocks.play(market.txs);
    const acted = await farmersDay(rpc, blocks, contracts, at, farmers, day, streams.trades);
    const dayEnd = world.clock + day * DAY;
    if (blocks.clock >= dayEnd) {
      throw new SimError(
        `day ${day}'s transactions need more blocks than a day holds: allow more transactions a block`,
      );
    }
    await blocks.mineAt(dayEnd);

    const close = await readMarket(contracts);
    closing = close;
    const volumeUsdc = fromUnits(market.volume, USDC_DECIMALS);
    pool.push({
      day,
      price: wethPrice(close),
      tvl: fromUnits(close.usdc * 2n, USDC_DECIMALS),
      volume: volumeUsdc,
      fees: volumeUsdc.mul("0.003"),
    });
    // A vault farmer's LP grows by the harvest's new liquidity, minted at the harvest's prices;
    // its shares stay as deposited, so farmers with the same shares have the same LP.
    const lpOfShares = new Map<bigint, bigint>();
    for (const f of vaultFarmers) {
      let lp = lpOfShares.get(f.shares);
      if (lp === undefined) {
        lp = await contracts.vault.convertToAssets(f.shares);
        lpOfShares.set(f.shares, lp);
      }
      if (lp > f.book.lp && harvestMarket !== undefined)
        bookNewLp(f.book, lp - f.book.lp, harvestMarket);
    }
    // A wallet changes only when its farmer acts: the others need only their pending reward read.
    // A vault farmer's pending reward is its shares' part of the vault's (what the farm owes it and
    // what it holds unsold), which the next harvests compound for it.
    const stale = farmers.flatMap((f, i) => (wallets[i] === undefined || acted.has(f) ? [i] : []));
    const [fresh, pending, vaultPending] = await Promise.all([
      balancesOf(
        rpc,
        contracts.lens,
        at.lens,
        [at.rwd, at.weth, at.usdc],
        stale.map((i) => books[i].address),
      ),
      pendingRewards(
        rpc,
        contracts.lens,
        at.lens,
        at.farm,
        farmFarmers.map((f) => f.book.address),
      ),
      vaultFarmers.length === 0
        ? undefined
        : Promise.all([
            contracts.farm.pendingReward(PID, at.vault),
            contracts.vault.unsoldRewards(),
            contracts.vault.totalSupply(),
          ]),
    ]);
    for (const [k, i] of stale.entries()) {
      const [rwd, weth, usdc] = fresh[k];
      wallets[i] = { rwd, weth, usdc };
    }
    const pendingOf = new Map<Farmer, bigint>(farmFarmers.map((f, k) => [f, pending[k]]));
    if (vaultPending !== undefined) {
      const [owed, unsold, supply] = vaultPending;
      for (const f of vaultFarmers) pendingOf.set(f, ((owed + unsold) * f.shares) / supply);
    }
    const prices = marketPrices(close);
    const positions = farmers.map((f, i) => {
      const wallet = wallets[i] as Holdings;
      return valuePosition(
        f.book,
        { ...wallet, rwd: wallet.rwd + (pendingOf.get(f) ?? 0n) },
        close,
        prices,
      );
    });
    last = positions;
    for (const strategy of config.strategies.filter((s, i, all) => all.indexOf(s) === i)) {
      const mine = books.flatMap((b, i) => (b.strategy === strategy ? [i] : []));
      if (mine.length === 0) continue;
      const summed = sumPositions(mine.map((i) => positions[i]));
      rows.push({
        day,
        strategy,
        farmers: mine.length,
        ...summed,
        ...realisedYield(summed, day),
        gasUsed: mine.reduce((acc, i) => acc + books[i].gasUsed, 0n),
        gasCost: mine.reduce((acc, i) => acc + books[i].gasCost, 0n),
      });
    }
    onDay(day, blocks.transactions);
  }
  return {
    config,
    path,
    entryPrice: wethPrice(world.entry),
    pool,
    rows,
    farmers: books,
    positions: last,
    transactions: blocks.transactions,
    blocks: blocks.blocks,
    loopMs: performance.now() - started,
  };
}

/**
 * Runs the yield simulation once (price path 0 of the seed) on a deployed market: farmers add
 * liquidity to the WETH/USDC pool and stake it, traders swap through the pool each day with sizes
 * and directions drawn from the seed, the outside price follows the configured model, and every
 * strategy is valued at the end of each day.
 */
export async function runSimulation(
  chain: SimChain,
  contracts: SimContracts,
  config: SimConfig,
  onDay: OnDay = () => {},
): Promise<SimResult> {
  const world = await openWorld(chain, contracts, config);
  try {
    return await playPath(world, 0, onDay);
  } finally {
    await closeWorld(world);
  }
}
