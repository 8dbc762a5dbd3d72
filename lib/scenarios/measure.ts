import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";

import type { Asset, Holdings, QuotePrice, Tracked } from "./types.js";

/**
 * Gas (in wei) paid by `accounts` in the blocks after `sinceBlock` up to the latest one, so that an
 * ETH balance can be read net of the gas its owner spent moving it.
 */
export async function gasSpentSince(
  ethers: HardhatEthers,
  accounts: string[],
  sinceBlock: number,
): Promise<bigint> {
  const wanted = new Set(accounts.map((a) => a.toLowerCase()));
  const latest = await ethers.provider.getBlockNumber();
  let spent = 0n;
  for (let number = sinceBlock + 1; number <= latest; number++) {
    const block = await ethers.provider.getBlock(number, true);
    if (block === null) continue;
    for (const tx of block.prefetchedTransactions) {
      if (!wanted.has(tx.from.toLowerCase())) continue;
      const receipt = await ethers.provider.getTransactionReceipt(tx.hash);
      if (receipt !== null) spent += receipt.gasUsed * receipt.gasPrice;
    }
  }
  return spent;
}

/** Sum of the asset balances of `accounts`. */
export async function balanceOfAll(
  ethers: HardhatEthers,
  asset: Asset,
  accounts: string[],
): Promise<bigint> {
  let total = 0n;
  for (const account of accounts) {
    total +=
      asset.kind === "eth"
        ? await ethers.provider.getBalance(account)
        : await asset.token.balanceOf(account);
  }
  return total;
}

/**
 * Balances of attacker, victims and protocol. ETH balances of people are read net of the gas they
 * paid since `sinceBlock`: a scenario's figures are about the money at risk, not about fees.
 */
export async function measureTracked(
  ethers: HardhatEthers,
  tracked: Tracked,
  sinceBlock: number,
): Promise<Holdings> {
  const { asset } = tracked;
  const withGas = async (accounts: string[]) =>
    (await balanceOfAll(ethers, asset, accounts)) +
    (asset.kind === "eth" ? await gasSpentSince(ethers, accounts, sinceBlock) : 0n);
  return {
    attacker: await withGas(tracked.attacker),
    victims: await withGas(tracked.victims),
    protocol: await balanceOfAll(ethers, asset, [tracked.protocol]),
  };
}

/** The sandbox's ETH as a scenario asset. */
export const ETH: Asset = { kind: "eth", symbol: "ETH", decimals: 18 };

interface PairLike {
  token0(): Promise<string>;
  getReserves(): Promise<[bigint, bigint, bigint]>;
}

/**
 * Prices the scenario's asset in a quote token at a pool's current mid price (reserve ratio, no
 * price impact): what the amounts were worth, not what selling them would fetch.
 */
export function poolPrice(
  pair: PairLike,
  base: string,
  symbol: string,
  decimals: number,
): QuotePrice {
  return {
    symbol,
    decimals,
    async convert(amount: bigint) {
      const [reserve0, reserve1] = await pair.getReserves();
      const baseIsToken0 = (await pair.token0()).toLowerCase() === base.toLowerCase();
      const [reserveBase, reserveQuote] = baseIsToken0
        ? [reserve0, reserve1]
        : [reserve1, reserve0];
      return (amount * reserveQuote) / reserveBase;
    },
  };
}
