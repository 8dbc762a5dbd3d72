/**
 * Builds an airdrop's Merkle tree from a JSON or CSV file of balances and writes, into the output
 * folder, `tree.json` (the full StandardMerkleTree dump) and `proofs.json` (root, total and every
 * claim with its proof, as MerkleDistributor.claim takes them). Prints the root and totals.
 *
 *   npx tsx scripts/airdrop/build-tree.ts --input balances.csv --out airdrop/ [--decimals 18] [--json]
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { extname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

import { Decimal } from "decimal.js";
import { formatUnits } from "ethers";

import { type Airdrop, buildAirdrop, parseBalances, proofsJson } from "../../lib/pure/airdrop.js";
import { CliError, intFlag, parseFlags, runMain } from "../../lib/cli.js";

const USAGE =
  "tsx scripts/airdrop/build-tree.ts --input <balances.json|balances.csv> --out <dir> [--decimals 18] [--json]";

/** Reads `input` (format from its extension) and builds the airdrop; errors name the file. */
export async function buildTreeFromFile(input: string, decimals = 18): Promise<Airdrop> {
  const extension = extname(input).toLowerCase();
  if (extension !== ".json" && extension !== ".csv") {
    throw new CliError(`--input must be a .json or .csv file, got "${input}"`);
  }
  let text: string;
  try {
    text = await readFile(input, "utf8");
  } catch (error) {
    throw new CliError(`cannot read ${input}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  try {
    return buildAirdrop(parseBalances(text, extension === ".json" ? "json" : "csv", decimals));
  } catch (error) {
    throw new CliError(`${input}: ${(error as Error).message}`);
  }
}

/** Writes tree.json and proofs.json into `outDir` (created if missing); returns their paths. */
export async function writeAirdrop(airdrop: Airdrop, outDir: string): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const treePath = join(outDir, "tree.json");
  const proofsPath = join(outDir, "proofs.json");
  // Leaf values hold bigints; written as decimal strings, which StandardMerkleTree.load accepts.
  const dump = JSON.stringify(
    airdrop.tree.dump(),
    (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value),
    2,
  );
  await writeFile(treePath, dump + "\n");
  await writeFile(proofsPath, proofsJson(airdrop) + "\n");
  return [treePath, proofsPath];
}

async function main(): Promise<void> {
  const flags = parseFlags(USAGE, {
    input: { type: "string" },
    out: { type: "string" },
    decimals: { type: "string", default: "18" },
  });
  if (flags.input === undefined) throw new CliError(`--input is required — usage: ${USAGE}`);
  if (flags.out === undefined) throw new CliError(`--out is required — usage: ${USAGE}`);
  const decimals = intFlag("decimals", flags.decimals, 0, 36);

  process.stderr.write(`reading ${flags.input}\n`);
  const airdrop = await buildTreeFromFile(flags.input, decimals);
  const files = await writeAirdrop(airdrop, resolve(flags.out));
  process.stderr.write(`wrote ${files.join(", ")}\n`);

  const total = new Decimal(formatUnits(airdrop.total, decimals));
  if (flags.json) {
    const summary = {
      root: airdrop.root,
      leaves: airdrop.claims.length,
      total: airdrop.total.toString(),
      files,
    };
    process.stdout.write(JSON.stringify(summary) + "\n");
  } else {
    process.stdout.write(`root    ${airdrop.root}\n`);
    process.stdout.write(`leaves  ${airdrop.claims.length}\n`);
    process.stdout.write(`total   ${total.toFixed()} tokens (${airdrop.total} base units)\n`);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runMain(main);
}
