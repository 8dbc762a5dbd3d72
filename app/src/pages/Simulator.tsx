import { useEffect, useMemo, useState } from "react";
import type { VisualizationSpec } from "vega-embed";

import { pnlChartSpec } from "../../../lib/pure/charts/specs.js";
import { explain, fetchJson } from "../chain.js";
import { Card, Chart } from "../components.js";

interface SimOption {
  name: string;
  description: string;
  defaultValue: string | number;
  numeric: boolean;
}

interface SimRun {
  label: string;
  csv: string;
  json: { rows: Record<string, string | number>[]; transactions: number; loopSeconds: number };
}

interface Job {
  progress: number;
  runs?: SimRun[];
  error?: string;
}

/** Vega-Lite line chart of one column per strategy over the days. */
function lineSpec(
  rows: Record<string, string | number>[],
  field: string,
  title: string,
): VisualizationSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: 320,
    height: 150,
    data: {
      values: rows.map((r) => ({
        day: Number(r.day),
        strategy: r.strategy,
        value: Number(r[field]),
      })),
    },
    mark: "line",
    encoding: {
      x: { field: "day", type: "quantitative" },
      y: { field: "value", type: "quantitative", title },
      color: { field: "strategy", type: "nominal" },
    },
  };
}

function gasSpec(rows: Record<string, string | number>[]): VisualizationSpec {
  const last = rows.reduce((d, r) => Math.max(d, Number(r.day)), 0);
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: 320,
    height: 150,
    data: {
      values: rows
        .filter((r) => Number(r.day) === last)
        .map((r) => ({ strategy: r.strategy, gas: Number(r.gasUsed) })),
    },
    mark: "bar",
    encoding: {
      x: { field: "strategy", type: "nominal" },
      y: { field: "gas", type: "quantitative", title: "gas used, whole run" },
    },
  };
}

function download(name: string, type: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

function RunCharts({ run }: { run: SimRun }) {
  const specs = useMemo(
    () =>
      [
        // The same spec the simulate task renders to pnl.svg.
        [
          "pnl",
          pnlChartSpec(
            "PnL vs HODL by strategy",
            run.json.rows.map((r) => ({
              series: String(r.strategy),
              x: Number(r.day),
              y: Number(r.pnlVsHodl),
            })),
          ) as VisualizationSpec,
        ],
        ["apr", lineSpec(run.json.rows, "apr", "realised APR")],
        ["il", lineSpec(run.json.rows, "il", "impermanent loss (USDC)")],
        ["gas", gasSpec(run.json.rows)],
      ] as const,
    [run],
  );
  return (
    <Card
      title={`${run.label}: ${run.json.transactions} transactions in ${run.json.loopSeconds} s`}
      id={`sim-${run.label}`}
      wide
    >
      <div className="row">
        <button
          name="sim-csv"
          className="secondary"
          onClick={() => download(`sim-${run.label}.csv`, "text/csv", run.csv)}
        >
          download CSV
        </button>
        <button
          name="sim-json"
          className="secondary"
          onClick={() =>
            download(`sim-${run.label}.json`, "application/json", JSON.stringify(run.json, null, 2))
          }
        >
          download JSON
        </button>
      </div>
      <div className="row">
        {specs.map(([name, spec]) => (
          <Chart key={name} spec={spec} name={`sim-${name}`} />
        ))}
      </div>
    </Card>
  );
}

export default function SimulatorPage() {
  const [options, setOptions] = useState<SimOption[]>();
  const [values, setValues] = useState<Record<string, string>>({});
  const [job, setJob] = useState<Job>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    fetchJson<SimOption[]>("api/simulate/options").then(
      (o) => {
        setOptions(o);
        setValues(Object.fromEntries(o.map((x) => [x.name, String(x.defaultValue)])));
      },
      (e: unknown) => setError(explain(e)),
    );
  }, []);
  const bad = options?.filter((o) => o.numeric && !/^\d+$/.test(values[o.name] ?? "")) ?? [];
  const run = async () => {
    if (options === undefined) return;
    setError(undefined);
    const args = Object.fromEntries(
      options
        .filter((o) => (values[o.name] ?? "") !== "")
        .map((o) => [o.name, o.numeric ? Number(values[o.name]) : values[o.name]]),
    );
    try {
      const { id } = await fetchJson<{ id: string }>("api/simulate", {
        method: "POST",
        body: JSON.stringify(args),
      });
      setJob({ progress: 0 });
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        const next = await fetchJson<Job>(`api/simulate/${id}`);
        setJob(next);
        if (next.runs !== undefined || next.error !== undefined) break;
      }
    } catch (e) {
      setError(explain(e));
    }
  };
  if (options === undefined) return <p>{error ?? "reading the simulator's options…"}</p>;
  const running = job !== undefined && job.runs === undefined && job.error === undefined;
  return (
    <div className="cards">
      <Card title="A run on a fresh in-process chain" id="sim-form">
        <div className="form">
          {options.map((o) => (
            <label key={o.name} className="form">
              <span>
                {o.name} <span className="muted">{o.description}</span>
              </span>
              <input
                name={`sim-${o.name}`}
                value={values[o.name] ?? ""}
                onChange={(e) => setValues({ ...values, [o.name]: e.target.value })}
              />
            </label>
          ))}
          {bad.length > 0 && (
            <p className="invalid">{bad.map((o) => o.name).join(", ")}: whole numbers only</p>
          )}
          <button name="sim-run" disabled={bad.length > 0 || running} onClick={() => void run()}>
            Run
          </button>
          {job !== undefined && (
            <div>
              <progress value={job.progress} max={1} />{" "}
              <span data-field="sim-progress">{Math.round(job.progress * 100)}%</span>
            </div>
          )}
          {(error ?? job?.error) !== undefined && <p className="invalid">{error ?? job?.error}</p>}
        </div>
      </Card>
      {job?.runs?.map((r) => (
        <RunCharts key={r.label} run={r} />
      ))}
    </div>
  );
}
