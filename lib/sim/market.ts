/**
 * The market around the farm: traders swapping through the WETH/USDC pool in a seeded order and
 * size, the outside price of WETH, and the arbitrageur who brings the pool to it. Trades and the
 * arbitrage after them share the day's first blocks: the arbitrage is sized from the reserves the
 * trades will leave, computed with the pool's own 0.3% formula, so no read stands between them.
 */
import { MaxUint256 } from "ethers";

import { getAmountOut } from "../pure/amm.js";
import type { Tx } from "./blocks.js";
import type { SimContracts } from "./deploy.js";
import type { Random } from "./random.js";
import type { Market } from "./valuation.js";

/** A swap's gas limit: about 90,000 used. */
const SWAP_GAS = 300_000n;

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

/** A swap through the WETH/USDC pool: USDC in (a buy of WETH) or WETH in. */
export interface Swap {
  buy: boolean;
  amountIn: bigint;
}

/** The pool's reserves after a swap, by the pair's formula (the fee stays in the pool). */
export function afterSwap(pool: { weth: bigint; usdc: bigint }, swap: Swap) {
  if (swap.buy) {
    const out = getAmountOut(swap.amountIn, pool.usdc, pool.weth);
    return { weth: pool.weth - out, usdc: pool.usdc + swap.amountIn };
  }
  const out = getAmountOut(swap.amountIn, pool.weth, pool.usdc);
  return { weth: pool.weth + swap.amountIn, usdc: pool.usdc - out };
}

/**
 * The one swap that moves the pool's price to `price` (USDC base units per whole WETH), as an
 * arbitrageur with an outside market would: the constant product k fixes the reserves at that
 * price, x' = √(k / P) and y' = √(k · P), and the swap puts in the difference on the short side
 * (the fee leaves the price a hair short of the target). undefined when the pool is there already.
 */
export function arbitrageSwap(
  pool: { weth: bigint; usdc: bigint },
  price: bigint,
): Swap | undefined {
  const k = pool.weth * pool.usdc;
  const wethTarget = sqrtDown((k * 10n ** 18n) / price);
  const usdcTarget = sqrtDown((k * price) / 10n ** 18n);
  if (usdcTarget > pool.usdc) return { buy: true, amountIn: usdcTarget - pool.usdc };
  if (wethTarget > pool.weth) return { buy: false, amountIn: wethTarget - pool.weth };
  return undefined;
}

/** Addresses the market's transactions go to. */
export interface MarketAddresses {
  weth: string;
  usdc: string;
  router: string;
}

/** The router call of a swap from `trader` to itself. */
export function swapTx(
  contracts: SimContracts,
  at: MarketAddresses,
  trader: string,
  swap: Swap,
  label: string,
): Tx {
  const path = swap.buy ? [at.usdc, at.weth] : [at.weth, at.usdc];
  return {
    from: trader,
    to: at.router,
    data: contracts.router.interface.encodeFunctionData("swapExactTokensForTokens", [
      swap.amountIn,
      0n,
      path,
      trader,
      MaxUint256,
    ]),
    gas: SWAP_GAS,
    label,
  };
}

/** What the market does in a day: the traders' swaps and the arbitrage, and the USDC volume. */
export interface MarketDay {
  txs: Tx[];
  volume: bigint;
}

/**
 * The day's trades, `count` swaps of `size` USDC ×(0.5…1.5) each by traders drawn at random, sells
 * sized at the opening price, then the arbitrage to `outsidePrice` by the first trader.
 */
export function marketDay(
  contracts: SimContracts,
  at: MarketAddresses,
  traders: readonly string[],
  opening: Market,
  plan: { count: number; size: bigint; outsidePrice: bigint },
  random: Random,
): MarketDay {
  const txs: Tx[] = [];
  let volume = 0n;
  let pool = { weth: opening.weth, usdc: opening.usdc };
  for (let t = 0; t < plan.count; t += 1) {
    const trader = traders[random.below(traders.length)];
    const sizeUsdc = random.scale(plan.size, 500, 1500);
    const buy = random.chance(500);
    if (sizeUsdc === 0n) continue;
    const swap = { buy, amountIn: buy ? sizeUsdc : (sizeUsdc * opening.weth) / opening.usdc };
    txs.push(swapTx(contracts, at, trader, swap, `trade ${t + 1}`));
    pool = afterSwap(pool, swap);
    volume += sizeUsdc;
  }
  if (traders.length > 0) {
    const arb = arbitrageSwap(pool, plan.outsidePrice);
    if (arb !== undefined) {
      txs.push(swapTx(contracts, at, traders[0], arb, "the arbitrage"));
      volume += arb.buy ? arb.amountIn : (arb.amountIn * pool.usdc) / pool.weth;
    }
  }
  return { txs, volume };
}
