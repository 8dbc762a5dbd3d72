import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { NetworkHelpers } from "@nomicfoundation/hardhat-network-helpers/types";
import { type ContractTransactionResponse, MaxUint256, toQuantity } from "ethers";

import { ACTOR_NAMES } from "../chain/actors.js";
import { D, fromUnits } from "../pure/analytics/decimal.js";
import type { SimContracts } from "./deploy.js";
import {
  type FarmerBook,
  type Holdings,
  type Market,
  type PositionValue,
  STRATEGIES,
  type Strategy,
  USDC_DECIMALS,
  growthPerLp,
  realisedYield,
  sumPositions,
  valuePosition,
  wethPrice,
} from "./metrics.js";
import { type SimConfig } from "./options.js";
import { Prng } from "./prng.js";

export { DEFAULT_CONFIG, type SimConfig } from "./options.js";

const DAY = 86_400;
const USDC = 10n ** 6n;
/** The simulation farm's only pool: WETH/USDC LP. */
const PID = 0n;
/**
 * Every transaction carries a gas limit well above what it uses (a compounding addLiquidity is the
 * largest, about 200,000): estimating gas costs the engine several runs of each call, more than the
 * transaction itself. The gas used and paid is what the receipt says, whatever the limit.
 */
const GAS = { gasLimit: 1_000_000n } as const;

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
  pool: PoolRow[];
  rows: StrategyRow[];
  /** Every farmer's ledger at the end. */
  farmers: FarmerBook[];
  /** Transactions sent by the daily loop, and its wall time. */
  transactions: number;
  loopMs: number;
}

export class SimError extends Error {
  override name = "SimError";
}

type Send = (tx: () => Promise<ContractTransactionResponse>, book?: FarmerBook) => Promise<void>;

/** Seconds between two of the simulation's blocks inside a day. */
const BLOCK_SECONDS = 12;

/** Reads the WETH/USDC and RWD/WETH pools at the latest block. */
export async function readMarket(contracts: SimContracts): Promise<Market> {
  const [[r0, r1], lpSupply, [q0, q1]] = await Promise.all([
    contracts.pair.getReserves(),
    contracts.pair.totalSupply(),
    contracts.rewardPair.getReserves(),
  ]);
  const { wethFirst, rewardFirst: rwdFirst } = contracts.order;
  return {
    weth: wethFirst ? r0 : r1,
    usdc: wethFirst ? r1 : r0,
    lpSupply,
    rwdReserve: rwdFirst ? q0 : q1,
    rwdPoolWeth: rwdFirst ? q1 : q0,
  };
}

/** What a farmer holds in its wallet: RWD, and WETH and USDC left over. */
export async function readWallet(contracts: SimContracts, address: string): Promise<Holdings> {
  const [rwd, weth, usdc] = await Promise.all([
    contracts.reward.balanceOf(address),
    contracts.weth.balanceOf(address),
    contracts.usdc.balanceOf(address),
  ]);
  return { rwd, weth, usdc };
}

/** What a farmer holds outside the pool: RWD in wallet and pending, WETH and USDC left over. */
export async function readHoldings(contracts: SimContracts, address: string): Promise<Holdings> {
  const [wallet, pending] = await Promise.all([
    readWallet(contracts, address),
    contracts.farm.pendingReward(PID, address),
  ]);
  return { ...wallet, rwd: wallet.rwd + pending };
}

function validate(config: SimConfig, available: number): void {
  const problems: string[] = [];
  if (config.farmers < 1) problems.push("at least one farmer");
  if (config.traders < 0) problems.push("no negative number of traders");
  if (config.farmers + config.traders > available) {
    problems.push(`at most ${available} farmers and traders together on this chain`);
  }
  if (config.strategies.length === 0) problems.push("at least one strategy");
  if (config.depositUsdc < 2n) problems.push("a deposit of at least 2 USDC");
  if (config.tradesPerDay > 0 && config.traders === 0) problems.push("a trader to make the trades");
  if (problems.length > 0) throw new SimError(`the simulation needs ${problems.join(", ")}`);
}

