import { useMemo, useState } from "react";
import { parseAbiItem } from "viem";
import type { VisualizationSpec } from "vega-embed";

import {
  getAmountOut,
  liquidityMinted,
  lpShare,
  lpWithdrawable,
  priceImpact,
  quote,
} from "../../../lib/pure/amm.js";
import { D, feeApr, feeIncome, fromUnits } from "../../../lib/pure/analytics/index.js";
import { lpValueUsd, pairPrice } from "../../../lib/pure/pricing.js";
import { type Session, type Write, useChainRead, useSession } from "../chain.js";
import { AmountField, Card, Chart, Facts, TxButton, useAmount } from "../components.js";
import { amount, fixed, parseAmount, percent } from "../format.js";
import { type Pool, balanceOf, poolName, pricesOf, readPools, sides } from "../pools.js";

const SWAP = parseAbiItem(
  "event Swap(address indexed sender, uint256 amount0In, uint256 amount1In, uint256 amount0Out, uint256 amount1Out, address indexed to)",
);
const SYNC = parseAbiItem("event Sync(uint112 reserve0, uint112 reserve1)");
const DAY = 86_400n;

interface PoolStats {
  pool: Pool;
  tvlUsd: D | undefined;
  volumeUsd: D;
  feesUsd: D;
  feeApr: D | undefined;
  history: { block: number; price: number }[];
  lpBalance: bigint;
}

/** Each pool with its TVL, the last day's volume and fees from its Swap events, and its Sync history. */
async function readStats(session: Session): Promise<PoolStats[]> {
  const { sandbox, signer, block } = session;
  const pools = await readPools(sandbox);
  const prices = pricesOf(sandbox, pools);
  return Promise.all(
    pools.map(async (pool) => {
      const [swaps, syncs, lpBalance] = await Promise.all([
        sandbox.client.getLogs({ address: pool.address, event: SWAP, fromBlock: 0n }),
        sandbox.client.getLogs({ address: pool.address, event: SYNC, fromBlock: 0n }),
        balanceOf(sandbox, pool.address, signer.address),
      ]);
      const times = new Map<bigint, bigint>();
      await Promise.all(
        [...new Set(swaps.map((s) => s.blockNumber))].map(async (n) =>
          times.set(n, (await sandbox.client.getBlock({ blockNumber: n })).timestamp),
        ),
      );
      const p0 = prices.get(pool.t0.address) ?? new D(0);
      const p1 = prices.get(pool.t1.address) ?? new D(0);
      let volumeUsd = new D(0);
      for (const s of swaps) {
        if ((times.get(s.blockNumber) ?? 0n) < block.timestamp - DAY) continue;
        volumeUsd = volumeUsd
          .plus(fromUnits(s.args.amount0In ?? 0n, pool.t0.decimals).mul(p0))
          .plus(fromUnits(s.args.amount1In ?? 0n, pool.t1.decimals).mul(p1));
      }
      const tvlUsd = lpValueUsd(pool, prices, pool.totalSupply);
      return {
        pool,
        tvlUsd,
        volumeUsd,
        feesUsd: feeIncome(volumeUsd),
        feeApr:
          tvlUsd === undefined || tvlUsd.isZero()
            ? undefined
            : feeApr({ dailyVolumeUsd: volumeUsd, tvlUsd }),
        history: syncs.map((s) => {
          const p = pairPrice(
            s.args.reserve0 ?? 0n,
            s.args.reserve1 ?? 0n,
            pool.t0.decimals,
            pool.t1.decimals,
          );
          return {
            block: Number(s.blockNumber),
            price: (sides(pool).flipped && !p.isZero() ? p.pow(-1) : p).toNumber(),
          };
        }),
        lpBalance,
      };
    }),
  );
}

