import { marked } from "marked";
import { useEffect, useMemo, useState } from "react";

import { SCENARIO_TABLE_HEAD, formatAmount } from "../../../lib/scenarios/format.js";
import { explain, fetchJson, useSession } from "../chain.js";
import { Card } from "../components.js";
import { shortAddress } from "../format.js";

interface ScenarioInfo {
  name: string;
  title: string;
  incident: string;
  fix: string;
  readme: string | null;
}

type Raw = string;
interface SideJson {
  side: "vulnerable" | "hardened";
  contract: string;
  asset: { symbol: string; decimals: number };
  revert: string | null;
  attackerProfit: Raw;
  victimsLoss: Raw;
  protocolBefore: Raw;
  protocolAfter: Raw;
  quote: {
    symbol: string;
    decimals: number;
    attackerProfit: Raw;
    victimsLoss: Raw;
  } | null;
  checks: { ok: boolean; message: string }[];
  passed: boolean;
}

interface StepJson {
  phase: "setup" | "exploit" | "settle";
  narration: string[];
  holdings: { attacker: Raw; victims: Raw; protocol: Raw };
  transactions: {
    hash: string;
    from: string;
    to: string | null;
    call: string;
    status: string;
    transfers: { token: string; from: string; to: string; amount: Raw }[];
  }[];
}

interface PlayJson {
  title: string;
  exploit: string;
  vulnerable?: SideJson;
  hardened?: SideJson;
  timelines: Record<string, StepJson[]>;
}

const PHASES = {
  setup: "after setup",
  exploit: "after the exploit",
  settle: "after everyone leaves",
};

