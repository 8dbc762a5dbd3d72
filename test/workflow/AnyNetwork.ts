import { type ChildProcess, spawn } from "node:child_process";
import { rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";

import { expect } from "chai";
import { Transaction, Wallet } from "ethers";

import { deploymentDirOf } from "../../lib/chain/addresses.js";
import { ACTOR_NAMES } from "../../lib/chain/actors.js";
import { hdAccounts } from "../../lib/pure/hd.js";
import { foundryTool, missingToolReason } from "../helpers/foundry.js";
import {
  type ConfigPatch,
  type TaskRun,
  drain,
  freePort,
  rpc,
  runHardhat,
  runTask,
  stopProcess,
} from "../helpers/tasks.js";

const USDC = 10n ** 6n;
const WAD = 10n ** 18n;

/** What the recording proxy saw: every method asked, and the raw transactions it passed on. */
interface Recording {
  methods: string[];
  rawTransactions: Transaction[];
}

/**
 * A JSON-RPC proxy in front of a node that records every request and refuses eth_sendTransaction,
 * so that anything signed by the node's own unlocked accounts fails and shows in the recording.
 */
async function startRecordingProxy(
  target: string,
): Promise<{ server: Server; url: string; seen: Recording }> {
  const seen: Recording = { methods: [], rawTransactions: [] };
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      void (async () => {
        const parsed = JSON.parse(body) as
          | { id: number; method: string; params?: unknown[] }
          | { id: number; method: string; params?: unknown[] }[];
        const requests = Array.isArray(parsed) ? parsed : [parsed];
        let refused = false;
        for (const { method, params } of requests) {
          seen.methods.push(method);
          if (method === "eth_sendTransaction") refused = true;
          if (method === "eth_sendRawTransaction") {
            seen.rawTransactions.push(Transaction.from(String(params?.[0])));
          }
        }
        response.setHeader("content-type", "application/json");
        if (refused) {
          const reply = requests.map(({ id }) => ({
            jsonrpc: "2.0",
            id,
            error: {
              code: -32601,
              message: "eth_sendTransaction refused: this chain takes signed transactions only",
            },
          }));
          response.end(JSON.stringify(Array.isArray(parsed) ? reply : reply[0]));
          return;
        }
        const forwarded = await fetch(target, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body,
        });
        response.end(await forwarded.text());
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port assigned");
  return { server, url: `http://127.0.0.1:${address.port}`, seen };
}

describe("The sandbox on a chain reached with keys", function () {
  this.timeout(300_000);

  const anvilBin = foundryTool("anvil");
  let anvil: ChildProcess | undefined;
  let proxy: Server | undefined;
  let seen: Recording = { methods: [], rawTransactions: [] };
  let chainId = 0;
  let env: Record<string, string> = {};
  let patch: ConfigPatch = {};
  let deployer = "";
  let actors: Record<string, string> = {};
  let deploy: TaskRun | undefined;

  before(async function () {
    if (anvilBin === undefined) {
      console.warn(`      skipped: ${missingToolReason("anvil")}`);
      this.skip();
    }
    // anvil funds one account of a mnemonic of its own: the deployer's. The actors come from
    // another mnemonic, whose accounts hold nothing until the deployer funds them.
    const nodeMnemonic = Wallet.createRandom().mnemonic?.phrase ?? "";
    const actorsMnemonic = Wallet.createRandom().mnemonic?.phrase ?? "";
    const [deployerAccount] = hdAccounts(nodeMnemonic, [0]);
    deployer = deployerAccount.address;
    actors = Object.fromEntries(
      hdAccounts(actorsMnemonic, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]).map((account, i) => [
        ACTOR_NAMES[i + 1] ?? `reporter${i - 7}`,
        account.address,
      ]),
    );
    const port = await freePort();
    chainId = 400_000 + port;
    anvil = spawn(
      anvilBin ?? "anvil",
      [
        "--host",
        "127.0.0.1",
        "--port",
        String(port),
        "--chain-id",
        String(chainId),
        "--mnemonic",
        nodeMnemonic,
        "--accounts",
        "1",
        "--balance",
        "100000",
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    drain(anvil);
    const anvilUrl = `http://127.0.0.1:${port}`;
    for (
      let i = 0;
      i < 100 && (await rpc(anvilUrl, "eth_chainId").catch(() => undefined)) === undefined;
      i++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const recording = await startRecordingProxy(anvilUrl);
    proxy = recording.server;
    seen = recording.seen;
    env = {
      SANDBOX_REMOTE_URL: recording.url,
      SANDBOX_DEPLOYER_KEY: deployerAccount.privateKey,
      SANDBOX_MNEMONIC: actorsMnemonic,
    };
    deploy = await runHardhat(["sandbox", "deploy", "--network", "remote", "--json"], env);
    // The in-process runs below get the same values through their configuration.
    patch = {
      networks: {
        remote: {
          type: "http",
          chainType: "l1",
          url: recording.url,
          accounts: [deployerAccount.privateKey],
        },
      },
      sandbox: { actorsMnemonic },
    };
  });

  after(async function () {
    proxy?.close();
    if (anvil !== undefined) await stopProcess(anvil);
    if (chainId !== 0) await rm(deploymentDirOf(BigInt(chainId)), { recursive: true, force: true });
  });

  it("deploys and seeds the sandbox signing every transaction here, none on the node", async function () {
    const run = deploy as TaskRun;
    expect(run.code, run.stderr).to.equal(0);
    const output = JSON.parse(run.stdout) as { chainId: number; seeded: string[] };
    expect(output.chainId).to.equal(chainId);
    expect(output.seeded).to.deep.equal(["Tokens", "Farming", "Lending", "Governance"]);
    expect(run.stderr).to.contain(
      "warning: on remote the mock stablecoins' faucet is open to anyone",
    );
    expect(seen.methods).to.not.include("eth_sendTransaction");
    expect(seen.rawTransactions.length).to.be.greaterThan(100);
    // Only the deployer's key and the keys derived from the actors' mnemonic signed.
    const signers = new Set(seen.rawTransactions.map((tx) => tx.from));
    const known = new Set([deployer, ...Object.values(actors)]);
    for (const signer of signers) expect(known.has(signer ?? ""), signer ?? "").to.equal(true);
    expect(signers.has(deployer)).to.equal(true);
  });

  it("funds the actors derived from the mnemonic from the deployer's account", async function () {
    const funding = seen.rawTransactions.filter(
      (tx) => tx.from === deployer && tx.data === "0x" && tx.value > 0n,
    );
    for (const name of ["alice", "bob", "carol", "dave", "whale", "attacker"]) {
      const sent = funding.filter((tx) => tx.to === actors[name]);
      expect(sent.length, `ETH sent to ${name}`).to.be.greaterThan(0);
    }
    const status = await runTask(
      ["sandbox", "status"],
      { account: "whale", json: true },
      "remote",
      patch,
    );
    expect(status.ok, status.stderr).to.equal(true);
    const view = JSON.parse(status.stdout) as {
      chain: { chainId: number; client: string };
      account: { address: string; balances: Record<string, string> };
    };
    expect(view.chain.chainId).to.equal(chainId);
    expect(view.chain.client).to.match(/^anvil\//);
    expect(view.account.address).to.equal(actors.whale);
    expect(view.account.balances).to.deep.include({
      USDC: (10_000_000n * USDC).toString(),
      WETH: (5_000n * WAD).toString(),
    });
  });

  // The scenarios whose both sides need no dev-node method (README: "Any network").
  const KEYED_SCENARIOS = [
    "reentrancy",
    "flash-loan-side-entrance",
    "flash-loan-truster",
    "erc4626-inflation",
    "compromised-reporters",
    "stolen-admin-key",
  ];

  it("plays every scenario that needs no dev-node method, signing as the derived actors", async function () {
    const before = seen.rawTransactions.length;
    for (const name of KEYED_SCENARIOS) {
      const run = await runTask(["sandbox", "scenario"], { name, json: true }, "remote", patch);
      const why = run.stderr.split("\n").filter((line) => /FAIL|reverted|error:/.test(line));
      expect(run.ok, `${name}: ${why.join(" | ")}`).to.equal(true);
      const result = JSON.parse(run.stdout) as {
        vulnerable: { passed: boolean };
        hardened: { passed: boolean };
      };
      expect([result.vulnerable.passed, result.hardened.passed], name).to.deep.equal([true, true]);
    }
    const signers = new Set(seen.rawTransactions.slice(before).map((tx) => tx.from));
    for (const name of ["attacker", "alice", "keeper"]) {
      expect(signers.has(actors[name]), name).to.equal(true);
    }
    expect(seen.methods).to.not.include("eth_sendTransaction");
  });

  it("refuses time travel and a scenario that needs automine changes, each in one line", async function () {
    const [time, sandwich] = await Promise.all([
      runHardhat(["sandbox", "time", "--network", "remote", "--days", "1"], env),
      runTask(["sandbox", "scenario"], { name: "sandwich" }, "remote", patch),
    ]);
    expect(time.code).to.equal(1);
    expect(time.stdout).to.equal("");
    expect(time.stderr).to.match(
      /^error: refusing to move time on remote \(anvil\/[^)]+\): it signs with configured keys, as a shared chain does — only a local dev node reached with its own accounts \(npm run chain\) can travel in time\n$/,
    );
    expect(sandwich.ok).to.equal(false);
    expect(sandwich.stderr.trimEnd().split("\n").at(-1)).to.equal(
      "error: evm_setAutomine (automine changes) is refused on remote: it signs with configured " +
        "keys, as a shared chain does — play this on a local dev node (npm run chain)",
    );
    expect(seen.methods).to.not.include("evm_setAutomine");
    expect(seen.methods).to.not.include("evm_increaseTime");
  });
});
