import { Decimal } from "decimal.js";

/** `raw` base units of a token with `decimals` as a plain decimal string, at most `places` decimals. */
export function formatUnits(raw: bigint, decimals: number, places = 6): string {
  return new Decimal(raw.toString())
    .div(new Decimal(10).pow(decimals))
    .toDecimalPlaces(places, Decimal.ROUND_DOWN)
    .toFixed();
}

/** Amount with its symbol and thousands separators, e.g. "10,000 DAI". */
export function formatAmount(raw: bigint, decimals: number, symbol: string, places = 6): string {
  const [whole, fraction] = formatUnits(raw, decimals, places).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${fraction === undefined ? grouped : `${grouped}.${fraction}`} ${symbol}`;
}

/** The columns of one scenario's result table, as the terminal and the dashboard both show it. */
export const SCENARIO_TABLE_HEAD = [
  "side",
  "contract",
  "attack",
  "attacker profit",
  "victims' loss",
  "protocol before → after",
  "profit / loss in quote",
  "checks",
] as const;
