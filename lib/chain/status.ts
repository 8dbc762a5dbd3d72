import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import type { NetworkConnection } from "hardhat/types/network";

import { chainIdOf } from "./addresses.js";
import { D, aprFromRewardRate, fromUnits } from "../pure/analytics/index.js";
import { formatTimestamp, formatUnits } from "../pure/format.js";
import { type PairView, lpValueUsd, pairPrice, usdPrices } from "../pure/pricing.js";
import { clientVersionOf } from "./network.js";
import type { Sandbox, SandboxAddresses } from "./sandbox.js";

/** What a status section may read. */
export interface StatusContext {
  connection: NetworkConnection;
  ethers: HardhatEthers;
  sandbox: Sandbox;
  addresses: SandboxAddresses;
  /** The account whose positions are shown: a named actor's name (or its address) and address. */
  account: { label: string; address: string };
}

/**
 * One block of the status view: a table for people (`head`, `rows` of display strings) and the
 * same facts for machines (`data`, amounts in base units as decimal strings).
 */
export interface StatusSection {
  /** The section's name in the JSON output. */
  key: string;
  title: string;
  head: string[];
  rows: string[][];
  data: unknown;
}

/** The tokens shown in supplies and balances: every ERC-20 of the sandbox. */
function tokensOf(sandbox: Sandbox) {
  return [
    { key: "weth", token: sandbox.weth },
    { key: "usdc", token: sandbox.usdc },
    { key: "dai", token: sandbox.dai },
    { key: "reward", token: sandbox.reward },
    { key: "governance", token: sandbox.governance },
  ] as const;
}

/** The chain: network name, chain id, client, latest block and its time. */
export async function chainSection({ connection, ethers }: StatusContext): Promise<StatusSection> {
  const chainId = await chainIdOf(connection);
  const client = await clientVersionOf(connection);
  const block = await ethers.provider.getBlock("latest");
  if (block === null) throw new Error("the node returned no latest block");
  const data = {
    network: connection.networkName,
    chainId: Number(chainId),
    client,
    block: block.number,
    timestamp: block.timestamp,
    time: formatTimestamp(BigInt(block.timestamp)),
  };
  return {
    key: "chain",
    title: "chain",
    head: ["network", "chain id", "client", "block", "time (UTC)"],
    rows: [[data.network, String(data.chainId), client, String(data.block), data.time]],
    data,
  };
}

/** Each token of the sandbox with its address and total supply. */
export async function tokensSection({ sandbox }: StatusContext): Promise<StatusSection> {
  const data = await Promise.all(
    tokensOf(sandbox).map(async ({ key, token }) => {
      const [symbol, decimals, totalSupply, address] = await Promise.all([
        token.symbol(),
        token.decimals(),
        token.totalSupply(),
        token.getAddress(),
      ]);
      return { key, symbol, address, decimals: Number(decimals), totalSupply };
    }),
  );
  return {
    key: "tokens",
    title: "tokens",
    head: ["token", "address", "decimals", "total supply"],
    rows: data.map((t) => [
      t.symbol,
      t.address,
      String(t.decimals),
      formatUnits(t.totalSupply, t.decimals),
    ]),
    data: data.map((t) => ({ ...t, totalSupply: t.totalSupply.toString() })),
  };
}

/** The chosen account's ETH and token balances. */
export async function accountSection({
  ethers,
  sandbox,
  account,
}: StatusContext): Promise<StatusSection> {
  const eth = {
    symbol: "ETH",
    decimals: 18,
    balance: await ethers.provider.getBalance(account.address),
  };
  const tokens = await Promise.all(
    tokensOf(sandbox).map(async ({ token }) => {
      const [symbol, decimals, balance] = await Promise.all([
        token.symbol(),
        token.decimals(),
        token.balanceOf(account.address),
      ]);
      return { symbol, decimals: Number(decimals), balance };
    }),
  );
  const balances = [eth, ...tokens];
  return {
    key: "account",
    title: `account ${account.label}`,
    head: ["asset", "balance"],
    rows: balances.map((b) => [b.symbol, formatUnits(b.balance, b.decimals)]),
    data: {
      name: account.label,
      address: account.address,
      balances: Object.fromEntries(balances.map((b) => [b.symbol, b.balance.toString()])),
    },
  };
}

const percent = (wad: bigint) => `${fromUnits(wad * 100n, 18).toFixed(2)}%`;

