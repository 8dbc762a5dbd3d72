/**
 * Facts about JSON-RPC requests that the sandbox's network hook acts on: the call object some
 * clients send with its input twice, and the methods only a development node serves.
 */

/** The standard JSON-RPC error code for invalid method parameters. */
export const INVALID_PARAMS = -32602;
/** EIP-1474's code for a method the node does not support, used for refused dev-node methods. */
export const METHOD_NOT_SUPPORTED = -32004;

/** Methods whose first parameter is a call object (`from`, `to`, `data`/`input`, `value`, …). */
export const CALL_OBJECT_METHODS: ReadonlySet<string> = new Set([
  "eth_call",
  "eth_estimateGas",
  "eth_sendTransaction",
  "eth_signTransaction",
  "eth_createAccessList",
  "debug_traceCall",
]);

export type CallObjectResult =
  | { kind: "unchanged" }
  | { kind: "merged"; params: unknown[] }
  | { kind: "conflict"; code: typeof INVALID_PARAMS; message: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * A call object carrying its bytes in both `input` (the current name) and `data` (the older one),
 * as Foundry's cast and some other clients send it, becomes one with `data` alone when both hold the
 * same bytes (compared as hex, case-insensitively). Different bytes are a conflict, answered with
 * the standard invalid-params error. Any other request is left as it is.
 */
export function mergeInputAndData(method: string, params: unknown): CallObjectResult {
  if (!CALL_OBJECT_METHODS.has(method) || !Array.isArray(params) || !isRecord(params[0])) {
    return { kind: "unchanged" };
  }
  const call = params[0];
  if (!("input" in call) || !("data" in call)) return { kind: "unchanged" };
  const { input, data } = call;
  if (typeof input !== "string" || typeof data !== "string") {
    return {
      kind: "conflict",
      code: INVALID_PARAMS,
      message: `${method}: the call object's "input" and "data" must be hex strings`,
    };
  }
  if (input.toLowerCase() !== data.toLowerCase()) {
    return {
      kind: "conflict",
      code: INVALID_PARAMS,
      message:
        `${method}: the call object's "input" (${abbreviate(input)}) and "data" ` +
        `(${abbreviate(data)}) carry different bytes; send one of them`,
    };
  }
  const merged = Object.fromEntries(Object.entries(call).filter(([key]) => key !== "input"));
  return { kind: "merged", params: [merged, ...params.slice(1)] };
}

function abbreviate(hex: string): string {
  return hex.length <= 14 ? hex : `${hex.slice(0, 10)}…, ${(hex.length - 2) / 2} bytes`;
}

/** What a dev-node method does, by name prefix or name; undefined for the methods any node serves. */
const DEV_METHODS: readonly [RegExp, string][] = [
  [/^(evm_increaseTime|evm_setNextBlockTimestamp|anvil_setNextBlockTimestamp)$/, "time travel"],
  [
    /^(evm_setAutomine|anvil_setAutomine|evm_setIntervalMining|anvil_setIntervalMining)$/,
    "automine changes",
  ],
  [
    /^(hardhat_impersonateAccount|anvil_impersonateAccount|hardhat_stopImpersonatingAccount|anvil_stopImpersonatingAccount|anvil_autoImpersonateAccount)$/,
    "impersonation",
  ],
  [/^(evm_mine|hardhat_mine|anvil_mine)$/, "mining on demand"],
  [/^(hardhat_setBalance|anvil_setBalance)$/, "balance edits"],
  [/^(evm_snapshot|evm_revert|anvil_snapshot|anvil_revert)$/, "snapshots"],
];
/** Dev-node methods that only read, which tools ask to learn what kind of node they talk to. */
const READ_ONLY_DEV_METHODS: ReadonlySet<string> = new Set([
  "hardhat_getAutomine",
  "hardhat_metadata",
  "anvil_getAutomine",
  "anvil_nodeInfo",
  "anvil_metadata",
]);

/**
 * What a method needs a development node for ("time travel", "impersonation", …), or undefined
 * when any node serves it. Every state-changing `evm_`, `hardhat_` and `anvil_` method counts.
 */
export function devNodeFeature(method: string): string | undefined {
  if (READ_ONLY_DEV_METHODS.has(method)) return undefined;
  for (const [pattern, feature] of DEV_METHODS) if (pattern.test(method)) return feature;
  return /^(evm|hardhat|anvil)_/.test(method) ? "a dev-node method" : undefined;
}

/**
 * The margin added to a gas estimate on a shared chain: a multiple of it and a fixed part. A
 * transaction lands in a later block than the one it was estimated against, and accrual that runs
 * only when time has passed (a farm's rewards, a market's interest, a pair's price accumulators)
 * then costs more than the estimate. Most of that is fresh storage — a reward token's first balance
 * or a new voting checkpoint, about 22,000 gas a slot whatever the transaction's size — so a
 * multiple alone is short for small transactions: on anvil a seeding transaction estimated at
 * 85,372 gas ran out at half again (128,058). Only the gas used is paid.
 */
export const GAS_ESTIMATE_MARGIN = { numerator: 3n, denominator: 2n, fixed: 100_000n } as const;

/** A hex gas estimate with the margin added, rounded up. */
export function padGasEstimate(estimate: string): string {
  const { numerator, denominator, fixed } = GAS_ESTIMATE_MARGIN;
  const padded = (BigInt(estimate) * numerator + denominator - 1n) / denominator + fixed;
  return `0x${padded.toString(16)}`;
}
