import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import type { TaskArguments } from "hardhat/types/tasks";
import { errorResult } from "hardhat/utils/result";

import { SandboxError, UsageError } from "../chain/errors.js";
import { METHOD_NOT_SUPPORTED } from "../pure/json-rpc.js";
import { type TaskIo, currentIo } from "./io.js";

/**
 * A task's work. It writes through `io` and throws on failure; it returns false for a run that
 * completed but failed its own test (a challenge not solved), which exits 1 without an error line.
 */
export type TaskBody<ArgsT extends TaskArguments> = (
  args: ArgsT,
  hre: HardhatRuntimeEnvironment,
  io: TaskIo,
) => Promise<boolean | void>;

/** Every error in an error's chain of causes, the error first. */
function* causes(error: unknown): Generator<unknown> {
  const seen = new Set<unknown>();
  const stack = [error];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === null || typeof item !== "object" || seen.has(item)) continue;
    seen.add(item);
    yield item;
    for (const key of ["error", "cause", "info", "parent"]) stack.push((item as never)[key]);
  }
}

/**
 * An error as one line: a sandbox error or a dev-node method the network refused says its message
 * alone; anything else is named, so that an unexpected failure still reads as one.
 */
export function lineOf(error: unknown): string {
  let line: string | undefined;
  for (const item of causes(error)) {
    const { code, message } = item as { code?: unknown; message?: unknown };
    if (
      item instanceof SandboxError ||
      (code === METHOD_NOT_SUPPORTED && typeof message === "string")
    ) {
      line = String(message);
      break;
    }
  }
  if (line === undefined) {
    const { name, message } = error as { name?: string; message?: string };
    line = message === undefined ? String(error) : `${name ?? "Error"}: ${message}`;
  }
  return oneLine(line);
}

/**
 * The first line of a message; when it ends in a colon (a list of failures follows, as in
 * Ignition's errors), the first item of the list joins it.
 */
export function oneLine(message: string): string {
  const lines = message.split("\n").map((l) => l.trim());
  const [first] = lines;
  const next = lines.slice(1).find((l) => l !== "");
  return first.endsWith(":") && next !== undefined ? `${first} ${next}` : first;
}

/**
 * A task action from its body: the body's errors become one line on stderr (`error: …`) and a
 * failed result, which makes Hardhat's command line exit with code 1.
 */
export function sandboxAction<ArgsT extends TaskArguments>(body: TaskBody<ArgsT>) {
  return async (args: ArgsT, hre: HardhatRuntimeEnvironment) => {
    const io = currentIo();
    try {
      if ((await body(args, hre, io)) === false) return errorResult("the task's checks failed");
    } catch (error) {
      const line = lineOf(error);
      io.say(`error: ${line}`);
      return errorResult(line);
    }
  };
}

/** The line every task that mints on a chain other than a local dev chain prints first. */
export function openFaucetWarning(networkName: string): string {
  return (
    `warning: on ${networkName} the mock stablecoins' faucet is open to anyone — anyone can mint ` +
    `USDC and DAI and borrow the market's WETH against them (README: "The faucet is open to anyone")`
  );
}

/** An option's value that must be a whole number within [min, max]. */
export function wholeNumber(option: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(
      `--${option} must be a whole number from ${min} to ${max}, got "${value}"`,
    );
  }
  return value;
}
