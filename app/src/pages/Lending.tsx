import { useEffect, useMemo, useState } from "react";
import type { Address } from "viem";
import type { VisualizationSpec } from "vega-embed";

import {
  SECONDS_PER_YEAR,
  aprFromPeriodicRate,
  fromUnits,
} from "../../../lib/pure/analytics/index.js";
import { type Session, type Token, type Write, useChainRead, useSession } from "../chain.js";
import { AmountField, Card, Chart, Facts, TxButton, useAmount } from "../components.js";
import { USD_WAD } from "../errors.js";
import { type Parsed, amount, percentWad } from "../format.js";
import { balanceOf } from "../pools.js";

const WAD = 10n ** 18n;
const MAX = 2n ** 256n - 1n;

interface AssetView {
  token: Token;
  rateModel: Address;
  collateralFactorBps: number;
  liquidationThresholdBps: number;
  utilization: bigint;
  supplyApr: bigint;
  borrowApr: bigint;
  supplyApy: bigint;
  borrowApy: bigint;
  cash: bigint;
  totalBorrows: bigint;
  supplied: bigint;
  debt: bigint;
  wallet: bigint;
}

/** The market's assets with rates and the actor's positions, and the actor's account values. */
async function readMarket({ sandbox, signer }: Session) {
  const market = sandbox.book.addresses.lendingMarket;
  const abi = sandbox.book.abis.lendingMarket;
  const read = <T,>(functionName: string, args: readonly unknown[] = []) =>
    sandbox.client.readContract({ address: market, abi, functionName, args }) as Promise<T>;
  const assets = await read<readonly Address[]>("assets");
  const views: AssetView[] = await Promise.all(
    assets.map(async (asset) => {
      const token = sandbox.tokenAt(asset);
      if (token === undefined) throw new Error(`the market lists an unknown token ${asset}`);
      const [
        config,
        utilization,
        supplyApr,
        borrowApr,
        supplyApy,
        borrowApy,
        state,
        supplied,
        debt,
        wallet,
      ] = await Promise.all([
        read<
          readonly [
            Address,
            { collateralFactorBps: number; liquidationThresholdBps: number },
            number,
          ]
        >("assetConfig", [asset]),
        read<bigint>("utilization", [asset]),
        read<bigint>("supplyApr", [asset]),
        read<bigint>("borrowApr", [asset]),
        read<bigint>("supplyApy", [asset]),
        read<bigint>("borrowApy", [asset]),
        read<readonly bigint[]>("marketState", [asset]),
        read<bigint>("supplyBalanceOf", [signer.address, asset]),
        read<bigint>("debtOf", [signer.address, asset]),
        balanceOf(sandbox, asset, signer.address),
      ]);
      return {
        token,
        rateModel: config[0],
        collateralFactorBps: Number(config[1].collateralFactorBps),
        liquidationThresholdBps: Number(config[1].liquidationThresholdBps),
        utilization,
        supplyApr,
        borrowApr,
        supplyApy,
        borrowApy,
        cash: state[0],
        totalBorrows: state[1],
        supplied,
        debt,
        wallet,
      };
    }),
  );
  const [values, health, capacity] = await Promise.all([
    read<readonly [bigint, bigint, bigint, bigint]>("accountValues", [signer.address]),
    read<bigint>("healthFactor", [signer.address]),
    read<bigint>("borrowCapacity", [signer.address]),
  ]);
  return { views, values, health, capacity };
}

/** The rate model's borrow APR across utilization, read from the model itself, once. */
function useRateCurve(model: Address) {
  const { sandbox } = useSession();
  const [points, setPoints] = useState<{ utilization: number; apr: number }[]>();
  useEffect(() => {
    const steps = Array.from({ length: 51 }, (_, i) => BigInt(i * 2));
    void Promise.all(
      steps.map(async (u) => {
        const rate = (await sandbox.client.readContract({
          address: model,
          abi: sandbox.book.abis.rateModelStable,
          functionName: "borrowRatePerSecond",
          args: [(100n - u) * WAD, u * WAD, 0n],
        })) as bigint;
        const apr = aprFromPeriodicRate(fromUnits(rate, 18), Number(SECONDS_PER_YEAR));
        return { utilization: Number(u), apr: apr.mul(100).toDecimalPlaces(4).toNumber() };
      }),
    ).then(setPoints);
  }, [model, sandbox]);
  return points;
}

