/**
 * The simulation's agents: farmers, each following its strategy's policy, and traders. Agents are
 * addresses derived from their role and number and impersonated on the in-process chain, so there
 * can be thousands of them; they get ETH with hardhat_setBalance and USDC from the token's faucet.
 */
import { MaxUint256, getAddress, id, toQuantity } from "ethers";

import { D, fromUnits } from "../pure/analytics/decimal.js";
import type { Blocks, Rpc, Tx } from "./blocks.js";
import type { SimContracts } from "./deploy.js";
import { balancesOf } from "./lens.js";
import { type MarketAddresses, readMarket, swapTx } from "./market.js";
import type { Random } from "./random.js";
import { type FarmerBook, type Market, type Strategy, growthPerLp } from "./valuation.js";

/** The farm's only pool: WETH/USDC LP. */
export const PID = 0n;
const USDC = 10n ** 6n;
/** Gas limits above what each call uses (addLiquidity about 200,000, the rest less). */
const GAS = { approve: 100_000n, mint: 150_000n, add: 400_000n, stake: 400_000n } as const;

/**
 * What a strategy does, and when: where its LP is staked, on which days it harvests, and whether
 * it then sells the rewards and adds them to its stake (on those days).
 */
export interface Policy {
  readonly stakesIn: "farm" | "vault";
  harvestsOn(day: number): boolean;
  compoundsOn(day: number): boolean;
}

const weekly = (day: number) => day % 7 === 0;
const never = () => false;

/** One policy per strategy. The vault farmer does nothing itself: the vault's keeper compounds. */
export const POLICIES: Readonly<Record<Strategy, Policy>> = {
  "harvest-and-hold": { stakesIn: "farm", harvestsOn: weekly, compoundsOn: never },
  "compound-daily": { stakesIn: "farm", harvestsOn: () => true, compoundsOn: () => true },
  "compound-weekly": { stakesIn: "farm", harvestsOn: weekly, compoundsOn: weekly },
  "never-harvest": { stakesIn: "farm", harvestsOn: never, compoundsOn: never },
  vault: { stakesIn: "vault", harvestsOn: never, compoundsOn: never },
};

/** The address of agent `n` of a role: the last 20 bytes of keccak256("sandbox-sim <role> <n>"). */
export function agentAddress(role: "farmer" | "trader", n: number): string {
  return getAddress(`0x${id(`sandbox-sim ${role} ${n}`).slice(-40)}`);
}

/** The addresses the simulation's transactions go to. */
export interface Addresses extends MarketAddresses {
  lens: string;
  rwd: string;
  pair: string;
  farm: string;
  vault: string;
}

export async function addressesOf(contracts: SimContracts): Promise<Addresses> {
  const [weth, usdc, rwd, router, pair, farm, vault, lens] = await Promise.all([
    contracts.weth.getAddress(),
    contracts.usdc.getAddress(),
    contracts.reward.getAddress(),
    contracts.router.getAddress(),
    contracts.pair.getAddress(),
    contracts.farm.getAddress(),
    contracts.vault.getAddress(),
    contracts.lens.getAddress(),
  ]);
  return { weth, usdc, rwd, router, pair, farm, vault, lens };
}

/** A farmer: its ledger and its policy. */
export interface Farmer {
  book: FarmerBook;
  policy: Policy;
  /** A vault farmer's shares, which stay as deposited. */
  shares: bigint;
}

const bookGas =
  (book: FarmerBook) =>
  (gasUsed: bigint, fee: bigint): void => {
    book.gasUsed += gasUsed;
    book.gasCost += fee;
    book.txs += 1;
  };

function call(contracts: SimContracts, at: Addresses, from: string) {
  const router = contracts.router.interface;
  const erc20 = contracts.usdc.interface;
  return {
    approve: (token: string, spender: string, label: string): Tx => ({
      from,
      to: token,
      data: erc20.encodeFunctionData("approve", [spender, MaxUint256]),
      gas: GAS.approve,
      label,
    }),
    add: (weth: bigint, usdc: bigint, label: string): Tx => ({
      from,
      to: at.router,
      data: router.encodeFunctionData("addLiquidity", [
        at.weth,
        at.usdc,
        weth,
        usdc,
        0n,
        0n,
        from,
        MaxUint256,
      ]),
      gas: GAS.add,
      label,
    }),
    stake: (into: "farm" | "vault", lp: bigint, label: string): Tx =>
      into === "vault"
        ? {
            from,
            to: at.vault,
            data: contracts.vault.interface.encodeFunctionData("deposit", [lp, from]),
            gas: GAS.stake,
            label,
          }
        : {
            from,
            to: at.farm,
            data: contracts.farm.interface.encodeFunctionData("deposit", [PID, lp, from]),
            gas: GAS.stake,
            label,
          },
    harvest: (label: string): Tx => ({
      from,
      to: at.farm,
      data: contracts.farm.interface.encodeFunctionData("harvest", [PID, from]),
      gas: GAS.stake,
      label,
    }),
  };
}

