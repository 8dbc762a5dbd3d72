import { expect } from "chai";

import { D } from "../../lib/pure/analytics/decimal.js";
import { deploySimMarket } from "../../lib/sim/deploy.js";
import { STRATEGIES } from "../../lib/sim/valuation.js";
import { records } from "../../lib/sim/output.js";
import { type SimConfig, type SimResult, runSimulation } from "../../lib/sim/run.js";
import { ethers, loadFixture, networkHelpers } from "../helpers/connection.js";
import { sandboxFixture } from "../helpers/fixtures.js";

/** The seeded WETH/USDC pool's price before anyone trades: 200,000 USDC for 100 WETH. */
const ENTRY_PRICE = new D(2000);
/** The split into fees, rewards and IL is exact up to decimal rounding, far below a cent. */
const SUM_TOLERANCE = new D("1e-12");
/** Values read back from the chain round each token amount down to its base unit. */
const VALUE_TOLERANCE = new D("1e-4");

const TINY: SimConfig = {
  seed: 42,
  days: 8,
  farmers: 5,
  traders: 2,
  strategies: STRATEGIES,
  depositUsdc: 10_000n,
  dailyVolumeUsdc: 40_000n,
  tradesPerDay: 4,
  priceModel: { kind: "steps", upPermille: 800, volatilityPermille: 30 },
  rewardPerDay: 500n,
  blockTxs: 8,
};

async function simFixture() {
  const sandbox = await loadFixture(sandboxFixture);
  const contracts = await deploySimMarket(sandbox, TINY.rewardPerDay);
  return { sandbox, contracts };
}

const fromUnits = (amount: bigint, decimals: number) =>
  new D(amount.toString()).div(new D(10).pow(decimals));