/**
 * Runs the yield simulation on a deployed contracts: farmers add liquidity to the WETH/USDC pool and
 * stake it in the farm, traders swap through the pool each day with sizes and directions drawn
 * from a PRNG seeded with `config.seed`, the chain moves a day forward, and every strategy is
 * valued at the end of each day. Agents are the chain's accounts after the named actors.
 */
export async function runSimulation(
  chain: SimChain,
  contracts: SimContracts,
  config: SimConfig,
  onDay: (day: number) => void = () => {},
): Promise<SimResult> {
  const { ethers, networkHelpers } = chain;
  const signers = await ethers.getSigners();
  const agents = signers.slice(ACTOR_NAMES.length);
  validate(config, agents.length);
  const prng = new Prng(config.seed);
  const [wethAddress, usdcAddress, rwdAddress, router, farm, vault] = await Promise.all([
    contracts.weth.getAddress(),
    contracts.usdc.getAddress(),
    contracts.reward.getAddress(),
    contracts.router.getAddress(),
    contracts.farm.getAddress(),
    contracts.vault.getAddress(),
  ]);

  let transactions = 0;
  // Every block gets a timestamp from the simulation's own clock, not the wall clock, so that the
  // same seed accrues the same rewards to the second.
  const latest = await ethers.provider.getBlock("latest");
  if (latest === null) throw new SimError("the chain returned no latest block");
  const start = latest.timestamp + DAY;
  let clock = latest.timestamp;
  const send: Send = async (tx, book) => {
    clock += BLOCK_SECONDS;
    await networkHelpers.time.setNextBlockTimestamp(clock);
    const receipt = await (await tx()).wait();
    if (receipt === null) throw new SimError("a transaction was dropped");
    transactions += 1;
    if (book !== undefined) {
      book.gasUsed += receipt.gasUsed;
      book.gasCost += receipt.fee;
      book.txs += 1;
    }
  };
  const fundEth = async (account: HardhatEthersSigner, wei: bigint) => {
    const balance = await ethers.provider.getBalance(account.address);
    const needed = wei + 10n ** 18n;
    if (balance < needed) {
      await ethers.provider.send("hardhat_setBalance", [account.address, toQuantity(needed)]);
    }
  };

  // Farmers: half WETH, half USDC at the pool's price, into the pool, LP staked in the farm.
  const farmerSigners = agents.slice(0, config.farmers);
  const books: FarmerBook[] = [];
  for (const [i, signer] of farmerSigners.entries()) {
    const market = await readMarket(contracts);
    const usdcIn = (config.depositUsdc * USDC) / 2n;
    const wethIn = (usdcIn * market.weth) / market.usdc;
    const book: FarmerBook = {
      strategy: config.strategies[i % config.strategies.length],
      address: signer.address,
      given: { weth: wethIn, usdc: usdcIn },
      intoLp: { weth: 0n, usdc: 0n },
      lp: 0n,
      lpTimesGrowth: new D(0),
      gasUsed: 0n,
      gasCost: 0n,
      txs: 0,
    };
    await fundEth(signer, wethIn);
    await send(() => contracts.usdc.faucet(signer.address, usdcIn));
    await send(() => contracts.weth.connect(signer).deposit({ value: wethIn }));
    for (const token of [contracts.weth, contracts.usdc, contracts.reward]) {
      await send(() => token.connect(signer).approve(router, MaxUint256));
    }
    const into = book.strategy === "vault" ? vault : farm;
    await send(() => contracts.pair.connect(signer).approve(into, MaxUint256));
    await addAndStake(contracts, signer, book, send, { wethAddress, usdcAddress });
    books.push(book);
  }

  // Traders: each can make every trade of the run on either side, even after the price of WETH
  // falls to a quarter, and the arbitrageur can move the pool's price 4× either way (minted tokens
  // cost the simulation nothing).
  const traderSigners = agents.slice(config.farmers, config.farmers + config.traders);
  const poolAtStart = await readMarket(contracts);
  const traderUsdc =
    config.dailyVolumeUsdc * USDC * 2n * BigInt(config.days) + 4n * poolAtStart.usdc;
  for (const signer of traderSigners) {
    const market = await readMarket(contracts);
    const wethBag = (4n * traderUsdc * market.weth) / market.usdc;
    await fundEth(signer, wethBag);
    await send(() => contracts.usdc.faucet(signer.address, traderUsdc));
    await send(() => contracts.weth.connect(signer).deposit({ value: wethBag }));
    await send(() => contracts.weth.connect(signer).approve(router, MaxUint256));
    await send(() => contracts.usdc.connect(signer).approve(router, MaxUint256));
  }

  const pool: PoolRow[] = [];
  const rows: StrategyRow[] = [];
  const started = performance.now();
  transactions = 0;
  const tradeSize =
    config.tradesPerDay === 0 ? 0n : (config.dailyVolumeUsdc * USDC) / BigInt(config.tradesPerDay);
  let closing: Market | undefined;
  const wallets: (Holdings | undefined)[] = books.map(() => undefined);
  const acted = new Set<number>();
  const start0 = await readMarket(contracts);
  /** USDC base units per whole WETH, outside the pool. */
  let outsidePrice = (start0.usdc * 10n ** 18n) / start0.weth;
  const vaultBooks = books.filter((b) => b.strategy === "vault");
  for (let day = 1; day <= config.days; day += 1) {
    let volume = 0n;
    // The keeper harvests the vault first thing each day from the second on: its TWAP windows then
    // close over the day before, when the pool sat at the arbitrageur's price almost all along,
    // and the day's first harvest would find no window closed yet. The gas is its depositors'.
    let harvestMarket: Market | undefined;
    if (vaultBooks.length > 0 && day > 1) {
      const keeper: FarmerBook = { ...vaultBooks[0], gasUsed: 0n, gasCost: 0n, txs: 0 };
      await send(() => contracts.vault.harvest(GAS), keeper);
      shareGas(vaultBooks, keeper);
      harvestMarket = await readMarket(contracts);
    }
    // Sells are sized at the day's opening price (the last close): no read per trade.
    const opening = closing ?? (await readMarket(contracts));
    for (let t = 0; t < config.tradesPerDay; t += 1) {
      const trader = traderSigners[prng.below(traderSigners.length)];
      const sizeUsdc = prng.scale(tradeSize, 500, 1500);
      const buy = prng.chance(500);
      if (sizeUsdc === 0n) continue;
      const amountIn = buy ? sizeUsdc : (sizeUsdc * opening.weth) / opening.usdc;
      const path = buy ? [usdcAddress, wethAddress] : [wethAddress, usdcAddress];
      await send(() =>
        contracts.router
          .connect(trader)
          .swapExactTokensForTokens(amountIn, 0n, path, trader.address, MaxUint256, GAS),
      );
      volume += sizeUsdc;
    }
    if (traderSigners.length > 0) {
      const step = BigInt(
        prng.chance(config.buyPermille)
          ? 1000 + config.volatilityPermille
          : 1000 - config.volatilityPermille,
      );
      outsidePrice = (outsidePrice * step) / 1000n;
      volume += await arbitrage(contracts, traderSigners[0], outsidePrice, send, {
        wethAddress,
        usdcAddress,
      });
    }
    acted.clear();
    for (const [i, book] of books.entries()) {
      const signer = farmerSigners[i];
      if (
        book.strategy === "compound-daily" ||
        (book.strategy === "compound-weekly" && day % 7 === 0)
      ) {
        await compound(contracts, signer, book, send, { wethAddress, usdcAddress, rwdAddress });
        acted.add(i);
      } else if (book.strategy === "harvest-and-hold" && day % 7 === 0) {
        await send(() => contracts.farm.connect(signer).harvest(PID, signer.address, GAS), book);
        acted.add(i);
      }
    }
    clock = start + day * DAY;
    await networkHelpers.time.increaseTo(clock);

    const market = await readMarket(contracts);
    closing = market;
    const volumeUsdc = fromUnits(volume, USDC_DECIMALS);
    pool.push({
      day,
      price: wethPrice(market),
      tvl: fromUnits(market.usdc * 2n, USDC_DECIMALS),
      volume: volumeUsdc,
      fees: volumeUsdc.mul("0.003"),
    });
    // A vault farmer's LP grows by the harvest's new liquidity, minted at the harvest's prices.
    for (const book of vaultBooks) {
      const lp = await contracts.vault.convertToAssets(
        await contracts.vault.balanceOf(book.address),
      );
      if (lp > book.lp && harvestMarket !== undefined) {
        bookNewLp(book, lp - book.lp, harvestMarket);
      }
    }
    // A wallet changes only when its farmer acts: the others need only their pending reward read.
    // A vault farmer's pending reward is its shares' part of the vault's (what the farm owes it and
    // what it holds unsold), which the next harvests compound for it.
    const vaultPending =
      vaultBooks.length === 0
        ? undefined
        : await Promise.all([
            Promise.all([
              contracts.farm.pendingReward(PID, vault),
              contracts.vault.unsoldRewards(),
            ]).then(([owed, unsold]) => owed + unsold),
            contracts.vault.totalSupply(),
          ]);
    const positions = await Promise.all(
      books.map(async (b, i) => {
        const [wallet, pending] = await Promise.all([
          wallets[i] === undefined || acted.has(i)
            ? readWallet(contracts, b.address)
            : Promise.resolve(wallets[i]),
          b.strategy === "vault" && vaultPending !== undefined
            ? contracts.vault
                .balanceOf(b.address)
                .then((shares) => (vaultPending[0] * shares) / vaultPending[1])
            : contracts.farm.pendingReward(PID, b.address),
        ]);
        wallets[i] = wallet;
        return valuePosition(b, { ...wallet, rwd: wallet.rwd + pending }, market);
      }),
    );
    for (const strategy of config.strategies) {
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
    onDay(day);
  }
  return {
    config,
    pool,
    rows,
    farmers: books,
    transactions,
    loopMs: performance.now() - started,
  };
}

/** Splits a shared transaction's gas between the farmers it served; the first pays the remainder. */
function shareGas(books: FarmerBook[], paid: FarmerBook): void {
  const n = BigInt(books.length);
  for (const [i, book] of books.entries()) {
    book.gasUsed += paid.gasUsed / n + (i === 0 ? paid.gasUsed % n : 0n);
    book.gasCost += paid.gasCost / n + (i === 0 ? paid.gasCost % n : 0n);
    // One transaction, however many it served: counted once.
    if (i === 0) book.txs += paid.txs;
  }
}

/** Books `lp` new LP as minted from its share of the pool's reserves in `market`. */
function bookNewLp(book: FarmerBook, lp: bigint, market: Market): void {
  book.intoLp.weth += (lp * market.weth) / market.lpSupply;
  book.intoLp.usdc += (lp * market.usdc) / market.lpSupply;
  book.lp += lp;
  book.lpTimesGrowth = book.lpTimesGrowth.plus(fromUnits(lp, 18).mul(growthPerLp(market)));
}

interface Addresses {
  wethAddress: string;
  usdcAddress: string;
}

/** Adds all the farmer's WETH and USDC to the pool and stakes the LP minted; updates the ledger. */
async function addAndStake(
  contracts: SimContracts,
  signer: HardhatEthersSigner,
  book: FarmerBook,
  send: Send,
  { wethAddress, usdcAddress }: Addresses,
): Promise<void> {
  const [weth, usdc] = await Promise.all([
    contracts.weth.balanceOf(signer.address),
    contracts.usdc.balanceOf(signer.address),
  ]);
  if (weth === 0n || usdc === 0n) return;
  const router = contracts.router.connect(signer);
  await send(
    () =>
      router.addLiquidity(
        wethAddress,
        usdcAddress,
        weth,
        usdc,
        0n,
        0n,
        signer.address,
        MaxUint256,
        GAS,
      ),
    book,
  );
  const [lp, wethLeft, usdcLeft, market] = await Promise.all([
    contracts.pair.balanceOf(signer.address),
    contracts.weth.balanceOf(signer.address),
    contracts.usdc.balanceOf(signer.address),
    readMarket(contracts),
  ]);
  book.intoLp.weth += weth - wethLeft;
  book.intoLp.usdc += usdc - usdcLeft;
  book.lpTimesGrowth = book.lpTimesGrowth.plus(fromUnits(lp, 18).mul(growthPerLp(market)));
  if (book.strategy === "vault") {
    const vault = contracts.vault.connect(signer);
    await send(() => vault.deposit(lp, signer.address, GAS), book);
    // The shares' LP, as the vault counts it (its virtual shares round a deposit down).
    book.lp += await vault.convertToAssets(await vault.balanceOf(signer.address));
    return;
  }
  book.lp += lp;
  await send(() => contracts.farm.connect(signer).deposit(PID, lp, signer.address, GAS), book);
}

/** Harvests, sells the RWD for WETH, swaps half of it to USDC and adds and stakes the lot. */
async function compound(
  contracts: SimContracts,
  signer: HardhatEthersSigner,
  book: FarmerBook,
  send: Send,
  addresses: Addresses & { rwdAddress: string },
): Promise<void> {
  const { wethAddress, usdcAddress, rwdAddress } = addresses;
  const router = contracts.router.connect(signer);
  await send(() => contracts.farm.connect(signer).harvest(PID, signer.address, GAS), book);
  const rwd = await contracts.reward.balanceOf(signer.address);
  if (rwd === 0n) return;
  await send(
    () =>
      router.swapExactTokensForTokens(
        rwd,
        0n,
        [rwdAddress, wethAddress],
        signer.address,
        MaxUint256,
        GAS,
      ),
    book,
  );
  const weth = await contracts.weth.balanceOf(signer.address);
  await send(
    () =>
      router.swapExactTokensForTokens(
        weth / 2n,
        0n,
        [wethAddress, usdcAddress],
        signer.address,
        MaxUint256,
        GAS,
      ),
    book,
  );
  await addAndStake(contracts, signer, book, send, addresses);
}

/** ⌊√n⌋ by Newton's method. */
export function sqrtDown(n: bigint): bigint {
  if (n < 0n) throw new RangeError("square root of a negative number");
  if (n < 2n) return n;
  let x = n;
  let y = (x + 1n) / 2n;
  while (y < x) {
    x = y;
    y = (x + n / x) / 2n;
  }
  return x;
}

/**
 * Moves the pool's price to `price` (USDC base units per whole WETH) with one swap, as an
 * arbitrageur with an outside market would: the constant product k fixes the reserves at that
 * price, x' = √(k / P) and y' = √(k · P), and the swap puts in the difference on the short side
 * (the fee leaves the price a hair short of the target). Returns the swap's size in USDC units.
 */
async function arbitrage(
  contracts: SimContracts,
  signer: HardhatEthersSigner,
  price: bigint,
  send: Send,
  { wethAddress, usdcAddress }: Addresses,
): Promise<bigint> {
  const market = await readMarket(contracts);
  const k = market.weth * market.usdc;
  const wethTarget = sqrtDown((k * 10n ** 18n) / price);
  const usdcTarget = sqrtDown((k * price) / 10n ** 18n);
  const router = contracts.router.connect(signer);
  if (usdcTarget > market.usdc) {
    const amountIn = usdcTarget - market.usdc;
    await send(() =>
      router.swapExactTokensForTokens(
        amountIn,
        0n,
        [usdcAddress, wethAddress],
        signer.address,
        MaxUint256,
        GAS,
      ),
    );
    return amountIn;
  }
  if (wethTarget > market.weth) {
    const amountIn = wethTarget - market.weth;
    await send(() =>
      router.swapExactTokensForTokens(
        amountIn,
        0n,
        [wethAddress, usdcAddress],
        signer.address,
        MaxUint256,
        GAS,
      ),
    );
    return (amountIn * market.usdc) / market.weth;
  }
  return 0n;
}