/** Gives each address ETH and impersonates it, so that it can send transactions. */
async function unlock(rpc: Rpc, addresses: readonly string[], wei: bigint): Promise<void> {
  for (const address of addresses) {
    await rpc.send("hardhat_impersonateAccount", [address]);
    await rpc.send("hardhat_setBalance", [address, toQuantity(wei)]);
  }
}

/**
 * Brings `count` farmers in: each is handed `depositUsdc` USDC worth, half WETH and half USDC at the
 * pool's price, adds it all to the pool and stakes the LP in the farm (or deposits it in the vault).
 * Strategies are handed out round-robin. Only the add and the stake are booked to the farmer.
 */
export async function bringFarmersIn(
  rpc: Rpc,
  blocks: Blocks,
  contracts: SimContracts,
  at: Addresses,
  config: { farmers: number; strategies: readonly Strategy[]; depositUsdc: bigint },
): Promise<Farmer[]> {
  const market = await readMarket(contracts);
  const usdcIn = (config.depositUsdc * USDC) / 2n;
  const wethIn = (usdcIn * market.weth) / market.usdc;
  const farmers: Farmer[] = Array.from({ length: config.farmers }, (_, i) => {
    const strategy = config.strategies[i % config.strategies.length];
    const address = agentAddress("farmer", i);
    return {
      policy: POLICIES[strategy],
      shares: 0n,
      book: {
        strategy,
        address,
        given: { weth: wethIn, usdc: usdcIn },
        intoLp: { weth: 0n, usdc: 0n },
        lp: 0n,
        lpTimesGrowth: new D(0),
        gasUsed: 0n,
        gasCost: 0n,
        txs: 0,
      },
    };
  });
  await unlock(
    rpc,
    farmers.map((f) => f.book.address),
    wethIn + 10n ** 18n,
  );
  const funding: Tx[] = farmers.flatMap(({ book, policy }) => {
    const c = call(contracts, at, book.address);
    return [
      {
        from: book.address,
        to: at.usdc,
        data: contracts.usdc.interface.encodeFunctionData("faucet", [book.address, usdcIn]),
        gas: GAS.mint,
        label: "a farmer's USDC",
      },
      {
        from: book.address,
        to: at.weth,
        data: contracts.weth.interface.encodeFunctionData("deposit"),
        value: wethIn,
        gas: GAS.mint,
        label: "a farmer's WETH",
      },
      ...[at.weth, at.usdc, at.rwd].map((t) => c.approve(t, at.router, "a farmer's approval")),
      c.approve(at.pair, policy.stakesIn === "vault" ? at.vault : at.farm, "a farmer's approval"),
    ];
  });
  await blocks.play(funding);
  await addAndStake(rpc, blocks, contracts, at, farmers);
  return farmers;
}

/**
 * Adds each farmer's whole WETH and USDC to the pool, then stakes the LP minted; books what went
 * into the pool and the pool's growth per LP at the mint (a block of adds leaves it unchanged).
 */
async function addAndStake(
  rpc: Rpc,
  blocks: Blocks,
  contracts: SimContracts,
  at: Addresses,
  farmers: readonly Farmer[],
): Promise<void> {
  const read = (tokens: string[], of: readonly Farmer[]) =>
    balancesOf(
      rpc,
      contracts.lens,
      at.lens,
      tokens,
      of.map((f) => f.book.address),
    );
  const before = (await read([at.weth, at.usdc], farmers)).map(([weth, usdc], i) => ({
    farmer: farmers[i],
    weth,
    usdc,
  }));
  const adding = before.filter((b) => b.weth > 0n && b.usdc > 0n);
  await blocks.play(
    adding.map(({ farmer, weth, usdc }) => ({
      ...call(contracts, at, farmer.book.address).add(weth, usdc, "a farmer's addLiquidity"),
      onMined: bookGas(farmer.book),
    })),
  );
  const [market, after] = await Promise.all([
    readMarket(contracts),
    read(
      [at.pair, at.weth, at.usdc],
      adding.map((a) => a.farmer),
    ),
  ]);
  const growth = growthPerLp(market);
  const staking: Tx[] = [];
  for (const [i, { farmer, weth, usdc }] of adding.entries()) {
    const [lp, wethLeft, usdcLeft] = after[i];
    const { book } = farmer;
    book.intoLp.weth += weth - wethLeft;
    book.intoLp.usdc += usdc - usdcLeft;
    book.lpTimesGrowth = book.lpTimesGrowth.plus(fromUnits(lp, 18).mul(growth));
    if (farmer.policy.stakesIn === "farm") book.lp += lp;
    staking.push({
      ...call(contracts, at, book.address).stake(farmer.policy.stakesIn, lp, "a farmer's stake"),
      onMined: bookGas(book),
    });
  }
  await blocks.play(staking);
  // A vault farmer's LP is what its shares are worth, as the vault counts it (its virtual shares
  // round a deposit down).
  const depositors = adding.map((a) => a.farmer).filter((f) => f.policy.stakesIn === "vault");
  const shares = await read([at.vault], depositors);
  for (const [i, farmer] of depositors.entries()) {
    farmer.shares = shares[i][0];
    farmer.book.lp += await contracts.vault.convertToAssets(farmer.shares);
  }
}