function PriceChart({ stats }: { stats: PoolStats }) {
  const key = JSON.stringify(stats.history);
  const spec = useMemo<VisualizationSpec>(
    () => ({
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      width: 250,
      height: 120,
      data: { values: stats.history },
      mark: { type: "line", point: true },
      encoding: {
        x: { field: "block", type: "quantitative", title: "block" },
        y: {
          field: "price",
          type: "quantitative",
          title: `${sides(stats.pool).quote.symbol} per ${sides(stats.pool).base.symbol}`,
          scale: { zero: false },
        },
      },
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key],
  );
  return <Chart spec={spec} name={`price-${stats.pool.key}`} />;
}

function deadlineOf(session: Session, minutes: string): bigint | undefined {
  const m = Number(minutes);
  if (!Number.isInteger(m) || m < 1 || m > 10_000) return undefined;
  return session.block.timestamp + BigInt(m * 60);
}

/** Swap with a live quote, price impact, a minimum output from the slippage setting, a deadline. */
function SwapForm({ pools }: { pools: Pool[] }) {
  const session = useSession();
  const { sandbox, signer } = session;
  const [poolKey, setPoolKey] = useState(pools[0].key);
  const [reverse, setReverse] = useState(false);
  const router = sandbox.book.addresses.router;
  const pool = pools.find((p) => p.key === poolKey) ?? pools[0];
  const { base, quote: quoted } = sides(pool);
  const [tIn, tOut] = reverse ? [quoted, base] : [base, quoted];
  const [rIn, rOut] =
    tIn.address === pool.t0.address
      ? [pool.reserve0, pool.reserve1]
      : [pool.reserve1, pool.reserve0];
  const [slippage, setSlippage] = useState("0.5");
  const [minimum, setMinimum] = useState("");
  const [deadline, setDeadline] = useState("20");
  const balance = useChainRead(
    ({ sandbox: s, signer: who }) => balanceOf(s, tIn.address, who.address),
    [tIn.address],
  );
  const amountIn = useAmount(tIn.decimals, tIn.symbol, balance.data, "1");
  const out = amountIn.parsed.ok ? getAmountOut(amountIn.parsed.value, rIn, rOut) : undefined;
  const impact = amountIn.parsed.ok ? priceImpact(amountIn.parsed.value, rIn, rOut) : undefined;
  const slip = Number(slippage);
  const slipOk = /^\d+(\.\d{1,2})?$/.test(slippage) && slip >= 0 && slip <= 50;
  const minByOverride = parseAmount(minimum, tOut.decimals, tOut.symbol);
  const minOut =
    minimum.trim() !== ""
      ? minByOverride.ok
        ? minByOverride.value
        : undefined
      : out !== undefined && slipOk
        ? (out * BigInt(10_000 - Math.round(slip * 100))) / 10_000n
        : undefined;
  const until = deadlineOf(session, deadline);
  // Approval is its own step, as in Uniswap's interface: the swap's confirm then sends the swap
  // alone, so a swap that would revert is refused with nothing sent.
  const allowance = useChainRead(
    ({ sandbox: s, signer: who }) =>
      s.client.readContract({
        address: tIn.address,
        abi: s.book.abis.usdc,
        functionName: "allowance",
        args: [who.address, router],
      }) as Promise<bigint>,
    [tIn.address],
  );
  const value = amountIn.parsed.ok ? amountIn.parsed.value : undefined;
  const approved = value !== undefined && allowance.data !== undefined && allowance.data >= value;
  const approveWrites =
    value !== undefined && allowance.data !== undefined && !approved
      ? (): Write[] => [
          {
            contract: "usdc",
            address: tIn.address,
            functionName: "approve",
            args: [router, value],
          },
        ]
      : undefined;
  const writes =
    value !== undefined && approved && minOut !== undefined && until !== undefined
      ? (): Write[] => [
          {
            contract: "router",
            functionName: "swapExactTokensForTokens",
            args: [value, minOut, [tIn.address, tOut.address], signer.address, until],
          },
        ]
      : undefined;
  return (
    <Card title="Swap" id="swap">
      <div className="form">
        <div className="row">
          <select name="swap-pool" value={poolKey} onChange={(e) => setPoolKey(e.target.value)}>
            {pools.map((p) => (
              <option key={p.key} value={p.key}>
                {poolName(p)}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="secondary"
            name="swap-flip"
            onClick={() => setReverse(!reverse)}
          >
            {tIn.symbol} → {tOut.symbol}
          </button>
        </div>
        <AmountField
          label={`${tIn.symbol} in (balance ${balance.data === undefined ? "…" : amount(balance.data, tIn.decimals)})`}
          name="swap-amount"
          amount={amountIn}
        />
        <label className="form">
          <span>slippage (%)</span>
          <input
            name="swap-slippage"
            value={slippage}
            onChange={(e) => setSlippage(e.target.value)}
          />
          {!slipOk && (
            <span className="invalid">slippage must be 0 to 50 % with at most 2 decimals</span>
          )}
        </label>
        <label className="form">
          <span>minimum {tOut.symbol} out (empty: from the slippage)</span>
          <input name="swap-min-out" value={minimum} onChange={(e) => setMinimum(e.target.value)} />
          {minimum.trim() !== "" && !minByOverride.ok && (
            <span className="invalid">{minByOverride.error}</span>
          )}
        </label>
        <label className="form">
          <span>deadline (minutes from the chain&apos;s time)</span>
          <input
            name="swap-deadline"
            value={deadline}
            onChange={(e) => setDeadline(e.target.value)}
          />
          {until === undefined && (
            <span className="invalid">a whole number of minutes, 1 to 10,000</span>
          )}
        </label>
        <div className="review">
          <Facts
            rows={[
              [
                "you receive",
                out === undefined ? "—" : amount(out, tOut.decimals, tOut.symbol, 6),
                "swap-quote",
              ],
              ["price impact", impact === undefined ? "—" : percent(impact, 3), "swap-impact"],
              [
                "minimum out",
                minOut === undefined ? "—" : amount(minOut, tOut.decimals, tOut.symbol, 6),
                "swap-min",
              ],
            ]}
          />
        </div>
        <TxButton
          label={`Approve ${tIn.symbol}${approved ? " (done)" : ""}`}
          name="swap-approve"
          writes={approveWrites}
          ctx={{ default: tIn }}
        />
        <TxButton
          label="Confirm swap"
          name="swap-confirm"
          writes={writes}
          ctx={{ amountOut: tOut, amountOutMin: tOut, default: tIn }}
        />
      </div>
    </Card>
  );
}

/** Add liquidity at the pool's price, or remove a share of the actor's LP. */
function LiquidityForm({ pools, stats }: { pools: Pool[]; stats: PoolStats[] }) {
  const session = useSession();
  const { sandbox, signer } = session;
  const [poolKey, setPoolKey] = useState(pools[0].key);
  const pool = pools.find((p) => p.key === poolKey) ?? pools[0];
  const lp = stats.find((s) => s.pool.key === pool.key)?.lpBalance ?? 0n;
  const balances = useChainRead(
    async ({ sandbox: s, signer: who }) =>
      Promise.all([
        balanceOf(s, pool.t0.address, who.address),
        balanceOf(s, pool.t1.address, who.address),
      ]),
    [pool.key],
  );
  const add0 = useAmount(pool.t0.decimals, pool.t0.symbol, balances.data?.[0]);
  const add1 = add0.parsed.ok ? quote(add0.parsed.value, pool.reserve0, pool.reserve1) : undefined;
  const add1Ok = add1 !== undefined && balances.data !== undefined && add1 <= balances.data[1];
  const minted =
    add0.parsed.ok && add1 !== undefined
      ? liquidityMinted(add0.parsed.value, add1, pool.reserve0, pool.reserve1, pool.totalSupply)
      : undefined;
  const remove = useAmount(18, "LP", lp);
  const paid = remove.parsed.ok
    ? lpWithdrawable({
        liquidity: remove.parsed.value,
        totalSupply: pool.totalSupply,
        reserveBase: pool.reserve0,
        reserveQuote: pool.reserve1,
      })
    : undefined;
  const router = sandbox.book.addresses.router;
  const until = session.block.timestamp + 1200n;
  const addWrites =
    add0.parsed.ok && add1 !== undefined && add1Ok
      ? (): Write[] => {
          const a0 = (add0.parsed as { value: bigint }).value;
          return [
            {
              contract: "usdc",
              address: pool.t0.address,
              functionName: "approve",
              args: [router, a0],
            },
            {
              contract: "usdc",
              address: pool.t1.address,
              functionName: "approve",
              args: [router, add1],
            },
            {
              contract: "router",
              functionName: "addLiquidity",
              args: [
                pool.t0.address,
                pool.t1.address,
                a0,
                add1,
                (a0 * 995n) / 1000n,
                (add1 * 995n) / 1000n,
                signer.address,
                until,
              ],
            },
          ];
        }
      : undefined;
  const removeWrites =
    remove.parsed.ok && paid !== undefined
      ? (): Write[] => {
          const liquidity = (remove.parsed as { value: bigint }).value;
          return [
            {
              contract: "pairWethUsdc",
              address: pool.address,
              functionName: "approve",
              args: [router, liquidity],
            },
            {
              contract: "router",
              functionName: "removeLiquidity",
              args: [
                pool.t0.address,
                pool.t1.address,
                liquidity,
                (paid.base * 995n) / 1000n,
                (paid.quote * 995n) / 1000n,
                signer.address,
                until,
              ],
            },
          ];
        }
      : undefined;
  return (
    <Card title="Liquidity" id="liquidity">
      <div className="form">
        <select name="lp-pool" value={poolKey} onChange={(e) => setPoolKey(e.target.value)}>
          {pools.map((p) => (
            <option key={p.key} value={p.key}>
              {poolName(p)}
            </option>
          ))}
        </select>
        <p className="muted">
          your LP: {amount(lp, 18, "LP")} (
          {pool.totalSupply === 0n ? "—" : percent(lpShare(lp, pool.totalSupply), 4)} of the pool)
        </p>
        <AmountField label={`add ${pool.t0.symbol}`} name="lp-add" amount={add0} />
        <div className="review">
          <Facts
            rows={[
              [
                `${pool.t1.symbol} at the pool's price`,
                add1 === undefined ? "—" : amount(add1, pool.t1.decimals, pool.t1.symbol),
                "lp-add-other",
              ],
              ["LP minted", minted === undefined ? "—" : amount(minted, 18, "LP", 6)],
              [
                "share after",
                minted === undefined
                  ? "—"
                  : percent(lpShare(lp + minted, pool.totalSupply + minted), 4),
              ],
            ]}
          />
          {add1 !== undefined && !add1Ok && (
            <span className="invalid">more {pool.t1.symbol} than the balance</span>
          )}
        </div>
        <TxButton
          label="Add liquidity"
          name="lp-add-confirm"
          writes={addWrites}
          ctx={{ default: pool.t0 }}
        />
        <AmountField label="remove LP" name="lp-remove" amount={remove} />
        <p className="muted">
          pays{" "}
          {paid === undefined
            ? "—"
            : `${amount(paid.base, pool.t0.decimals, pool.t0.symbol)} + ${amount(paid.quote, pool.t1.decimals, pool.t1.symbol)}`}
        </p>
        <TxButton
          label="Remove liquidity"
          name="lp-remove-confirm"
          writes={removeWrites}
          ctx={{ default: pool.t0 }}
        />
      </div>
    </Card>
  );
}

export function AmmPage() {
  const stats = useChainRead(readStats);
  if (stats.data === undefined) return <p>{stats.error ?? "reading the pools…"}</p>;
  const pools = stats.data.map((s) => s.pool);
  return (
    <div className="cards">
      {stats.data.map((s) => (
        <Card key={s.pool.key} title={poolName(s.pool)} id={s.pool.key}>
          <Facts
            rows={[
              [
                `reserve ${s.pool.t0.symbol}`,
                amount(s.pool.reserve0, s.pool.t0.decimals, "", s.pool.t0.decimals),
                `${s.pool.key}-reserve-${s.pool.t0.symbol}`,
              ],
              [
                `reserve ${s.pool.t1.symbol}`,
                amount(s.pool.reserve1, s.pool.t1.decimals, "", s.pool.t1.decimals),
                `${s.pool.key}-reserve-${s.pool.t1.symbol}`,
              ],
              [
                "price",
                `1 ${sides(s.pool).base.symbol} = ${fixed(sides(s.pool).price, 6)} ${sides(s.pool).quote.symbol}`,
                `${s.pool.key}-price`,
              ],
              ["TVL", s.tvlUsd === undefined ? "—" : `$${fixed(s.tvlUsd)}`],
              ["volume, last day", `$${fixed(s.volumeUsd)}`],
              ["fees, last day (0.3%)", `$${fixed(s.feesUsd)}`],
              ["fee APR", s.feeApr === undefined ? "—" : percent(s.feeApr)],
              ["LP supply", amount(s.pool.totalSupply, 18)],
            ]}
          />
          <PriceChart stats={s} />
        </Card>
      ))}
      <SwapForm pools={pools} />
      <LiquidityForm pools={pools} stats={stats.data} />
    </div>
  );
}
