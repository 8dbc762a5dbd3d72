import Table from "cli-table3";
import { Decimal as BaseDecimal } from "decimal.js";

// 78 digits hold any uint256, so dividing a balance by 10^decimals is exact.
const Decimal = BaseDecimal.clone({ precision: 80 });

/** An amount in base units shown in whole units, exact (no float on the way). */
export function formatUnits(amount: bigint, decimals: bigint | number): string {
  return new Decimal(amount.toString()).div(new Decimal(10).pow(Number(decimals))).toFixed();
}

/** A block timestamp (seconds) as an ISO date, UTC. */
export function formatTimestamp(seconds: bigint): string {
  return new Date(Number(seconds) * 1000).toISOString().replace(".000Z", "Z");
}

/** A table for stdout, coloured only on a terminal and never when NO_COLOR is set. */
export function newTable(head: string[]): Table.Table {
  const colour = process.stdout.isTTY === true && (process.env.NO_COLOR ?? "") === "";
  return new Table({
    head,
    style: { head: colour ? ["cyan"] : [], border: colour ? ["grey"] : [] },
  });
}
