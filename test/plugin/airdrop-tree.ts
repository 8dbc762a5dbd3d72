import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { expect } from "chai";

import { AirdropInputError, parseBalances } from "../../lib/pure/airdrop.js";
import { buildTreeFromFile, writeAirdrop } from "../../plugin/tasks/airdrop-tree.js";
import { ethers, loadFixture } from "../helpers/connection.js";
import { sandboxFixture } from "../helpers/fixtures.js";
import { runHardhat, runTask } from "../helpers/tasks.js";

const ONE = 10n ** 18n;
const CSV = `account,amount
0x70997970C51812dc3A010C7d01b50e0d17dc79C8,10
0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc,2.5
0x90F79bf6EB2c4f870365E785982E1f101E93b906,0.000000000000000001
`;

interface ProofsFile {
  root: string;
  total: string;
  claims: { index: number; account: string; amount: string; proof: string[] }[];
}

async function writeTemp(name: string, text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "airdrop-"));
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

describe("the airdrop-tree task", function () {
  it("reads a CSV of balances, writes a tree and proofs that verify, and the proofs claim on chain", async function () {
    const { actors } = await loadFixture(sandboxFixture);
    const input = await writeTemp("balances.csv", CSV);
    const out = await mkdtemp(join(tmpdir(), "airdrop-out-"));
    const airdrop = await buildTreeFromFile(input);
    await writeAirdrop(airdrop, out);

    const proofs = JSON.parse(await readFile(join(out, "proofs.json"), "utf8")) as ProofsFile;
    const dump = JSON.parse(await readFile(join(out, "tree.json"), "utf8"));
    const tree = StandardMerkleTree.load(dump);
    expect(tree.root).to.equal(proofs.root);
    // 10 + 2.5 tokens + 1 base unit.
    expect(BigInt(proofs.total)).to.equal((125n * ONE) / 10n + 1n);
    expect(proofs.claims.map((c) => [c.index, c.account, c.amount])).to.deep.equal([
      [0, "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", "10000000000000000000"],
      [1, "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", "2500000000000000000"],
      [2, "0x90F79bf6EB2c4f870365E785982E1f101E93b906", "1"],
    ]);

    const token = await ethers.deployContract("MockERC20", ["Drop", "DROP", 18]);
    const distributor = await ethers.deployContract("MerkleDistributor", [
      await token.getAddress(),
      proofs.root,
      86_400n,
      actors.treasury.address,
    ]);
    await token.faucet(await distributor.getAddress(), BigInt(proofs.total));
    for (const claim of proofs.claims) {
      await distributor.claim(claim.index, claim.account, BigInt(claim.amount), claim.proof);
      expect(await token.balanceOf(claim.account)).to.equal(BigInt(claim.amount));
    }
    expect(await token.balanceOf(await distributor.getAddress())).to.equal(0n);
  });

  it("reads JSON as an array of entries or as an object of balances, with any decimals", async function () {
    const fromArray = parseBalances(
      '[{"account":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8","amount":"1.5"}]',
      "json",
      6,
    );
    const fromObject = parseBalances(
      '{"0x70997970C51812dc3A010C7d01b50e0d17dc79C8": 1.5}',
      "json",
      6,
    );
    const expected = [
      { account: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", amount: 1_500_000n },
    ];
    expect(fromArray).to.deep.equal(expected);
    expect(fromObject).to.deep.equal(expected);
  });

  it("names the line at fault in bad input", function () {
    const cases: [string, "csv" | "json", string][] = [
      ["0x12,5", "csv", 'line 1: "0x12" is not an address'],
      ["0x70997970C51812dc3A010C7d01b50e0d17dc79C8", "csv", 'line 1: expected "account,amount"'],
      [
        "0x70997970C51812dc3A010C7d01b50e0d17dc79C8,1\n0x70997970c51812dc3a010c7d01b50e0d17dc79c8,2",
        "csv",
        "line 2: 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 appears twice",
      ],
      ["0x70997970C51812dc3A010C7d01b50e0d17dc79C8,-1", "csv", 'amount "-1" is not a positive'],
      ["0x70997970C51812dc3A010C7d01b50e0d17dc79C8,0", "csv", "line 1: amount is zero"],
      ["account,amount\n", "csv", "no balances in the input"],
      ["{not json", "json", "invalid JSON"],
      ["42", "json", "JSON input must be an array"],
    ];
    for (const [text, format, message] of cases) {
      expect(() => parseBalances(text, format), text).to.throw(AirdropInputError, message);
    }
    expect(() =>
      parseBalances("0x70997970C51812dc3A010C7d01b50e0d17dc79C8,0.0000001", "csv", 6),
    ).to.throw(AirdropInputError, "line 1: amount 0.0000001 has more than 6 decimals");
  });

  it("prints the root and the totals, and writes the files it names", async function () {
    const input = await writeTemp("balances.csv", CSV);
    const out = await mkdtemp(join(tmpdir(), "airdrop-out-"));
    const run = await runTask(["sandbox", "airdrop-tree"], {
      input,
      out,
      decimals: 18,
      json: true,
    });
    expect(run.ok, run.stderr).to.equal(true);
    const summary = JSON.parse(run.stdout) as {
      root: string;
      leaves: number;
      total: string;
      files: string[];
    };
    expect(summary.leaves).to.equal(3);
    expect(summary.total).to.equal(((125n * ONE) / 10n + 1n).toString());
    expect(summary.files).to.deep.equal([join(out, "tree.json"), join(out, "proofs.json")]);
    const proofs = JSON.parse(await readFile(join(out, "proofs.json"), "utf8")) as ProofsFile;
    expect(proofs.root).to.equal(summary.root);
    expect(run.stderr).to.equal(`reading ${input}\nwrote ${summary.files.join(", ")}\n`);
  });

  it("refuses a missing option or a decimals value out of range in one line", async function () {
    const input = await writeTemp("balances.csv", CSV);
    const missing = await runTask(["sandbox", "airdrop-tree"], { out: tmpdir() });
    const decimals = await runTask(["sandbox", "airdrop-tree"], {
      input,
      out: tmpdir(),
      decimals: 37,
    });
    expect([missing.ok, decimals.ok]).to.deep.equal([false, false]);
    expect(missing.stderr).to.equal("error: --input is required: a .json or .csv file\n");
    expect(decimals.stderr).to.equal(
      'error: --decimals must be a whole number from 0 to 36, got "37"\n',
    );
    expect([missing.stdout, decimals.stdout]).to.deep.equal(["", ""]);
  });

  it("exits with one readable line and exit code 1 on bad input", async function () {
    this.timeout(60_000);
    const input = await writeTemp("balances.csv", "account,amount\nnobody,5\n");
    const run = await runHardhat([
      "sandbox",
      "airdrop-tree",
      "--input",
      input,
      "--out",
      join(tmpdir(), "unused"),
    ]);
    expect(run.code).to.equal(1);
    expect(run.stdout).to.equal("");
    expect(run.stderr).to.equal(
      `reading ${input}\nerror: ${input}: line 2: "nobody" is not an address\n`,
    );
  });
});
