import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { getAddress, isAddress } from "ethers";

import { UsageError } from "./errors.js";

/** The named accounts, in the order of the node's default accounts (deployer is account 0). */
export const ACTOR_NAMES = [
  "deployer",
  "alice",
  "bob",
  "carol",
  "dave",
  "whale",
  "attacker",
  "keeper",
  "treasury",
] as const;

export type ActorName = (typeof ACTOR_NAMES)[number];
export type Actors = Record<ActorName, HardhatEthersSigner>;

/** Returns the named accounts of the connected chain. */
export async function getActors(ethers: HardhatEthers): Promise<Actors> {
  const signers = await ethers.getSigners();
  if (signers.length < ACTOR_NAMES.length) {
    throw new Error(
      `the chain exposes ${signers.length} accounts, the sandbox needs ${ACTOR_NAMES.length}`,
    );
  }
  return Object.fromEntries(ACTOR_NAMES.map((name, i) => [name, signers[i]])) as Actors;
}

/** Whole units of each asset an actor starts with; the whale holds 100 times a user's bag. */
export const STARTING_UNITS = { usdc: 100_000n, dai: 100_000n, weth: 50n } as const;
export const WHALE_MULTIPLIER = 100n;
export const FUNDED_ACTORS = ["alice", "bob", "carol", "dave", "whale", "attacker"] as const;

/**
 * ETH each funded actor holds before a scenario plays on a chain reached with keys, where the
 * actors start with nothing (a local dev node gives them 10,000 each): enough for the deposits the
 * scenarios' victims make (side-entrance's alice puts 400 ETH in its pool).
 */
export const SCENARIO_ETH = 1_000n * 10n ** 18n;

/** Starting amount, in base units, of an asset for an actor. */
export function startingAmount(actor: ActorName, units: bigint, decimals: bigint): bigint {
  const bag = units * 10n ** decimals;
  return actor === "whale" ? bag * WHALE_MULTIPLIER : bag;
}

/** Throws unless `raw` names an actor or is a 0x address: checked before connecting to a chain. */
export function checkAccountOption(option: string, raw: string): void {
  if ((ACTOR_NAMES as readonly string[]).includes(raw) || isAddress(raw)) return;
  throw new UsageError(
    `--${option} must be a 0x address or one of ${ACTOR_NAMES.join(", ")}, got "${raw}"`,
  );
}

/** An account given as an option: a named actor (`alice`) or a 0x address. */
export function resolveAccount(
  option: string,
  raw: string,
  actors: Actors,
): { label: string; address: string } {
  if ((ACTOR_NAMES as readonly string[]).includes(raw)) {
    return { label: raw, address: actors[raw as ActorName].address };
  }
  checkAccountOption(option, raw);
  const address = getAddress(raw.toLowerCase());
  const name = ACTOR_NAMES.find((n) => actors[n].address === address);
  return { label: name ?? address, address };
}