function RateCurve({ asset }: { asset: AssetView }) {
  const points = useRateCurve(asset.rateModel);
  const now = fromUnits(asset.utilization * 100n, 18)
    .toDecimalPlaces(4)
    .toNumber();
  const spec = useMemo<VisualizationSpec | undefined>(
    () =>
      points === undefined
        ? undefined
        : {
            $schema: "https://vega.github.io/schema/vega-lite/v6.json",
            width: 240,
            height: 120,
            layer: [
              {
                data: { values: points },
                mark: "line",
                encoding: {
                  x: { field: "utilization", type: "quantitative", title: "utilization (%)" },
                  y: { field: "apr", type: "quantitative", title: "borrow APR (%)" },
                },
              },
              {
                data: { values: [{ utilization: now }] },
                mark: { type: "rule", color: "#d62728" },
                encoding: { x: { field: "utilization", type: "quantitative" } },
              },
            ],
          },
    [points, now],
  );
  return spec === undefined ? (
    <p className="muted">reading the rate model…</p>
  ) : (
    <Chart spec={spec} name={`rates-${asset.token.symbol}`} />
  );
}

function ActionForm({ views, capacity }: { views: AssetView[]; capacity: bigint }) {
  const { sandbox, signer } = useSession();
  const market = sandbox.book.addresses.lendingMarket;
  const [symbol, setSymbol] = useState(views[0].token.symbol);
  const asset = views.find((v) => v.token.symbol === symbol) ?? views[0];
  const t = asset.token;
  const supply = useAmount(t.decimals, t.symbol, asset.wallet);
  const withdraw = useAmount(t.decimals, t.symbol, asset.supplied);
  const borrow = useAmount(t.decimals, t.symbol, asset.cash);
  const repay = useAmount(
    t.decimals,
    t.symbol,
    asset.debt < asset.wallet ? asset.debt : asset.wallet,
  );
  const ctx = { default: t, debtValue: USD_WAD, borrowLimit: USD_WAD };
  const value = (p: { parsed: Parsed }) => (p.parsed.ok ? p.parsed.value : 0n);
  const approveThen = (amountIn: bigint, write: Write): Write[] => [
    { contract: "usdc", address: t.address, functionName: "approve", args: [market, amountIn] },
    write,
  ];
  return (
    <Card title="Supply, withdraw, borrow, repay" id="lending-form">
      <div className="form">
        <select name="lending-asset" value={symbol} onChange={(e) => setSymbol(e.target.value)}>
          {views.map((v) => (
            <option key={v.token.symbol}>{v.token.symbol}</option>
          ))}
        </select>
        <p className="muted">
          wallet {amount(asset.wallet, t.decimals, t.symbol)} · supplied{" "}
          {amount(asset.supplied, t.decimals, t.symbol)} · debt{" "}
          {amount(asset.debt, t.decimals, t.symbol)} · may borrow ${amount(capacity, 18, "", 2)}{" "}
          more
        </p>
        <AmountField label="supply" name="lending-supply" amount={supply} />
        <TxButton
          label="Supply"
          name="lending-supply-confirm"
          ctx={ctx}
          writes={
            supply.parsed.ok
              ? () =>
                  approveThen(value(supply), {
                    contract: "lendingMarket",
                    functionName: "supply",
                    args: [t.address, value(supply)],
                  })
              : undefined
          }
        />
        <AmountField label="withdraw" name="lending-withdraw" amount={withdraw} />
        <TxButton
          label="Withdraw"
          name="lending-withdraw-confirm"
          ctx={ctx}
          writes={
            withdraw.parsed.ok
              ? () => [
                  {
                    contract: "lendingMarket",
                    functionName: "withdraw",
                    args: [t.address, value(withdraw), signer.address],
                  },
                ]
              : undefined
          }
        />
        <AmountField label="borrow" name="lending-borrow" amount={borrow} />
        <TxButton
          label="Borrow"
          name="lending-borrow-confirm"
          ctx={ctx}
          writes={
            borrow.parsed.ok
              ? () => [
                  {
                    contract: "lendingMarket",
                    functionName: "borrow",
                    args: [t.address, value(borrow), signer.address],
                  },
                ]
              : undefined
          }
        />
        <AmountField label="repay" name="lending-repay" amount={repay} />
        <TxButton
          label="Repay"
          name="lending-repay-confirm"
          ctx={ctx}
          writes={
            repay.parsed.ok
              ? () =>
                  approveThen(value(repay), {
                    contract: "lendingMarket",
                    functionName: "repay",
                    args: [t.address, value(repay), signer.address],
                  })
              : undefined
          }
        />
      </div>
    </Card>
  );
}

