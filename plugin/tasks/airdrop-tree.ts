import { mkdir, readFile, writeFile } from "node:fs/promises";
import { extname, join, resolve } from "node:path";

import { Decimal } from "decimal.js";
import { formatUnits } from "ethers";

import { UsageError } from "../../lib/chain/errors.js";
import { type Airdrop, buildAirdrop, parseBalances, proofsJson } from "../../lib/pure/airdrop.js";
import { sandboxAction, wholeNumber } from "../../lib/terminal/task.js";

interface AirdropTreeArgs {
  input: string | undefined;
  out: string | undefined;
  decimals: number;
  json: boolean;
}

/** The format of a balances file, from its extension. */
function formatOf(input: string): "json" | "csv" {
  const extension = extname(input).toLowerCase();
  if (extension !== ".json" && extension !== ".csv") {
    throw new UsageError(`--input must be a .json or .csv file, got "${input}"`);
  }
  return extension === ".json" ? "json" : "csv";
}

/** Reads `input` (format from its extension) and builds the airdrop; errors name the file. */
export async function buildTreeFromFile(input: string, decimals = 18): Promise<Airdrop> {
  const format = formatOf(input);
  let text: string;
  try {
    text = await readFile(input, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read ${input}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  try {
    return buildAirdrop(parseBalances(text, format, decimals));
  } catch (error) {
    throw new UsageError(`${input}: ${(error as Error).message}`);
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

/**
 * Builds an airdrop's Merkle tree from a JSON or CSV file of balances and writes, into the output
 * folder, `tree.json` (the full StandardMerkleTree dump) and `proofs.json` (root, total and every
 * claim with its proof, as MerkleDistributor.claim takes them). Prints the root and totals.
 */
export default sandboxAction<AirdropTreeArgs>(async (args, _hre, io) => {
  if (args.input === undefined) throw new UsageError("--input is required: a .json or .csv file");
  if (args.out === undefined) throw new UsageError("--out is required: the folder to write to");
  const decimals = wholeNumber("decimals", args.decimals, 0, 36);
  formatOf(args.input);

  io.say(`reading ${args.input}`);
  const airdrop = await buildTreeFromFile(args.input, decimals);
  const files = await writeAirdrop(airdrop, resolve(args.out));
  io.say(`wrote ${files.join(", ")}`);

  const total = new Decimal(formatUnits(airdrop.total, decimals));
  if (args.json) {
    const summary = {
      root: airdrop.root,
      leaves: airdrop.claims.length,
      total: airdrop.total.toString(),
      files,
    };
    io.out(JSON.stringify(summary) + "\n");
  } else {
    io.out(`root    ${airdrop.root}\n`);
    io.out(`leaves  ${airdrop.claims.length}\n`);
    io.out(`total   ${total.toFixed()} tokens (${airdrop.total} base units)\n`);
  }
});