/** The sandbox's AMM pairs with their tokens, reserves and prices. */
async function readPairs({ ethers, sandbox }: StatusContext): Promise<PairView[]> {
  const pairs = [
    { key: "pairWethUsdc", pair: sandbox.pairWethUsdc },
    { key: "pairWethDai", pair: sandbox.pairWethDai },
    { key: "pairRewardWeth", pair: sandbox.pairRewardWeth },
  ] as const;
  return Promise.all(
    pairs.map(async ({ key, pair }) => {
      const [[reserve0, reserve1], totalSupply, a0, a1] = await Promise.all([
        pair.getReserves(),
        pair.totalSupply(),
        pair.token0(),
        pair.token1(),
      ]);
      const token = async (address: string) => {
        const erc20 = await ethers.getContractAt("MockERC20", address);
        const [symbol, decimals] = await Promise.all([erc20.symbol(), erc20.decimals()]);
        return { address, symbol, decimals: Number(decimals) };
      };
      const [token0, token1] = await Promise.all([token(a0), token(a1)]);
      const price = pairPrice(reserve0, reserve1, token0.decimals, token1.decimals);
      return {
        key,
        address: await pair.getAddress(),
        token0,
        token1,
        reserve0,
        reserve1,
        totalSupply,
        price,
      };
    }),
  );
}

/** Each AMM pool: its reserves and its price both ways. */
export async function poolsSection(ctx: StatusContext): Promise<StatusSection> {
  const pairs = await readPairs(ctx);
  return {
    key: "pools",
    title: "AMM pools",
    head: ["pool", "reserves", "price", "LP supply"],
    rows: pairs.map((p) => [
      `${p.token0.symbol}/${p.token1.symbol}`,
      `${formatUnits(p.reserve0, p.token0.decimals)} ${p.token0.symbol} + ${formatUnits(p.reserve1, p.token1.decimals)} ${p.token1.symbol}`,
      p.price.isZero()
        ? "—"
        : `1 ${p.token0.symbol} = ${p.price.toSignificantDigits(8).toFixed()} ${p.token1.symbol}`,
      formatUnits(p.totalSupply, 18),
    ]),
    data: pairs.map((p) => ({
      key: p.key,
      address: p.address,
      token0: p.token0.symbol,
      token1: p.token1.symbol,
      reserve0: p.reserve0.toString(),
      reserve1: p.reserve1.toString(),
      totalSupply: p.totalSupply.toString(),
      price: p.price.toSignificantDigits(18).toFixed(),
    })),
  };
}

/**
 * Each farm pool: what it stakes, its weight, the value staked and its reward APR at the
 * current emission (analytics' aprFromRewardRate, prices from the sandbox's pools).
 */
export async function farmsSection(ctx: StatusContext): Promise<StatusSection> {
  const { sandbox, addresses } = ctx;
  const pairs = await readPairs(ctx);
  const prices = usdPrices(addresses, pairs);
  const [count, totalAlloc, rewardPerSecond] = await Promise.all([
    sandbox.farm.poolLength(),
    sandbox.farm.totalAllocPoint(),
    sandbox.farm.rewardPerSecond(),
  ]);
  const rewardPrice = prices.get(addresses.reward) ?? new D(0);
  const pools = [];
  for (let pid = 0n; pid < count; pid += 1n) {
    const info = await sandbox.farm.poolInfo(pid);
    const pair = pairs.find((p) => p.address === info.token);
    let name: string;
    let stakedUsd: D | undefined;
    if (pair !== undefined) {
      name = `${pair.token0.symbol}/${pair.token1.symbol} LP`;
      stakedUsd = lpValueUsd(pair, prices, info.totalStaked);
    } else {
      name = info.token === addresses.reward ? "RWD" : info.token;
      const price = prices.get(info.token);
      if (price !== undefined) stakedUsd = fromUnits(info.totalStaked, 18).mul(price);
    }
    const poolRate = totalAlloc === 0n ? 0n : (rewardPerSecond * info.allocPoint) / totalAlloc;
    const apr =
      stakedUsd === undefined || stakedUsd.isZero()
        ? null
        : aprFromRewardRate({
            rewardPerSecond: poolRate,
            rewardDecimals: 18,
            rewardPriceUsd: rewardPrice,
            tvlUsd: stakedUsd,
          });
    pools.push({
      pid: Number(pid),
      name,
      allocPoint: info.allocPoint,
      totalStaked: info.totalStaked,
      stakedUsd,
      apr,
    });
  }
  return {
    key: "farms",
    title: "farm pools (reward APR at the base emission)",
    head: ["pid", "stakes", "weight", "staked", "staked (USD)", "reward APR"],
    rows: pools.map((p) => [
      String(p.pid),
      p.name,
      `${p.allocPoint}/${totalAlloc}`,
      formatUnits(p.totalStaked, 18),
      p.stakedUsd === undefined ? "—" : p.stakedUsd.toFixed(2),
      p.apr === null ? "— (nothing staked)" : `${p.apr.mul(100).toFixed(2)}%`,
    ]),
    data: pools.map((p) => ({
      pid: p.pid,
      stakes: p.name,
      allocPoint: p.allocPoint.toString(),
      totalStaked: p.totalStaked.toString(),
      stakedUsd: p.stakedUsd?.toFixed(6) ?? null,
      rewardApr: p.apr?.toFixed(6) ?? null,
    })),
  };
}

