import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import type { NetworkConnection } from "hardhat/types/network";

import { chainIdOf } from "./addresses.js";
import { formatTimestamp, formatUnits } from "./format.js";
import { clientVersionOf } from "./node.js";
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
  accountSection,
  governanceSection,
];
