import { useMemo, useState } from "react";
import type { VisualizationSpec } from "vega-embed";

import {
  COMPOUNDING,
  D,
  aprToApy,
  apyToApr,
  breakevenDays,
  compoundInterest,
  farmingPnl,
  impermanentLoss,
  simpleInterest,
} from "../../../lib/pure/analytics/index.js";
import { Card, Chart, Facts } from "../components.js";
import { fixed, percent } from "../format.js";

/** A number typed in a calculator: a decimal, or the reason it is refused. */
function useNumber(initial: string, min = 0) {
  const [text, setText] = useState(initial);
  const ok = /^-?\d+(\.\d+)?$/.test(text.trim()) && Number(text) >= min;
  return { text, setText, value: ok ? new D(text.trim()) : undefined, min };
}

function NumberField({
  label,
  name,
  n,
}: {
  label: string;
  name: string;
  n: ReturnType<typeof useNumber>;
}) {
  return (
    <label className="form">
      <span>{label}</span>
      <input name={name} value={n.text} onChange={(e) => n.setText(e.target.value)} />
      {n.value === undefined && <span className="invalid">a number, at least {n.min}</span>}
    </label>
  );
}

/** Runs an analytics formula; a refused input reads as its message. */
function attempt<T>(f: () => T): T | string {
  try {
    return f();
  } catch (error) {
    return String((error as Error).message);
  }
}

function AprApy() {
  const principal = useNumber("500");
  const rate = useNumber("30");
  const [periods, setPeriods] = useState<number>(COMPOUNDING.daily);
  const [direction, setDirection] = useState<"apr" | "apy">("apr");
  const r = rate.value?.div(100);
  const result =
    principal.value === undefined || r === undefined
      ? undefined
      : attempt(() => {
          const apr = direction === "apr" ? r : apyToApr(r, periods);
          const apy = direction === "apr" ? aprToApy(r, periods) : r;
          return {
            apr,
            apy,
            simple: simpleInterest(principal.value as D, apr),
            compounded: compoundInterest(principal.value as D, apr, periods),
          };
        });
  return (
    <Card title="APR ↔ APY" id="calc-apr">
      <div className="form">
        <NumberField label="principal ($)" name="calc-principal" n={principal} />
        <div className="row">
          <NumberField label="rate (%)" name="calc-rate" n={rate} />
          <select
            name="calc-direction"
            value={direction}
            onChange={(e) => setDirection(e.target.value as "apr" | "apy")}
          >
            <option value="apr">is an APR</option>
            <option value="apy">is an APY</option>
          </select>
          <select
            name="calc-periods"
            value={periods}
            onChange={(e) => setPeriods(Number(e.target.value))}
          >
            {Object.entries(COMPOUNDING).map(([name, n]) => (
              <option key={name} value={n}>
                compounded {name}
              </option>
            ))}
          </select>
        </div>
        {typeof result === "string" ? (
          <p className="invalid">{result}</p>
        ) : result === undefined ? null : (
          <Facts
            rows={[
              ["APR", percent(result.apr, 4), "calc-apr"],
              ["APY", percent(result.apy, 4), "calc-apy"],
              ["a year, simple", `$${fixed(result.simple)}`, "calc-simple"],
              ["a year, compounded", `$${fixed(result.compounded)}`, "calc-compounded"],
            ]}
          />
        )}
      </div>
    </Card>
  );
}