/** Accounts of the named actors whose health factor is below 1, and a liquidation of one. */
function Liquidations({ views }: { views: AssetView[] }) {
  const { sandbox } = useSession();
  const market = sandbox.book.addresses.lendingMarket;
  const abi = sandbox.book.abis.lendingMarket;
  const rows = useChainRead(async ({ sandbox: s }) => {
    const found = await Promise.all(
      s.book.actors.map(async (a) => ({
        actor: a,
        health: (await s.client.readContract({
          address: market,
          abi,
          functionName: "healthFactor",
          args: [a.address],
        })) as bigint,
      })),
    );
    return found.filter((f) => f.health < WAD);
  });
  const [borrower, setBorrower] = useState("");
  const [debtSymbol, setDebtSymbol] = useState(views[0].token.symbol);
  const [collateralSymbol, setCollateralSymbol] = useState(views[views.length - 1].token.symbol);
  const debt = views.find((v) => v.token.symbol === debtSymbol) ?? views[0];
  const collateral = views.find((v) => v.token.symbol === collateralSymbol) ?? views[0];
  const repay = useAmount(debt.token.decimals, debt.token.symbol, debt.wallet);
  const target = rows.data?.find((r) => r.actor.name === borrower);
  return (
    <Card title="Liquidatable accounts" id="liquidations">
      {rows.data === undefined ? (
        <p>{rows.error ?? "reading…"}</p>
      ) : rows.data.length === 0 ? (
        <p className="muted" data-field="liquidatable-none">
          none: every actor&apos;s health factor is at least 1
        </p>
      ) : (
        <div className="form">
          <table>
            <tbody>
              {rows.data.map((r) => (
                <tr key={r.actor.name}>
                  <td>{r.actor.name}</td>
                  <td className="num">health {amount(r.health, 18, "", 4)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="row">
            <select
              name="liquidate-borrower"
              value={borrower}
              onChange={(e) => setBorrower(e.target.value)}
            >
              <option value="">borrower…</option>
              {rows.data.map((r) => (
                <option key={r.actor.name}>{r.actor.name}</option>
              ))}
            </select>
            repay
            <select value={debtSymbol} onChange={(e) => setDebtSymbol(e.target.value)}>
              {views.map((v) => (
                <option key={v.token.symbol}>{v.token.symbol}</option>
              ))}
            </select>
            seize
            <select value={collateralSymbol} onChange={(e) => setCollateralSymbol(e.target.value)}>
              {views.map((v) => (
                <option key={v.token.symbol}>{v.token.symbol}</option>
              ))}
            </select>
          </div>
          <AmountField label="repay amount" name="liquidate-amount" amount={repay} />
          <TxButton
            label="Liquidate"
            name="liquidate-confirm"
            ctx={{ default: debt.token, maxRepay: debt.token, amount: debt.token }}
            writes={
              repay.parsed.ok && target !== undefined
                ? () => {
                    const value = (repay.parsed as { value: bigint }).value;
                    return [
                      {
                        contract: "usdc",
                        address: debt.token.address,
                        functionName: "approve",
                        args: [market, value],
                      },
                      {
                        contract: "lendingMarket",
                        functionName: "liquidate",
                        args: [
                          target.actor.address,
                          debt.token.address,
                          collateral.token.address,
                          value,
                        ],
                      },
                    ];
                  }
                : undefined
            }
          />
        </div>
      )}
    </Card>
  );
}

export default function LendingPage() {
  const market = useChainRead(readMarket);
  if (market.data === undefined) return <p>{market.error ?? "reading the market…"}</p>;
  const { views, values, health, capacity } = market.data;
  return (
    <div className="cards">
      {views.map((v) => (
        <Card key={v.token.symbol} title={v.token.symbol} id={`market-${v.token.symbol}`}>
          <Facts
            rows={[
              ["utilization", percentWad(v.utilization), `utilization-${v.token.symbol}`],
              ["supply APR / APY", `${percentWad(v.supplyApr)} / ${percentWad(v.supplyApy)}`],
              ["borrow APR / APY", `${percentWad(v.borrowApr)} / ${percentWad(v.borrowApy)}`],
              [
                "cash / borrows",
                `${amount(v.cash, v.token.decimals, "", 2)} / ${amount(v.totalBorrows, v.token.decimals, "", 2)}`,
              ],
              [
                "collateral factor / liquidation threshold",
                `${v.collateralFactorBps / 100}% / ${v.liquidationThresholdBps / 100}%`,
              ],
            ]}
          />
          <RateCurve asset={v} />
        </Card>
      ))}
      <Card title="Your account" id="lending-account">
        <Facts
          rows={[
            ["collateral", `$${amount(values[0], 18, "", 2)}`],
            ["borrow limit", `$${amount(values[1], 18, "", 2)}`],
            ["liquidation limit", `$${amount(values[2], 18, "", 2)}`],
            ["debt", `$${amount(values[3], 18, "", 2)}`],
            [
              "health factor",
              health === MAX ? "∞ (no debt)" : amount(health, 18, "", 6),
              "health-factor",
            ],
            ["borrow capacity", `$${amount(capacity, 18, "", 2)}`],
          ]}
        />
      </Card>
      <ActionForm views={views} capacity={capacity} />
      <Liquidations views={views} />
    </div>
  );
}
