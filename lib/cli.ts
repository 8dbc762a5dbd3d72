import { parseArgs } from "node:util";

import { network } from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";

/** An error meant for the person at the terminal: printed as one line, no stack. */
export class CliError extends Error {
  override name = "CliError";
}

type FlagSpec = { type: "string"; default?: string } | { type: "boolean"; default?: boolean };
type FlagValues<S extends Record<string, FlagSpec>> = {
  [K in keyof S]: S[K] extends { type: "boolean" }
    ? boolean
    : S[K] extends { default: string }
      ? string
      : string | undefined;
};

/** Flags every script takes: the chain to use and machine-readable output. */
export const COMMON_FLAGS = {
  network: { type: "string", default: "default" },
  json: { type: "boolean", default: false },
  help: { type: "boolean", default: false },
} as const satisfies Record<string, FlagSpec>;

/**
 * Parses `argv` strictly against `spec` plus the common flags; an unknown flag, a missing value or a
 * positional argument throws a CliError that names the problem and shows `usage`.
 */
export function parseFlags<S extends Record<string, FlagSpec>>(
  usage: string,
  spec: S,
  argv: string[] = process.argv.slice(2),
): FlagValues<S & typeof COMMON_FLAGS> {
  const options = { ...COMMON_FLAGS, ...spec };
  try {
    const { values } = parseArgs({ args: argv, options, strict: true, allowPositionals: false });
    const flags = values as unknown as FlagValues<S & typeof COMMON_FLAGS>;
    if (flags.help) {
      process.stdout.write(`usage: ${usage}\n`);
      process.exit(0);
    }
    return flags;
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`${(error as Error).message} — usage: ${usage}`);
  }
}

/** Parses a flag that must be a whole number within [min, max]. */
export function intFlag(name: string, raw: string | undefined, min: number, max: number): number {
  const value = Number(raw);
  if (raw === undefined || !Number.isInteger(value) || value < min || value > max) {
    throw new CliError(
      `--${name} must be a whole number from ${min} to ${max}, got "${raw ?? ""}"`,
    );
  }
  return value;
}

/**
 * Connects to a configured network. For a node reached over HTTP it first checks that something
 * answers, so that a missing node is one clear line instead of a stack trace.
 */
export async function connectNetwork(name: string): Promise<NetworkConnection> {
  let connection: NetworkConnection;
  try {
    connection = await network.create(name);
  } catch (error) {
    throw new CliError(`cannot use network "${name}": ${(error as Error).message.split("\n")[0]}`);
  }
  const config = connection.networkConfig;
  if (config.type === "http") {
    const url = await config.url.getUrl();
    try {
      await connection.provider.request({ method: "eth_chainId" });
    } catch {
      throw new CliError(`no node at ${url} — start it with npm run chain`);
    }
  }
  return connection;
}

/**
 * Runs a script's main function: errors become one line on stderr and exit code 1 (a CliError
 * shows its message alone; anything else is prefixed with its name).
 */
export function runMain(main: () => Promise<void>): void {
  main().then(
    () => {
      process.exitCode = 0;
    },
    (error: unknown) => {
      const message =
        error instanceof CliError
          ? error.message
          : `${(error as Error).name ?? "Error"}: ${(error as Error).message ?? String(error)}`;
      process.stderr.write(`error: ${message.split("\n")[0]}\n`);
      process.exitCode = 1;
    },
  );
}