function Il() {
  const ratio = useNumber("2", 0.0001);
  const feeApr = useNumber("10");
  const rewardApr = useNumber("20");
  const days = useNumber("365", 1);
  const offsets =
    ratio.value === undefined ||
    feeApr.value === undefined ||
    rewardApr.value === undefined ||
    days.value === undefined
      ? undefined
      : attempt(() => {
          const years = days.value!.div(365);
          return farmingPnl({
            hodlValueUsd: 1000,
            priceRatio: ratio.value!,
            feesUsd: feeApr.value!.div(100).mul(1000).mul(years),
            rewardsUsd: rewardApr.value!.div(100).mul(1000).mul(years),
            gasUsd: 0,
          });
        });
  const curve = useMemo(
    () =>
      Array.from({ length: 60 }, (_, i) => {
        const r = 0.1 + i * 0.1;
        return { ratio: r, il: impermanentLoss(r).mul(100).toDecimalPlaces(4).toNumber() };
      }),
    [],
  );
  const spec = useMemo<VisualizationSpec>(
    () => ({
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      width: 260,
      height: 120,
      data: { values: curve },
      mark: "line",
      encoding: {
        x: { field: "ratio", type: "quantitative", title: "price ratio r" },
        y: { field: "il", type: "quantitative", title: "IL (%)" },
      },
    }),
    [curve],
  );
  return (
    <Card title="Impermanent loss, offset by fees and rewards" id="calc-il">
      <div className="form">
        <NumberField label="price ratio r (new / entry)" name="calc-ratio" n={ratio} />
        <div className="row">
          <NumberField label="fee APR (%)" name="calc-fee-apr" n={feeApr} />
          <NumberField label="reward APR (%)" name="calc-reward-apr" n={rewardApr} />
          <NumberField label="days" name="calc-days" n={days} />
        </div>
        {ratio.value !== undefined && (
          <p data-field="calc-il">IL(r) = {percent(impermanentLoss(ratio.value), 4)}</p>
        )}
        {typeof offsets === "string" ? (
          <p className="invalid">{offsets}</p>
        ) : offsets === undefined ? null : (
          <Facts
            rows={[
              ["on $1,000 held: fees", `$${fixed(offsets.fees)}`],
              ["rewards", `$${fixed(offsets.rewards)}`],
              ["impermanent loss", `−$${fixed(offsets.impermanentLoss)}`],
              [
                "farming vs holding",
                `$${fixed(offsets.net)} (${percent(offsets.netVsHodl)})`,
                "calc-net",
              ],
            ]}
          />
        )}
        <Chart spec={spec} name="il-curve" />
      </div>
    </Card>
  );
}

function Breakeven() {
  const position = useNumber("5000", 0.01);
  const apr = useNumber("25", 0.01);
  const gas = useNumber("30");
  const ethPrice = useNumber("2000");
  const entry = useNumber("250000");
  const exit = useNumber("150000");
  const result =
    [position, apr, gas, ethPrice, entry, exit].some((n) => n.value === undefined) ||
    !entry.value!.isInteger() ||
    !exit.value!.isInteger()
      ? undefined
      : attempt(() =>
          breakevenDays({
            positionUsd: position.value!,
            apr: apr.value!.div(100),
            entryGas: BigInt(entry.value!.toFixed(0)),
            exitGas: BigInt(exit.value!.toFixed(0)),
            gasPriceGwei: gas.value!,
            ethPriceUsd: ethPrice.value!,
          }),
        );
  return (
    <Card title="Gas break-even" id="calc-gas">
      <div className="form">
        <div className="row">
          <NumberField label="position ($)" name="calc-position" n={position} />
          <NumberField label="APR (%)" name="calc-be-apr" n={apr} />
        </div>
        <div className="row">
          <NumberField label="gas price (gwei)" name="calc-gas-price" n={gas} />
          <NumberField label="ETH price ($)" name="calc-eth" n={ethPrice} />
        </div>
        <div className="row">
          <NumberField label="gas to enter" name="calc-entry" n={entry} />
          <NumberField label="gas to leave" name="calc-exit" n={exit} />
        </div>
        {typeof result === "string" ? (
          <p className="invalid">{result}</p>
        ) : result === undefined ? (
          <p className="invalid">gas amounts are whole numbers</p>
        ) : (
          <Facts
            rows={[
              ["gas, in and out", `$${fixed(result.gasUsd)}`],
              ["yield a day", `$${fixed(result.dailyYieldUsd)}`],
              ["break-even", `${fixed(result.days, 1)} days`, "calc-breakeven"],
            ]}
          />
        )}
      </div>
    </Card>
  );
}

export default function CalculatorsPage() {
  return (
    <div className="cards">
      <AprApy />
      <Il />
      <Breakeven />
    </div>
  );
}
