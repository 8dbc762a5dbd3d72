import type { Address } from "viem";

import { type PairView, pairPrice, usdPrices } from "../../lib/pure/pricing.js";
import type { Sandbox, Token } from "./chain.js";

export const PAIR_KEYS = ["pairWethUsdc", "pairWethDai", "pairRewardWeth"] as const;

export interface Pool extends PairView {
  address: Address;
  t0: Token;
  t1: Token;
}

/** The sandbox's pairs at the latest block, with their tokens and prices. */
export async function readPools(sandbox: Sandbox): Promise<Pool[]> {
  const abi = sandbox.book.abis.pairWethUsdc;
  return Promise.all(
    PAIR_KEYS.map(async (key) => {
      const address = sandbox.book.addresses[key];
      const read = (functionName: string) =>
        sandbox.client.readContract({ address, abi, functionName });
      const [reserves, totalSupply, a0, a1] = await Promise.all([
        read("getReserves") as Promise<readonly [bigint, bigint, number]>,
        read("totalSupply") as Promise<bigint>,
        read("token0") as Promise<Address>,
        read("token1") as Promise<Address>,
      ]);
      const t0 = sandbox.tokenAt(a0);
      const t1 = sandbox.tokenAt(a1);
      if (t0 === undefined || t1 === undefined) throw new Error(`${key} holds an unknown token`);
      return {
        key,
        address,
        t0,
        t1,
        token0: t0,
        token1: t1,
        reserve0: reserves[0],
        reserve1: reserves[1],
        totalSupply,
        price: pairPrice(reserves[0], reserves[1], t0.decimals, t1.decimals),
      };
    }),
  );
}

/** USD prices of the tokens from the pools (the stablecoins at $1). */
export function pricesOf(sandbox: Sandbox, pools: Pool[]) {
  const a = sandbox.book.addresses;
  return usdPrices({ usdc: a.usdc, dai: a.dai, weth: a.weth, reward: a.reward }, pools);
}

export const poolName = (p: Pool) => `${p.t0.symbol}/${p.t1.symbol}`;

export async function balanceOf(sandbox: Sandbox, token: Address, who: Address): Promise<bigint> {
  return (await sandbox.client.readContract({
    address: token,
    abi: sandbox.book.abis.usdc,
    functionName: "balanceOf",
    args: [who],
  })) as bigint;
}

/**
 * The pool's volatile side first: WETH against a stablecoin, RWD against WETH. `price` is whole
 * quote per whole base, and `flipped` says whether base is token1.
 */
export function sides(pool: Pool): {
  base: Token;
  quote: Token;
  price: Pool["price"];
  flipped: boolean;
} {
  const flipped =
    pool.t0.key === "usdc" ||
    pool.t0.key === "dai" ||
    (pool.t0.key === "weth" && pool.t1.key === "reward");
  return flipped
    ? {
        base: pool.t1,
        quote: pool.t0,
        price: pool.price.isZero() ? pool.price : pool.price.pow(-1),
        flipped,
      }
    : { base: pool.t0, quote: pool.t1, price: pool.price, flipped };
}