/**
 * Brings `count` traders in, each able to make every trade of the run on either side even after
 * WETH falls to a quarter, and the first (the arbitrageur) to move the pool's price 4× either way
 * (minted tokens cost the simulation nothing).
 */
export async function bringTradersIn(
  rpc: Rpc,
  blocks: Blocks,
  contracts: SimContracts,
  at: Addresses,
  config: { traders: number; dailyVolumeUsdc: bigint; days: number },
): Promise<string[]> {
  const market = await readMarket(contracts);
  const traderUsdc = config.dailyVolumeUsdc * USDC * 2n * BigInt(config.days) + 4n * market.usdc;
  const wethBag = (4n * traderUsdc * market.weth) / market.usdc;
  const traders = Array.from({ length: config.traders }, (_, i) => agentAddress("trader", i));
  await unlock(rpc, traders, wethBag + 10n ** 18n);
  await blocks.play(
    traders.flatMap((trader) => {
      const c = call(contracts, at, trader);
      return [
        {
          from: trader,
          to: at.usdc,
          data: contracts.usdc.interface.encodeFunctionData("faucet", [trader, traderUsdc]),
          gas: GAS.mint,
          label: "a trader's USDC",
        },
        {
          from: trader,
          to: at.weth,
          data: contracts.weth.interface.encodeFunctionData("deposit"),
          value: wethBag,
          gas: GAS.mint,
          label: "a trader's WETH",
        },
        c.approve(at.weth, at.router, "a trader's approval"),
        c.approve(at.usdc, at.router, "a trader's approval"),
      ];
    }),
  );
  return traders;
}

/**
 * The farmers' day: those whose policy harvests today harvest, in a random order; those whose
 * policy compounds then sell the RWD for WETH, swap half of it to USDC, add both to the pool and
 * stake the LP. Each step is a round of blocks, its amounts read together after the last.
 */
export async function farmersDay(
  rpc: Rpc,
  blocks: Blocks,
  contracts: SimContracts,
  at: Addresses,
  farmers: readonly Farmer[],
  day: number,
  random: Random,
): Promise<Set<Farmer>> {
  const harvesting = random.shuffle(farmers.filter((f) => f.policy.harvestsOn(day)));
  await blocks.play(
    harvesting.map((f) => ({
      ...call(contracts, at, f.book.address).harvest("a farmer's harvest"),
      onMined: bookGas(f.book),
    })),
  );
  const compounding = harvesting.filter((f) => f.policy.compoundsOn(day));
  const balances = async (token: string, of: readonly Farmer[]) =>
    (
      await balancesOf(
        rpc,
        contracts.lens,
        at.lens,
        [token],
        of.map((f) => f.book.address),
      )
    ).map(([b]) => b);

  const rwd = await balances(at.rwd, compounding);
  const selling = compounding.filter((_, i) => rwd[i] > 0n);
  await blocks.play(
    selling.map((f) => ({
      from: f.book.address,
      to: at.router,
      data: contracts.router.interface.encodeFunctionData("swapExactTokensForTokens", [
        rwd[compounding.indexOf(f)],
        0n,
        [at.rwd, at.weth],
        f.book.address,
        MaxUint256,
      ]),
      gas: GAS.add,
      label: "a farmer's sale of RWD",
      onMined: bookGas(f.book),
    })),
  );
  const weth = await balances(at.weth, selling);
  await blocks.play(
    selling.map((f, i) => ({
      ...swapTx(
        contracts,
        at,
        f.book.address,
        { buy: false, amountIn: weth[i] / 2n },
        "a farmer's swap to USDC",
      ),
      onMined: bookGas(f.book),
    })),
  );
  await addAndStake(rpc, blocks, contracts, at, selling);
  return new Set(harvesting);
}

/** Books `lp` new LP as minted from its share of the pool's reserves in `market`. */
export function bookNewLp(book: FarmerBook, lp: bigint, market: Market): void {
  book.intoLp.weth += (lp * market.weth) / market.lpSupply;
  book.intoLp.usdc += (lp * market.usdc) / market.lpSupply;
  book.lp += lp;
  book.lpTimesGrowth = book.lpTimesGrowth.plus(fromUnits(lp, 18).mul(growthPerLp(market)));
}

/** Splits a shared transaction's gas between the farmers it served; the first pays the remainder. */
export function shareGas(books: readonly FarmerBook[], gasUsed: bigint, fee: bigint): void {
  const n = BigInt(books.length);
  for (const [i, book] of books.entries()) {
    book.gasUsed += gasUsed / n + (i === 0 ? gasUsed % n : 0n);
    book.gasCost += fee / n + (i === 0 ? fee % n : 0n);
    // One transaction, however many it served: counted once.
    if (i === 0) book.txs += 1;
  }
}
