import Table from "cli-table3";

import { SCENARIO_TABLE_HEAD, formatAmount } from "./format.js";
import type { ScenarioResult, SideResult } from "./types.js";

const PLAIN = { head: [], border: [] };

function money(raw: bigint, side: SideResult): string {
  return formatAmount(raw, side.asset.decimals, side.asset.symbol, 4);
}

function quoted(side: SideResult, pick: (q: NonNullable<SideResult["quote"]>) => bigint): string {
  return side.quote === null
    ? "—"
    : formatAmount(pick(side.quote), side.quote.decimals, side.quote.symbol, 2);
}

function attackCell(side: SideResult): string {
  // The error's name is enough here; its arguments are in the narration and the JSON.
  return side.revert === null ? "went through" : `reverted: ${side.revert.split("(")[0]}`;
}

/** One scenario's result: a row per side, every figure in the asset and in the quote token. */
export function scenarioTable(result: ScenarioResult): string {
  const table = new Table({
    head: [...SCENARIO_TABLE_HEAD],
    style: PLAIN,
  });
  for (const side of [result.vulnerable, result.hardened]) {
    table.push([
      side.side,
      side.contract,
      attackCell(side),
      money(side.attackerProfit, side),
      money(side.victimsLoss, side),
      `${money(side.protocolBefore, side)} → ${money(side.protocolAfter, side)}`,
      `${quoted(side, (q) => q.attackerProfit)} / ${quoted(side, (q) => q.victimsLoss)}`,
      side.passed
        ? "pass"
        : `FAIL: ${side.checks
            .filter((c) => !c.ok)
            .map((c) => c.message)
            .join("; ")}`,
    ]);
  }
  return `${result.title} (exploit: ${result.exploit})\n${table.toString()}`;
}

/** The summary of several scenarios: one row per scenario, both sides side by side. */
export function summaryTable(results: ScenarioResult[]): string {
  const table = new Table({
    head: [
      "scenario",
      "vulnerable: profit / victims' loss",
      "same, at pool prices",
      "hardened: attack",
      "hardened: profit / victims' loss",
      "checks",
    ],
    style: PLAIN,
  });
  for (const r of results) {
    const v = r.vulnerable;
    const h = r.hardened;
    table.push([
      r.name,
      `${money(v.attackerProfit, v)} / ${money(v.victimsLoss, v)}`,
      `${quoted(v, (q) => q.attackerProfit)} / ${quoted(v, (q) => q.victimsLoss)}`,
      h.revert === null ? "went through" : "reverted",
      `${money(h.attackerProfit, h)} / ${money(h.victimsLoss, h)}`,
      v.passed && h.passed ? "pass" : "FAIL",
    ]);
  }
  return table.toString();
}

/** A result as JSON-ready data: amounts as decimal strings of base units. */
export function toJson(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v)),
  );
}