/** Each asset of the lending market: utilization and the supply and borrow rates, APR and APY. */
export async function lendingSection({ ethers, sandbox }: StatusContext): Promise<StatusSection> {
  const market = sandbox.lendingMarket;
  const assets = await market.assets();
  const data = await Promise.all(
    assets.map(async (asset) => {
      const token = await ethers.getContractAt("MockERC20", asset);
      const [symbol, utilization, supplyApr, borrowApr, supplyApy, borrowApy] = await Promise.all([
        token.symbol(),
        market.utilization(asset),
        market.supplyApr(asset),
        market.borrowApr(asset),
        market.supplyApy(asset),
        market.borrowApy(asset),
      ]);
      return { asset, symbol, utilization, supplyApr, borrowApr, supplyApy, borrowApy };
    }),
  );
  return {
    key: "lending",
    title: "lending market",
    head: ["asset", "utilization", "supply APR", "supply APY", "borrow APR", "borrow APY"],
    rows: data.map((d) => [
      d.symbol,
      percent(d.utilization),
      percent(d.supplyApr),
      percent(d.supplyApy),
      percent(d.borrowApr),
      percent(d.borrowApy),
    ]),
    data: data.map((d) => ({
      asset: d.asset,
      symbol: d.symbol,
      utilization: d.utilization.toString(),
      supplyApr: d.supplyApr.toString(),
      borrowApr: d.borrowApr.toString(),
      supplyApy: d.supplyApy.toString(),
      borrowApy: d.borrowApy.toString(),
    })),
  };
}

/**
 * Who holds each admin power: the owner (or fee setter) of each owned contract and whether the
 * timelock holds each AccessControl contract's admin role, beside the timelock's delay.
 */
export async function governanceSection({ sandbox }: StatusContext): Promise<StatusSection> {
  const timelock = await sandbox.timelock.getAddress();
  const delay = await sandbox.timelock.getMinDelay();
  const owned = [
    "farm",
    "governanceFarm",
    "staking",
    "lendingMarket",
    "flashLender",
    "reporterOracle",
    "spotPriceOracle",
    "twapPriceOracle",
  ] as const;
  const adminRole = await sandbox.reward.DEFAULT_ADMIN_ROLE();
  const holders = [
    ...(await Promise.all(owned.map(async (key) => [key, await sandbox[key].owner()] as const))),
    ["factory", await sandbox.factory.feeToSetter()] as const,
    ...(await Promise.all(
      (["reward", "governance", "liquidStaking"] as const).map(
        async (key) =>
          [
            key,
            (await sandbox[key].hasRole(adminRole, timelock)) ? timelock : "not the timelock",
          ] as const,
      ),
    )),
  ];
  const label = (holder: string) => (holder === timelock ? "timelock" : holder);
  return {
    key: "governance",
    title: `governance (timelock ${timelock}, delay ${delay} s)`,
    head: ["contract", "admin"],
    rows: holders.map(([key, holder]) => [key, label(holder)]),
    data: {
      timelock,
      governor: await sandbox.governor.getAddress(),
      minDelay: delay.toString(),
      admins: Object.fromEntries(holders),
    },
  };
}

/**
 * The sections of the status view, in display order. A protocol that lands adds one function
 * (pools with reserves and prices, farms with APR, the market's rates, the account's positions)
 * and lists it here.
 */
export const STATUS_SECTIONS: readonly ((ctx: StatusContext) => Promise<StatusSection>)[] = [
  chainSection,
  tokensSection,
  poolsSection,
  farmsSection,
  lendingSection,
  accountSection,
  governanceSection,
];