/** The same columns as `npm run scenario`'s table, each figure with its base units in data-raw. */
function ResultTable({ result }: { result: PlayJson }) {
  const sides = [result.vulnerable, result.hardened].filter((s): s is SideJson => s !== undefined);
  const money = (raw: Raw, s: SideJson) =>
    formatAmount(BigInt(raw), s.asset.decimals, s.asset.symbol, 4);
  const quoted = (s: SideJson, raw: Raw | undefined) =>
    s.quote === null || raw === undefined
      ? "—"
      : formatAmount(BigInt(raw), s.quote.decimals, s.quote.symbol, 2);
  return (
    <table data-table="scenario-result">
      <thead>
        <tr>
          {SCENARIO_TABLE_HEAD.map((h) => (
            <th key={h}>{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {sides.map((s) => (
          <tr key={s.side} data-side={s.side}>
            <td>{s.side}</td>
            <td>{s.contract}</td>
            <td title={s.revert ?? undefined}>
              {s.revert === null ? "went through" : `reverted: ${s.revert.split("(")[0]}`}
            </td>
            <td className="num" data-field="attackerProfit" data-raw={s.attackerProfit}>
              {money(s.attackerProfit, s)}
            </td>
            <td className="num" data-field="victimsLoss" data-raw={s.victimsLoss}>
              {money(s.victimsLoss, s)}
            </td>
            <td
              className="num"
              data-field="protocol"
              data-raw={`${s.protocolBefore}→${s.protocolAfter}`}
            >
              {money(s.protocolBefore, s)} → {money(s.protocolAfter, s)}
            </td>
            <td className="num">
              {quoted(s, s.quote?.attackerProfit)} / {quoted(s, s.quote?.victimsLoss)}
            </td>
            <td>
              {s.passed
                ? "pass"
                : `FAIL: ${s.checks
                    .filter((c) => !c.ok)
                    .map((c) => c.message)
                    .join("; ")}`}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Timeline({
  side,
  steps,
  asset,
}: {
  side: string;
  steps: StepJson[];
  asset: SideJson["asset"];
}) {
  const { sandbox } = useSession();
  const money = (raw: Raw) => formatAmount(BigInt(raw), asset.decimals, asset.symbol, 4);
  const token = (address: string) => sandbox.tokenAt(address);
  return (
    <Card title={`${side}: step by step`} id={`timeline-${side}`}>
      <ol>
        {steps.map((step) => (
          <li key={step.phase} data-step={step.phase}>
            <strong>{step.phase}</strong>
            <ul>
              {step.narration.map((line, i) => (
                <li key={i} className="muted">
                  {line.trim()}
                </li>
              ))}
            </ul>
            <table>
              <tbody>
                <tr>
                  <th>{PHASES[step.phase]}</th>
                  <td>attacker {money(step.holdings.attacker)}</td>
                  <td>victims {money(step.holdings.victims)}</td>
                  <td>protocol {money(step.holdings.protocol)}</td>
                </tr>
              </tbody>
            </table>
            {step.transactions.length > 0 && (
              <details open>
                <summary>{step.transactions.length} attack transaction(s)</summary>
                {step.transactions.map((tx) => (
                  <div key={tx.hash} className="review">
                    <code>{tx.call.length > 160 ? `${tx.call.slice(0, 160)}…` : tx.call}</code>{" "}
                    <span className={tx.status === "ok" ? "ok" : "invalid"}>{tx.status}</span>
                    <ul>
                      {tx.transfers.map((t, i) => {
                        const known = token(t.token);
                        return (
                          <li key={i} className="muted">
                            {known === undefined
                              ? `${t.amount} of ${shortAddress(t.token)}`
                              : formatAmount(
                                  BigInt(t.amount),
                                  known.decimals,
                                  known.symbol,
                                  4,
                                )}{" "}
                            {shortAddress(t.from)} → {shortAddress(t.to)}
                          </li>
                        );
                      })}
                    </ul>
                  </div>
                ))}
              </details>
            )}
          </li>
        ))}
      </ol>
    </Card>
  );
}

export default function ScenariosPage() {
  const [list, setList] = useState<ScenarioInfo[]>();
  const [name, setName] = useState("migrator-rug");
  const [playing, setPlaying] = useState<string>();
  const [result, setResult] = useState<PlayJson>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    fetchJson<ScenarioInfo[]>("api/scenarios").then(setList, (e: unknown) => setError(explain(e)));
  }, []);
  const chosen = list?.find((s) => s.name === name);
  const readme = useMemo(
    () => (chosen?.readme == null ? "" : (marked.parse(chosen.readme, { async: false }) as string)),
    [chosen],
  );
  const play = async (side: string) => {
    setPlaying(side);
    setResult(undefined);
    setError(undefined);
    try {
      setResult(
        await fetchJson<PlayJson>("api/scenarios/play", {
          method: "POST",
          body: JSON.stringify({ name, side }),
        }),
      );
    } catch (e) {
      setError(explain(e));
    } finally {
      setPlaying(undefined);
    }
  };
  if (list === undefined) return <p>{error ?? "reading the scenarios…"}</p>;
  return (
    <div className="form">
      <div className="row">
        <select
          name="scenario"
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            setResult(undefined);
          }}
        >
          {list.map((s) => (
            <option key={s.name} value={s.name}>
              {s.name}
            </option>
          ))}
        </select>
        {(["vulnerable", "hardened", "both"] as const).map((side) => (
          <button
            key={side}
            name={`play-${side}`}
            disabled={playing !== undefined}
            onClick={() => void play(side)}
          >
            play {side === "both" ? "both sides" : side}
          </button>
        ))}
        <span data-field="scenario-status">
          {playing !== undefined
            ? `playing ${playing} on a fresh in-process chain…`
            : result !== undefined
              ? "played"
              : ""}
        </span>
      </div>
      {error !== undefined && <p className="invalid">{error}</p>}
      {chosen !== undefined && (
        <Card title={chosen.title} id="scenario-readme">
          <p className="muted">
            {chosen.incident} · fix: {chosen.fix}
          </p>
          {/* The READMEs are the project's own files. */}
          <div className="markdown" dangerouslySetInnerHTML={{ __html: readme }} />
        </Card>
      )}
      {result !== undefined && (
        <>
          <Card title={`${result.title} (exploit: ${result.exploit})`} id="scenario-result">
            <ResultTable result={result} />
          </Card>
          <div className="cards">
            {(["vulnerable", "hardened"] as const).map((side) => {
              const r = result[side];
              const steps = result.timelines[side];
              return r === undefined || steps === undefined ? null : (
                <Timeline key={side} side={side} steps={steps} asset={r.asset} />
              );
            })}
          </div>
        </>
      )}
    </div>
  );
}
