import type { Abi } from "viem";

import { amount, utc } from "./format.js";

/** A custom error of an ABI. */
export type AbiError = Extract<Abi[number], { type: "error" }>;

/** The token an error's argument is counted in, by argument name ("amountOut") or "default". */
export type TokenCtx = Record<string, { symbol: string; decimals: number } | undefined>;

/** The lending market's values: USD with 18 decimals. */
export const USD_WAD = { symbol: "USD", decimals: 18 };

/** A value of a custom error's argument in words: amounts with their token, addresses as they are. */
function valueOf(name: string, type: string, value: unknown, ctx: TokenCtx): string {
  if (typeof value !== "bigint") return String(value);
  const token = ctx[name] ?? ctx.default;
  if (token !== undefined && type === "uint256") return amount(value, token.decimals, token.symbol);
  return value.toString();
}

/**
 * A decoded custom error in words with its values: the errors a form can meet read as sentences
 * (`AmmInsufficientOutputAmount: 1,970.1 USDC out, you asked at least 2,000 USDC`), any other as
 * its name and named arguments.
 */
export function describeError(
  name: string,
  args: readonly unknown[],
  abiItem: AbiError | undefined,
  ctx: TokenCtx,
): string {
  const inputs = abiItem?.inputs ?? [];
  const v = (i: number) =>
    valueOf(inputs[i]?.name ?? `arg${i}`, inputs[i]?.type ?? "", args[i], ctx);
  switch (name) {
    case "AmmInsufficientOutputAmount":
      return `${name}: ${v(0)} out, you asked at least ${v(1)}`;
    case "AmmExcessiveInputAmount":
      return `${name}: ${v(0)} in, you allowed at most ${v(1)}`;
    case "AmmExpired":
      return `${name}: the deadline ${utc(args[0] as bigint)} passed (block time ${utc(args[1] as bigint)})`;
    case "ERC20InsufficientBalance":
      return `${name}: ${v(0)} holds ${v(1)}, the transfer needs ${v(2)}`;
    case "ERC20InsufficientAllowance":
      return `${name}: ${v(0)} may spend ${v(1)}, the transfer needs ${v(2)}`;
    case "LendingBorrowAboveCapacity":
      return `${name}: the debt would be ${v(1)}, the borrow limit is ${v(2)}`;
    case "LendingWithdrawUnhealthy":
      return `${name}: the debt ${v(1)} would exceed the borrow limit ${v(2)}`;
    case "FarmInsufficientBalance":
      return `${name}: pool ${v(0)} holds ${v(1)} of yours, you asked for ${v(2)}`;
    default: {
      const parts = args.map((_, i) => `${inputs[i]?.name || `arg${i}`} ${v(i)}`);
      return parts.length === 0 ? name : `${name}: ${parts.join(", ")}`;
    }
  }
}
