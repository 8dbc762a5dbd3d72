import { readFile, rm, writeFile } from "node:fs/promises";
import { createServer as createHttpServer, type Server } from "node:http";
import path from "node:path";

import { expect } from "chai";
import { network } from "hardhat";
import type { JsonRpcServer, NetworkConnection } from "hardhat/types/network";
import type { TaskArguments } from "hardhat/types/tasks";

import { getActors } from "../../lib/chain/actors.js";
import {
  deploymentDirOf,
  FUTURE_IDS,
  loadAddressBook,
  loadSandbox,
} from "../../lib/chain/addresses.js";
import { deploySandbox } from "../../lib/chain/deploy.js";
import { type TaskRun, freePort, runHardhat, runTask } from "../helpers/tasks.js";

const ROOT = process.cwd();

// Whole tokens in existence right after a deploy: the actors' bags (four users and the attacker at
// 100,000 USDC/DAI and 50 WETH, the whale at 100 times that), the AMM's seeded pools (WETH/USDC and
// WETH/DAI hold 200,000 of the stablecoin and 100 WETH each; RWD/WETH holds 50 WETH), and the lending
// market's and the flash lender's liquidity (1,000,000 of each stablecoin and 500 WETH each), and the
// seeded farmers' liquidity (four users put 10 WETH + 20,000 of the stablecoin in each WETH pool,
// and 5 WETH + 10,000 DAI more in WETH/DAI for the governance farm).
const SEEDED_USDC_UNITS = 5n * 100_000n + 10_000_000n + 200_000n + 2n * 1_000_000n + 4n * 20_000n;
const SEEDED_DAI_UNITS = SEEDED_USDC_UNITS + 4n * 10_000n;
const SEEDED_WETH_UNITS = 5n * 50n + 5_000n + 100n + 100n + 50n + 2n * 500n + 4n * (2n * 10n + 5n);

/**
 * A stand-in for a public chain's node (it calls itself Geth, chain id 1) that answers only the two
 * questions the scripts ask before acting: which chain and which client.
 */
async function startPublicLookalike(): Promise<{ server: Server; url: string }> {
  const answers: Record<string, string> = {
    eth_chainId: "0x1",
    web3_clientVersion: "Geth/v1.16.0-stable/linux-amd64/go1.24",
  };
  const server = createHttpServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      const { id, method } = JSON.parse(body) as { id: number; method: string };
      const reply =
        method in answers
          ? { jsonrpc: "2.0", id, result: answers[method] }
          : { jsonrpc: "2.0", id, error: { code: -32601, message: `${method} not served` } };
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify(reply));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port assigned");
  return { server, url: `http://127.0.0.1:${address.port}` };
}

