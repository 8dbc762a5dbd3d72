import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { getAddress, isAddress, parseUnits } from "ethers";

import { devAddress } from "./hd.js";

/** Leaf layout shared with MerkleDistributor: (index, account, amount), abi-encoded, hashed twice. */
export const LEAF_ENCODING = ["uint256", "address", "uint256"] as const;

/** A line of an airdrop: who gets how much, in the token's base units. */
export interface AirdropEntry {
  account: string;
  amount: bigint;
}

/** One claim as the distributor expects it. */
export interface AirdropClaim {
  index: number;
  account: string;
  amount: bigint;
  proof: string[];
}

export interface Airdrop {
  root: string;
  total: bigint;
  claims: AirdropClaim[];
  tree: StandardMerkleTree<[bigint, string, bigint]>;
}

/** Bad airdrop input: the message names the line or entry at fault. */
export class AirdropInputError extends Error {
  override name = "AirdropInputError";
}

/**
 * Reads balances from the text of a JSON or CSV file. JSON: an array of `{ "account", "amount" }` or
 * an object mapping accounts to amounts. CSV: `account,amount` lines, with an optional header line.
 * Amounts are in whole tokens (decimals allowed, "1.5") and are scaled by `decimals`.
 */
export function parseBalances(text: string, format: "json" | "csv", decimals = 18): AirdropEntry[] {
  const rows: { where: string; account: unknown; amount: unknown }[] = [];
  if (format === "json") {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new AirdropInputError(`invalid JSON: ${(error as Error).message}`);
    }
    if (Array.isArray(data)) {
      data.forEach((item, i) => {
        const record = (typeof item === "object" && item !== null ? item : {}) as Record<
          string,
          unknown
        >;
        rows.push({ where: `entry ${i}`, account: record.account, amount: record.amount });
      });
    } else if (typeof data === "object" && data !== null) {
      for (const [account, amount] of Object.entries(data)) {
        rows.push({ where: `entry "${account}"`, account, amount });
      }
    } else {
      throw new AirdropInputError("JSON input must be an array of {account, amount} or an object");
    }
  } else {
    const lines = text.split(/\r?\n/);
    lines.forEach((line, i) => {
      const trimmed = line.trim();
      if (trimmed === "") return;
      const cells = trimmed.split(",").map((cell) => cell.trim());
      if (i === 0 && cells[0].toLowerCase() === "account") return;
      if (cells.length !== 2) {
        throw new AirdropInputError(`line ${i + 1}: expected "account,amount", got "${trimmed}"`);
      }
      rows.push({ where: `line ${i + 1}`, account: cells[0], amount: cells[1] });
    });
  }
  if (rows.length === 0) throw new AirdropInputError("no balances in the input");

  const seen = new Set<string>();
  return rows.map(({ where, account, amount }) => {
    if (typeof account !== "string" || !isAddress(account)) {
      throw new AirdropInputError(`${where}: "${String(account)}" is not an address`);
    }
    const normalized = getAddress(account);
    if (seen.has(normalized)) throw new AirdropInputError(`${where}: ${normalized} appears twice`);
    seen.add(normalized);
    const raw = typeof amount === "number" ? String(amount) : amount;
    if (typeof raw !== "string" || !/^\d+(\.\d+)?$/.test(raw)) {
      throw new AirdropInputError(`${where}: amount "${String(amount)}" is not a positive number`);
    }
    let units: bigint;
    try {
      units = parseUnits(raw, decimals);
    } catch {
      throw new AirdropInputError(`${where}: amount ${raw} has more than ${decimals} decimals`);
    }
    if (units === 0n) throw new AirdropInputError(`${where}: amount is zero`);
    return { account: normalized, amount: units };
  });
}

/** Builds the StandardMerkleTree of (index, account, amount) leaves, index = position in `entries`. */
export function buildAirdrop(entries: AirdropEntry[]): Airdrop {
  if (entries.length === 0) throw new AirdropInputError("an airdrop needs at least one entry");
  const values = entries.map(
    (entry, i) => [BigInt(i), entry.account, entry.amount] as [bigint, string, bigint],
  );
  const tree = StandardMerkleTree.of(values, [...LEAF_ENCODING]);
  const claims = entries.map((entry, i) => ({
    index: i,
    account: entry.account,
    amount: entry.amount,
    proof: tree.getProof(i),
  }));
  const total = entries.reduce((sum, entry) => sum + entry.amount, 0n);
  return { root: tree.root, total, claims, tree };
}

/** The proofs file: what a claiming front end needs, amounts as decimal strings. */
export function proofsJson(airdrop: Airdrop): string {
  const claims = airdrop.claims.map((claim) => ({ ...claim, amount: claim.amount.toString() }));
  return JSON.stringify({ root: airdrop.root, total: airdrop.total.toString(), claims }, null, 2);
}

/** Whole SGOV airdropped to the named actors in the sandbox, by account index (see lib/chain/actors.ts). */
/**
 * No allocation reaches the governor's quorum (25% of the supply) alone, and any two together do:
 * the largest is 22.2% of the 18,000, the two smallest together 33.3%.
 */
export const SANDBOX_AIRDROP_UNITS: readonly { actorIndex: number; units: bigint }[] = [
  { actorIndex: 1, units: 4_000n }, // alice
  { actorIndex: 2, units: 4_000n }, // bob
  { actorIndex: 3, units: 3_000n }, // carol
  { actorIndex: 4, units: 3_000n }, // dave
  { actorIndex: 5, units: 4_000n }, // whale
];

/**
 * The sandbox's airdrop to the named actors. By default their addresses are the local chain's
 * default accounts, derived from the default mnemonic, so the root is known before anything is
 * deployed; `addressOf` gives another chain's actors (an actor's address by account index).
 */
export function sandboxAirdrop(addressOf: (actorIndex: number) => string = devAddress): Airdrop {
  return buildAirdrop(
    SANDBOX_AIRDROP_UNITS.map(({ actorIndex, units }) => ({
      account: addressOf(actorIndex),
      amount: units * 10n ** 18n,
    })),
  );
}
