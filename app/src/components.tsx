import { type ReactNode, useEffect, useRef, useState } from "react";
import type { VisualizationSpec } from "vega-embed";

import { type Write, explain, sendAll, useSession } from "./chain.js";
import type { TokenCtx } from "./errors.js";
import { type Parsed, parseAmount } from "./format.js";

export function Card({
  title,
  children,
  id,
  wide = false,
}: {
  title: string;
  children: ReactNode;
  id?: string;
  wide?: boolean;
}) {
  return (
    <section className={wide ? "card wide" : "card"} data-card={id ?? title}>
      <h3>{title}</h3>
      {children}
    </section>
  );
}

/** Rows of label → value, each value with a data-field to find it by and its base units in data-raw. */
export function Facts({ rows }: { rows: [string, ReactNode, string?, string?][] }) {
  return (
    <table>
      <tbody>
        {rows.map(([label, value, field, raw]) => (
          <tr key={label}>
            <th>{label}</th>
            <td className="num" data-field={field} data-raw={raw}>
              {value}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A typed amount, checked on every keystroke: the form cannot send while it is refused. */
export function useAmount(
  decimals: number,
  symbol: string,
  max?: bigint,
  initial = "",
): { text: string; setText(t: string): void; parsed: Parsed } {
  const [text, setText] = useState(initial);
  return { text, setText, parsed: parseAmount(text, decimals, symbol, max) };
}

export function AmountField({
  label,
  name,
  amount,
}: {
  label: string;
  name: string;
  amount: ReturnType<typeof useAmount>;
}) {
  return (
    <label className="form">
      <span>{label}</span>
      <input
        name={name}
        inputMode="decimal"
        value={amount.text}
        onChange={(e) => amount.setText(e.target.value)}
      />
      {!amount.parsed.ok && amount.text !== "" && (
        <span className="invalid" data-field={`${name}-error`}>
          {amount.parsed.error}
        </span>
      )}
    </label>
  );
}

type TxState =
  { kind: "idle" } | { kind: "pending" } | { kind: "done" } | { kind: "error"; text: string };

/**
 * The confirm step of a write: disabled until the form is valid (`writes` undefined), then
 * pending, then done or the decoded error in words.
 */
export function TxButton({
  label,
  writes,
  ctx,
  name,
  onDone,
}: {
  label: string;
  writes: (() => Write[]) | undefined;
  ctx?: TokenCtx;
  name: string;
  onDone?: () => void;
}) {
  const session = useSession();
  const [state, setState] = useState<TxState>({ kind: "idle" });
  const run = async () => {
    if (writes === undefined) return;
    setState({ kind: "pending" });
    try {
      await sendAll(session, writes(), ctx);
      setState({ kind: "done" });
      onDone?.();
    } catch (error) {
      setState({ kind: "error", text: explain(error, ctx) });
    }
  };
  return (
    <div className="row">
      <button
        type="button"
        name={name}
        disabled={writes === undefined || state.kind === "pending"}
        onClick={() => void run()}
      >
        {label}
      </button>
      <span data-field={`${name}-status`} className={state.kind === "error" ? "invalid" : "ok"}>
        {state.kind === "pending" ? "pending…" : state.kind === "done" ? "done" : ""}
        {state.kind === "error" ? state.text : ""}
      </span>
    </div>
  );
}

/** A Vega-Lite chart: the library is loaded on first use, so pages without charts stay light. */
export function Chart({ spec, name }: { spec: VisualizationSpec; name: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string>();
  useEffect(() => {
    let finalize: (() => void) | undefined;
    let cancelled = false;
    void import("vega-embed")
      .then(async ({ default: embed }) => {
        if (cancelled || ref.current === null) return;
        const result = await embed(ref.current, spec, { actions: false, renderer: "svg" });
        finalize = () => result.finalize();
      })
      .catch((e: unknown) => setError(explain(e)));
    return () => {
      cancelled = true;
      finalize?.();
    };
  }, [spec]);
  return (
    <div data-chart={name}>
      <div ref={ref} />
      {error !== undefined && <span className="invalid">{error}</span>}
    </div>
  );
}