describe("the yield simulator on a tiny run", function () {
  let first: SimResult;
  let contracts: Awaited<ReturnType<typeof simFixture>>["contracts"];

  before(async function () {
    ({ contracts } = await loadFixture(simFixture));
    first = await runSimulation({ ethers, networkHelpers }, contracts, TINY);
  });

  it("records one row per strategy and day, and one pool row per day", function () {
    expect(first.rows).to.have.length(TINY.days * STRATEGIES.length);
    expect(first.pool.map((p) => p.day)).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const strategy of STRATEGIES) {
      expect(first.rows.filter((r) => r.strategy === strategy)).to.have.length(TINY.days);
    }
  });

  it("mines the last day as a chain would: blocks of at most 8 transactions, 12 s apart, then the day's closing block", async function () {
    const latest = await ethers.provider.getBlockNumber();
    const blocks: { timestamp: number; txs: number }[] = [];
    for (let n = latest; n > latest - 30; n -= 1) {
      const block = (await ethers.provider.send("eth_getBlockByNumber", [
        `0x${n.toString(16)}`,
        false,
      ])) as { timestamp: string; transactions: string[] };
      blocks.push({ timestamp: Number(block.timestamp), txs: block.transactions.length });
    }
    const [close, ...day] = blocks;
    expect(close.txs, "the closing block is empty").to.equal(0);
    expect(day.every((b) => b.txs <= 8)).to.be.true;
    expect(
      day.some((b) => b.txs > 1),
      "some block holds several transactions",
    ).to.be.true;
    const withTxs = day.filter((b) => b.txs > 0);
    for (let i = 1; i < withTxs.length && i < 5; i += 1) {
      expect(withTxs[i - 1].timestamp - withTxs[i].timestamp).to.equal(12);
    }
    expect(first.blocks).to.be.lessThan(first.transactions);
  });

  it("splits every row's PnL against holding into fees, rewards and impermanent loss that add up", function () {
    for (const row of first.rows) {
      const sum = row.fees.plus(row.rewards).plus(row.il);
      expect(sum.minus(row.pnlVsHodl).abs().lte(SUM_TOLERANCE), `${row.strategy} day ${row.day}`).to
        .be.true;
      expect(row.value.minus(row.hodl).minus(row.pnlVsHodl).abs().lte(SUM_TOLERANCE)).to.be.true;
    }
  });

  it("values each strategy as the chain does on the last day", async function () {
    const [[r0, r1], supply, token0, [q0, q1], rwdToken0] = await Promise.all([
      contracts.pair.getReserves(),
      contracts.pair.totalSupply(),
      contracts.pair.token0(),
      contracts.rewardPair.getReserves(),
      contracts.rewardPair.token0(),
    ]);
    const weth = await contracts.weth.getAddress();
    const [wethReserve, usdcReserve] = token0 === weth ? [r0, r1] : [r1, r0];
    const [rwdReserve, rwdPoolWeth] = rwdToken0 === weth ? [q1, q0] : [q0, q1];
    const price = fromUnits(usdcReserve, 6).div(fromUnits(wethReserve, 18));
    const rwdPrice = fromUnits(rwdPoolWeth, 18).div(fromUnits(rwdReserve, 18)).mul(price);
    const last = first.rows.filter((r) => r.day === TINY.days);
    for (const row of last) {
      let value = new D(0);
      let hodl = new D(0);
      for (const book of first.farmers.filter((b) => b.strategy === row.strategy)) {
        const [info, shares, pending, wallet, wethLeft, usdcLeft] = await Promise.all([
          contracts.farm.userInfo(0n, book.address),
          contracts.vault.balanceOf(book.address),
          contracts.farm.pendingReward(0n, book.address),
          contracts.reward.balanceOf(book.address),
          contracts.weth.balanceOf(book.address),
          contracts.usdc.balanceOf(book.address),
        ]);
        const lp = info.amount + (await contracts.vault.convertToAssets(shares));
        // A vault farmer's rewards are its shares' part of what the vault has pending.
        const vaultRewards =
          ((await contracts.farm.pendingReward(0n, await contracts.vault.getAddress())) * shares) /
          (await contracts.vault.totalSupply());
        // The pool's two sides are worth the same at its own price: 2 × the USDC reserve.
        const lpValue = fromUnits(lp * 2n * usdcReserve, 6).div(supply.toString());
        value = value
          .plus(lpValue)
          .plus(fromUnits(pending + wallet + vaultRewards, 18).mul(rwdPrice))
          .plus(fromUnits(wethLeft, 18).mul(price))
          .plus(fromUnits(usdcLeft, 6));
        hodl = hodl
          .plus(fromUnits(book.given.weth, 18).mul(price))
          .plus(fromUnits(book.given.usdc, 6));
      }
      expect(row.value.minus(value).abs().lte(VALUE_TOLERANCE), `${row.strategy} value`).to.be.true;
      expect(row.hodl.minus(hodl).abs().lte(VALUE_TOLERANCE), `${row.strategy} HODL`).to.be.true;
    }
  });

  it("gives a single deposit the closed-form impermanent loss 2·√r / (1 + r) − 1", function () {
    const price = first.pool[first.pool.length - 1].price;
    const r = price.div(ENTRY_PRICE);
    const expected = r.sqrt().mul(2).div(r.plus(1)).minus(1);
    expect(r.minus(1).abs().gt("0.01"), "the price moved").to.be.true;
    const row = first.rows.find((x) => x.day === TINY.days && x.strategy === "never-harvest");
    const book = first.farmers.find((b) => b.strategy === "never-harvest");
    if (row === undefined || book === undefined) throw new Error("no never-harvest farmer");
    const hodlIntoLp = fromUnits(book.intoLp.weth, 18)
      .mul(price)
      .plus(fromUnits(book.intoLp.usdc, 6));
    const il = row.il.div(hodlIntoLp);
    expect(il.minus(expected).abs().lte("1e-6"), `IL ${il} vs ${expected}`).to.be.true;
  });

  it("earns fees of the order of fee rate × volume × pool share", function () {
    const row = first.rows.find((x) => x.day === TINY.days && x.strategy === "never-harvest");
    if (row === undefined) throw new Error("no never-harvest row");
    const volume = first.pool.reduce((acc, p) => acc.plus(p.volume), new D(0));
    const share = row.lpValue.div(first.pool[first.pool.length - 1].tvl);
    const expected = volume.mul("0.003").mul(share);
    expect(
      row.fees.gt(expected.mul("0.8")) && row.fees.lt(expected.mul("1.2")),
      `${row.fees} vs ${expected}`,
    ).to.be.true;
  });

  it("gives compounding farmers more LP than they started with and never-harvest none", function () {
    const byStrategy = Object.fromEntries(first.farmers.map((b) => [b.strategy, b]));
    expect(byStrategy["compound-daily"].lp).to.be.greaterThan(byStrategy["never-harvest"].lp);
    expect(byStrategy["compound-weekly"].lp).to.be.greaterThan(byStrategy["never-harvest"].lp);
    expect(byStrategy["never-harvest"].txs).to.equal(2);
    expect(byStrategy["compound-daily"].gasUsed).to.be.greaterThan(
      byStrategy["compound-weekly"].gasUsed,
    );
  });

  it("books the vault farmer's LP as its shares are worth, and a daily harvest from day 2 as its transactions", async function () {
    const vault = first.farmers.find((b) => b.strategy === "vault");
    if (vault === undefined) throw new Error("no vault farmer");
    // Its own deposit (add liquidity, deposit), then one harvest a day from the second day on.
    expect(vault.txs).to.equal(2 + (TINY.days - 1));
    expect(vault.lp).to.equal(
      await contracts.vault.convertToAssets(await contracts.vault.balanceOf(vault.address)),
    );
    const deposit = first.farmers.find((b) => b.strategy === "never-harvest");
    if (deposit === undefined) throw new Error("no never-harvest farmer");
    expect(vault.lp).to.be.greaterThan(deposit.lp);
  });

  it("gives the vault farmer a higher realised APY than never-harvest when WETH's price stays put", async function () {
    // In the tiny run WETH rises (800‰ of days up), and so does RWD, priced through WETH: holding
    // it beats selling it into the pool. With the price still, the vault sells its RWD before the
    // compounders' sales lower it, and compounds.
    const again = await loadFixture(simFixture);
    const flat = await runSimulation({ ethers, networkHelpers }, again.contracts, {
      ...TINY,
      priceModel: { kind: "steps", upPermille: 500, volatilityPermille: 0 },
    });
    const apy = (strategy: string) => {
      const row = flat.rows.find((x) => x.day === TINY.days && x.strategy === strategy);
      if (row === undefined) throw new Error(`no ${strategy} row`);
      return row.apy;
    };
    expect(apy("vault").gt(apy("never-harvest")), `${apy("vault")} vs ${apy("never-harvest")}`).to
      .be.true;
  });

  it("gives the same rows and ledgers, to the wei, for the same seed", async function () {
    const again = await loadFixture(simFixture);
    const second = await runSimulation({ ethers, networkHelpers }, again.contracts, TINY);
    expect(records(second)).to.deep.equal(records(first));
    const ledger = (r: SimResult) =>
      r.farmers.map((b) => ({ ...b, lpTimesGrowth: b.lpTimesGrowth.toString() }));
    expect(ledger(second)).to.deep.equal(ledger(first));
    expect(second.transactions).to.equal(first.transactions);
  });

  it("gives other rows for another seed", async function () {
    const again = await loadFixture(simFixture);
    const other = await runSimulation({ ethers, networkHelpers }, again.contracts, {
      ...TINY,
      seed: 43,
    });
    expect(records(other)).to.not.deep.equal(records(first));
  });

  it("refuses a run without farmers, in one sentence", async function () {
    const again = await loadFixture(simFixture);
    let message = "";
    try {
      await runSimulation({ ethers, networkHelpers }, again.contracts, { ...TINY, farmers: 0 });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).to.equal("the simulation needs at least one farmer");
  });
});