/** A value an earlier step of this suite sets up; a clear failure when that step failed. */
function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} is missing: an earlier step failed`);
  return value;
}

const USDC = 10n ** 6n;
const WAD = 10n ** 18n;

/** Runs a task in this process with `--network custom` pointed at `url`. */
function onNode(url: string, id: string[], args: TaskArguments) {
  return runTask(id, args, "custom", {
    networks: { custom: { type: "http", chainType: "l1", url } },
  });
}

describe("The local-node workflow", function () {
  this.timeout(240_000);

  let server: JsonRpcServer | undefined;
  let url = "";
  let chainId = 0;
  let connection: NetworkConnection | undefined;
  let deployed: { addresses: Record<string, string>; deploymentDir: string } | undefined;
  // Command-line runs that need no node start at once, beside the node, to keep the suite short.
  let badOptions: Promise<TaskRun[]> | undefined;
  let noNode: Promise<{ url: string; run: TaskRun }> | undefined;
  let publicChain: Promise<TaskRun> | undefined;
  let lookalike: Server | undefined;

  before(async function () {
    badOptions = Promise.all([
      runHardhat(["sandbox", "status", "--bogus"]),
      runHardhat(["sandbox", "faucet", "--to", "bob", "--token", "btc"]),
      runHardhat(["sandbox", "time", "--days", "0"]),
    ]);
    noNode = freePort().then(async (closedPort) => {
      const closed = `http://127.0.0.1:${closedPort}`;
      const run = await runHardhat(["sandbox", "status", "--network", "custom"], {
        SANDBOX_NODE_URL: closed,
      });
      return { url: closed, run };
    });
    publicChain = startPublicLookalike().then(async ({ server: stand, url: publicUrl }) => {
      lookalike = stand;
      return runHardhat(["sandbox", "time", "--network", "custom", "--days", "1"], {
        SANDBOX_NODE_URL: publicUrl,
      });
    });
    // The sandbox's node, started through Hardhat's own API in this process. A chain id of its
    // own keeps this node's Ignition record apart from a developer's chain-31337.
    const port = await freePort();
    chainId = 100_000 + port;
    server = await network.createServer(
      { network: "node", override: { chainId } },
      "127.0.0.1",
      port,
    );
    const listening = await server.listen();
    url = `http://127.0.0.1:${listening.port}`;
    connection = await network.create({ network: "custom", override: { url } });
  });

  after(async function () {
    await connection?.close();
    lookalike?.close();
    await server?.close();
    if (chainId !== 0) await rm(deploymentDirOf(BigInt(chainId)), { recursive: true, force: true });
  });

  it("says the sandbox is not deployed before the first deploy", async function () {
    const chain = required(connection, "the connection");
    let message = "";
    await loadAddressBook(chain).catch((error: Error) => (message = error.message));
    expect(message).to.equal(
      `the sandbox is not deployed on custom (chain ${chainId}) — ` +
        "run npx hardhat sandbox deploy --network custom",
    );
  });

  it("deploys the Sandbox module through Ignition and records its addresses", async function () {
    const run = await onNode(url, ["sandbox", "deploy"], { json: true });
    expect(run.ok, run.stderr).to.equal(true);
    const output = JSON.parse(run.stdout) as {
      chainId: number;
      deploymentDir: string;
      addresses: Record<string, string>;
      seeded: string[];
    };
    expect(output.chainId).to.equal(chainId);
    expect(output.deploymentDir).to.equal(path.join("ignition", "deployments", `chain-${chainId}`));
    expect(output.seeded).to.deep.equal(["Tokens", "Farming", "Lending", "Governance"]);
    deployed = { addresses: output.addresses, deploymentDir: output.deploymentDir };

    const record = JSON.parse(
      await readFile(path.join(ROOT, output.deploymentDir, "deployed_addresses.json"), "utf8"),
    ) as Record<string, string>;
    expect(record["Tokens#USDC"]).to.equal(output.addresses.usdc);
    expect(record["Tokens#DAI"]).to.equal(output.addresses.dai);
    expect(record["Tokens#WETH"]).to.equal(output.addresses.weth);
  });

  it("resolves the seeded sandbox through the address book", async function () {
    const { ethers } = required(connection, "the connection");
    const { addresses: deployedAddresses } = required(deployed, "the deployment");
    const actors = await getActors(ethers);
    const { addresses, sandbox } = await loadSandbox(
      required(connection, "the connection"),
      ethers.provider,
    );
    expect(addresses).to.deep.equal(deployedAddresses);
    expect(FUTURE_IDS.usdc).to.equal("Tokens#USDC");

    expect(await sandbox.usdc.balanceOf(actors.alice)).to.equal(100_000n * USDC);
    expect(await sandbox.dai.balanceOf(actors.bob)).to.equal(100_000n * WAD);
    expect(await sandbox.weth.balanceOf(actors.attacker)).to.equal(50n * WAD);
    expect(await sandbox.usdc.balanceOf(actors.whale)).to.equal(10_000_000n * USDC);
    expect(await sandbox.weth.balanceOf(actors.whale)).to.equal(5_000n * WAD);
    expect(await sandbox.usdc.balanceOf(actors.deployer)).to.equal(0n);
    // Each seeded farmer has LP of both WETH pools staked in the farm (pools 0 and 1), WETH/DAI LP in
    // the governance farm, and its votes delegated to itself.
    for (const farmer of [actors.alice, actors.bob, actors.carol, actors.dave]) {
      expect((await sandbox.farm.userInfo(0n, farmer)).amount).to.be.greaterThan(0n);
      expect((await sandbox.farm.userInfo(1n, farmer)).amount).to.be.greaterThan(0n);
      expect((await sandbox.governanceFarm.userInfo(0n, farmer)).amount).to.be.greaterThan(0n);
      expect(await sandbox.governance.delegates(farmer)).to.equal(farmer.address);
    }
    // Five users and the attacker hold 100,000 each; the whale holds 10,000,000.
    expect(await sandbox.usdc.totalSupply()).to.equal(SEEDED_USDC_UNITS * USDC);
    expect(await sandbox.dai.totalSupply()).to.equal(SEEDED_DAI_UNITS * WAD);
    expect(await sandbox.weth.totalSupply()).to.equal(SEEDED_WETH_UNITS * WAD);
  });

  it("deploys again without new contracts or new tokens", async function () {
    const chain = required(connection, "the connection");
    const again = await deploySandbox(chain);
    expect(again.dropped).to.equal(undefined);
    expect(again.addresses).to.deep.equal(required(deployed, "the deployment").addresses);
    const { sandbox } = await loadSandbox(chain, chain.ethers.provider);
    expect(await sandbox.usdc.totalSupply()).to.equal(SEEDED_USDC_UNITS * USDC);
    expect(await sandbox.dai.totalSupply()).to.equal(SEEDED_DAI_UNITS * WAD);
    expect(await sandbox.weth.totalSupply()).to.equal(SEEDED_WETH_UNITS * WAD);
  });

  it("shows the chain, the tokens and an account's balances with status --json", async function () {
    const { addresses } = required(deployed, "the deployment");
    const run = await onNode(url, ["sandbox", "status"], { account: "carol", json: true });
    expect(run.ok, run.stderr).to.equal(true);
    const status = JSON.parse(run.stdout) as {
      chain: { network: string; chainId: number; client: string };
      tokens: { symbol: string; address: string; totalSupply: string }[];
      account: { name: string; balances: Record<string, string> };
    };
    expect(status.chain.network).to.equal("custom");
    expect(status.chain.chainId).to.equal(chainId);
    expect(status.chain.client).to.match(/^HardhatNetwork\//);
    const usdc = status.tokens.find((t) => t.symbol === "USDC");
    expect(usdc).to.deep.include({
      address: addresses.usdc,
      totalSupply: (SEEDED_USDC_UNITS * USDC).toString(),
    });
    expect(status.account.name).to.equal("carol");
    expect(status.account.balances).to.deep.include({
      USDC: (100_000n * USDC).toString(),
      DAI: (100_000n * WAD).toString(),
      WETH: (50n * WAD).toString(),
      RWD: "0",
    });
  });

  it("tops an account up with the faucet and moves the clock with time", async function () {
    required(deployed, "the deployment");
    const faucet = await onNode(url, ["sandbox", "faucet"], {
      to: "dave",
      token: "usdc",
      amount: "1234.5",
      json: true,
    });
    const time = await onNode(url, ["sandbox", "time"], { days: 30, json: true });
    expect(faucet.ok, faucet.stderr).to.equal(true);
    expect(JSON.parse(faucet.stdout)).to.deep.include({
      token: "usdc",
      amount: "1234500000",
      balance: 101_234_500_000n.toString(),
    });

    expect(time.ok, time.stderr).to.equal(true);
    const moved = JSON.parse(time.stdout) as {
      seconds: number;
      before: { block: number; timestamp: number };
      after: { block: number; timestamp: number };
    };
    expect(moved.seconds).to.equal(30 * 86_400);
    expect(moved.after.timestamp - moved.before.timestamp).to.be.gte(30 * 86_400);
  });

  it("names the module a record lacks when the sandbox gained one since", async function () {
    const chain = required(connection, "the connection");
    const { deploymentDir } = required(deployed, "the deployment");
    const file = path.join(ROOT, deploymentDir, "deployed_addresses.json");
    const original = await readFile(file, "utf8");
    const older = JSON.parse(original) as Record<string, string>;
    delete older["Tokens#DAI"];
    await writeFile(file, JSON.stringify(older));
    let message = "";
    try {
      await loadAddressBook(chain).catch((error: Error) => (message = error.message));
    } finally {
      await writeFile(file, original);
    }
    expect(message).to.equal(
      `the sandbox is not deployed on custom (chain ${chainId}) — ` +
        "run npx hardhat sandbox deploy --network custom (no record of dai (Tokens#DAI))",
    );
  });

  it("deploys fresh contracts on reset and seeds them, raising ETH the whale lacks", async function () {
    const chain = required(connection, "the connection");
    const { addresses } = required(deployed, "the deployment");
    const fresh = await deploySandbox(chain, { reset: true });
    expect(fresh.dropped).to.equal("reset");
    expect(fresh.addresses.weth).to.not.equal(addresses.weth);
    const { sandbox } = await loadSandbox(chain, chain.ethers.provider);
    const { whale } = await getActors(chain.ethers);
    // The old WETH still holds the whale's first 5,000 ETH; the new bag needed ETH it no longer had.
    expect(await sandbox.weth.balanceOf(whale)).to.equal(5_000n * WAD);
    expect(await sandbox.weth.totalSupply()).to.equal(SEEDED_WETH_UNITS * WAD);
    expect(await sandbox.usdc.totalSupply()).to.equal(SEEDED_USDC_UNITS * USDC);
  });

  it("deploys afresh when the recorded contracts are not on the node", async function () {
    const chain = required(connection, "the connection");
    const { deploymentDir } = required(deployed, "the deployment");
    const before = await loadAddressBook(chain);
    // A record naming a contract this node does not have, as after a restart of the node.
    const file = path.join(ROOT, deploymentDir, "deployed_addresses.json");
    const record = JSON.parse(await readFile(file, "utf8")) as Record<string, string>;
    record["Tokens#USDC"] = "0x000000000000000000000000000000000000dEaD";
    await writeFile(file, JSON.stringify(record));

    let message = "";
    await loadAddressBook(chain).catch((error: Error) => (message = error.message));
    expect(message).to.equal(
      `the sandbox is not deployed on custom (chain ${chainId}) — ` +
        "run npx hardhat sandbox deploy --network custom " +
        "(no code at the recorded usdc: the node was restarted)",
    );

    const fresh = await deploySandbox(chain);
    expect(fresh.dropped).to.equal("stale");
    expect(fresh.addresses.usdc).to.not.equal(before.usdc);
    const { sandbox } = await loadSandbox(chain, chain.ethers.provider);
    expect(await sandbox.usdc.totalSupply()).to.equal(SEEDED_USDC_UNITS * USDC);
    expect(await sandbox.dai.totalSupply()).to.equal(SEEDED_DAI_UNITS * WAD);
    expect(await sandbox.weth.totalSupply()).to.equal(SEEDED_WETH_UNITS * WAD);
  });

  it("rejects bad options with one line naming the problem and exit code 1", async function () {
    const [unknown, token, days] = await required(badOptions, "the bad-option runs");
    expect([unknown.code, token.code, days.code]).to.deep.equal([1, 1, 1]);
    // An option the task does not have is Hardhat's own error, its first line naming the option.
    expect(unknown.stderr.split("\n")[0]).to.match(/^Error HHE\d+: .*--bogus/);
    expect(token.stderr).to.equal(
      'error: --token must be one of eth, weth, usdc, dai, got "btc"\n',
    );
    expect(days.stderr).to.equal('error: --days must be a whole number from 1 to 3650, got "0"\n');
    expect([unknown.stdout, token.stdout, days.stdout]).to.deep.equal(["", "", ""]);
  });

  it("says no node is listening when the URL has none", async function () {
    const { url: closed, run } = await required(noNode, "the run without a node");
    expect(run.code).to.equal(1);
    expect(run.stderr).to.equal(`error: no node at ${closed} — start it with npm run chain\n`);
    expect(run.stdout).to.equal("");
  });

  it("refuses to move time on a chain that is not a local dev node", async function () {
    const run = await required(publicChain, "the run against a public chain");
    expect(run.code).to.equal(1);
    expect(run.stderr).to.equal(
      "error: refusing to move time on custom (Geth/v1.16.0-stable/linux-amd64/go1.24): " +
        "only a local dev node (Hardhat, anvil) can travel in time\n",
    );
  });
});
