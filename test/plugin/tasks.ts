import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { expect } from "chai";
import type { TaskArguments } from "hardhat/types/tasks";

import { SCENARIOS } from "../../lib/scenarios/index.js";
import { taskHelp } from "../../lib/terminal/help.js";
import {
  NOWHERE,
  freePort,
  rpc,
  runHardhat,
  runTask,
  runtimeFor,
  startHardhat,
  stopProcess,
  waitForOutput,
} from "../helpers/tasks.js";

/** Every task the plugin adds, with an option value it refuses and the line it refuses it with. */
const TASKS: {
  id: string[];
  bad: { args: TaskArguments; network?: string; line: string };
  /** Valid options for a run against a network with no node; absent when it needs no node. */
  noNode?: TaskArguments;
}[] = [
  {
    id: ["sandbox", "node"],
    bad: {
      args: { hostname: "127.0.0.1", port: 70_000, chainId: 31337 },
      line: 'error: --port must be a whole number from 0 to 65535, got "70000"',
    },
  },
  {
    id: ["sandbox", "up"],
    bad: {
      args: { hostname: "127.0.0.1", port: 8545, chainId: 0 },
      line: 'error: --chain-id must be a positive whole number, got "0"',
    },
  },
  {
    id: ["sandbox", "app"],
    bad: {
      args: { hostname: "127.0.0.1", port: 70_000 },
      line: 'error: --port must be a whole number from 0 to 65535, got "70000"',
    },
    noNode: { hostname: "127.0.0.1", port: 0 },
  },
  {
    id: ["sandbox", "deploy"],
    bad: {
      args: {},
      network: "mainnet",
      line: 'error: no network named "mainnet" in hardhat.config.ts (networks: ',
    },
    noNode: {},
  },
  {
    id: ["sandbox", "status"],
    bad: {
      args: { account: "mallory" },
      line:
        "error: --account must be a 0x address or one of deployer, alice, bob, carol, dave, whale, " +
        'attacker, keeper, treasury, got "mallory"',
    },
    noNode: {},
  },
  {
    id: ["sandbox", "faucet"],
    bad: {
      args: { to: "bob", token: "usdc", amount: "-5" },
      line: 'error: --amount must be a positive number with at most 6 decimals, got "-5"',
    },
    noNode: { to: "bob", token: "usdc", amount: "5" },
  },
  {
    id: ["sandbox", "time"],
    bad: {
      args: { days: 3651 },
      line: 'error: --days must be a whole number from 1 to 3650, got "3651"',
    },
    noNode: { days: 1 },
  },
  {
    id: ["sandbox", "scenario"],
    bad: {
      args: { name: "rugpull" },
      line: `error: unknown scenario "rugpull" (scenarios: ${SCENARIOS.map((s) => s.name).join(", ")})`,
    },
    noNode: { name: "reentrancy" },
  },
  {
    id: ["sandbox", "simulate"],
    bad: { args: { farmers: 0 }, line: "error: --farmers must be at least 1" },
    noNode: {},
  },
  {
    id: ["sandbox", "demo"],
    bad: {
      args: { days: 0 },
      line: 'error: --days must be a whole number from 1 to 3650, got "0"',
    },
    noNode: {},
  },
  {
    id: ["sandbox", "airdrop-tree"],
    bad: {
      args: { input: "balances.txt", out: "out" },
      line: 'error: --input must be a .json or .csv file, got "balances.txt"',
    },
  },
  {
    id: ["sandbox", "bench-gas"],
    bad: {
      args: {},
      network: "mainnet",
      line: 'error: no network named "mainnet" in hardhat.config.ts (networks: ',
    },
    noNode: {},
  },
  {
    id: ["sandbox", "bench-farm"],
    bad: {
      args: {},
      network: "mainnet",
      line: 'error: no network named "mainnet" in hardhat.config.ts (networks: ',
    },
    noNode: {},
  },
  {
    id: ["sandbox", "bench-sim"],
    bad: {
      args: { days: 0 },
      line: 'error: --days must be a whole number from 1 to 3650, got "0"',
    },
    noNode: {},
  },
  {
    id: ["sandbox", "docs-tables"],
    bad: {
      args: { only: "il-table,gas", check: true },
      line: "error: --only: no table named gas (tables: ",
    },
  },
  {
    id: ["help"],
    bad: {
      args: { task: ["sandbox", "stats"] },
      line: 'error: no task "sandbox stats" — npx hardhat --help lists every task',
    },
  },
];

describe("the sandbox's tasks", function () {
  this.timeout(180_000);

  describe("help", function () {
    for (const { id } of TASKS) {
      it(`describes ${id.join(" ")} and each of its options`, async function () {
        const task = (await runtimeFor(undefined)).tasks.getTask(id);
        expect(task.description.length, "description").to.be.greaterThan(20);
        const help = taskHelp(task);
        for (const [name, option] of task.options) {
          expect(option.description.length, `--${name}`).to.be.greaterThan(3);
          const flag = `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
          expect(help, flag).to.contain(`  ${flag} `);
        }
      });
    }

    it("prints a task's help with npx hardhat help and lists every task in npx hardhat --help", async function () {
      const [help, flag, global] = await Promise.all([
        runHardhat(["help", "sandbox", "status"]),
        runHardhat(["sandbox", "status", "--help"]),
        runHardhat(["--help"]),
      ]);
      expect(help.code, help.stderr).to.equal(0);
      const task = (await runtimeFor(undefined)).tasks.getTask(["sandbox", "status"]);
      expect(help.stdout).to.equal(taskHelp(task));
      expect(help.stdout).to.contain(
        "Usage: hardhat [GLOBAL OPTIONS] sandbox status [--account <STRING>] [--json]",
      );
      expect(flag.code).to.equal(0);
      expect(flag.stdout).to.contain("  --account ");
      for (const { id } of TASKS)
        expect(global.stdout, id.join(" ")).to.match(new RegExp(`\\n  ${id.join(" ")} +\\S`));
    });
  });

  describe("a bad option", function () {
    for (const { id, bad } of TASKS) {
      it(`makes ${id.join(" ")} fail with one line naming it`, async function () {
        const run = await runTask(id, bad.args, bad.network);
        expect(run.ok).to.equal(false);
        expect(run.stdout).to.equal("");
        expect(run.stderr.endsWith("\n") && run.stderr.split("\n").length).to.equal(2);
        expect(run.stderr.startsWith(bad.line), run.stderr).to.equal(true);
      });
    }
  });

  describe("a missing node", function () {
    for (const { id, noNode } of TASKS) {
      if (noNode === undefined) continue;
      it(`makes ${id.join(" ")} say there is no node and how to start one`, async function () {
        const run = await runTask(id, noNode, "nowhere");
        expect(run.ok).to.equal(false);
        expect(run.stdout).to.equal("");
        expect(run.stderr).to.equal(
          `error: no node at ${await NOWHERE} — start it with npm run chain\n`,
        );
      });
    }
  });

  describe("on the in-process chain", function () {
    it("scenario plays both sides and judges them by balances", async function () {
      const run = await runTask(["sandbox", "scenario"], { name: "reentrancy", json: true });
      expect(run.ok, run.stderr).to.equal(true);
      const result = JSON.parse(run.stdout) as {
        name: string;
        vulnerable: { passed: boolean; attackerProfit: string };
        hardened: { passed: boolean; attackerProfit: string };
      };
      expect(result.name).to.equal("reentrancy");
      expect(result.vulnerable.passed).to.equal(true);
      expect(BigInt(result.vulnerable.attackerProfit) > 0n).to.equal(true);
      expect(result.hardened.passed).to.equal(true);
      expect(run.stderr).to.contain("[reentrancy · vulnerable] ok   the attacker profits");
    });

    it("scenario --all plays every scenario from the freshly deployed sandbox, each passing", async function () {
      const run = await runTask(["sandbox", "scenario"], { all: true, json: true });
      expect(run.ok, run.stderr.trimEnd().split("\n").at(-1)).to.equal(true);
      const results = JSON.parse(run.stdout) as {
        name: string;
        vulnerable: { passed: boolean };
        hardened: { passed: boolean };
      }[];
      // governance-takeover claims from the airdrop, whose claim period the earlier scenarios'
      // time travel would have ended on a chain they share.
      expect(results.map((r) => r.name)).to.deep.equal(SCENARIOS.map((s) => s.name));
      for (const r of results) {
        expect([r.vulnerable.passed, r.hardened.passed], r.name).to.deep.equal([true, true]);
      }
    });

    it("scenario in challenge mode fails when the exploit does not drain the vulnerable side", async function () {
      // The template's exploit only looks at the vault.
      const exploit = path.join("scripts", "scenarios", "exploit-template.ts");
      const run = await runTask(["sandbox", "scenario"], { name: "reentrancy", exploit });
      expect(run.ok).to.equal(false);
      expect(run.stderr).to.contain("challenge not solved yet");
      expect(run.stderr).to.not.contain("error:");
    });

    it("simulate runs the days asked for and writes its files", async function () {
      const out = await mkdtemp(path.join(tmpdir(), "sim-"));
      const run = await runTask(["sandbox", "simulate"], {
        days: 2,
        farmers: 2,
        traders: 1,
        trades: 2,
        out,
        json: true,
      });
      expect(run.ok, run.stderr).to.equal(true);
      const result = JSON.parse(run.stdout) as {
        config: { days: number; farmers: number };
        files: string[];
        summary: { day: number }[];
      };
      expect(result.config).to.deep.include({ days: 2, farmers: 2 });
      expect(result.summary.map((r) => r.day)).to.deep.equal([2, 2]);
      for (const file of result.files)
        expect((await readFile(file, "utf8")).length).to.be.greaterThan(0);
      await rm(out, { recursive: true, force: true });
    });

    it("simulate plays Monte Carlo paths of a bootstrapped price history on two workers and writes their CSV and charts", async function () {
      const out = await mkdtemp(path.join(tmpdir(), "sim-mc-"));
      const prices = path.join(out, "prices.csv");
      const closes = [2000, 2040, 1990, 2100, 2050, 1980, 2010, 2150, 2120, 2080];
      await writeFile(
        prices,
        `date,close\n${closes.map((c, i) => `2026-01-${i + 1},${c}`).join("\n")}\n`,
      );
      const run = await runTask(["sandbox", "simulate"], {
        days: 3,
        farmers: 2,
        traders: 1,
        trades: 2,
        paths: 3,
        workers: 2,
        prices,
        block: 3,
        out,
        json: true,
      });
      expect(run.ok, run.stderr).to.equal(true);
      const result = JSON.parse(run.stdout) as {
        paths: number;
        files: string[];
        summary: { strategy: string; paths: number; pBeatHodl: number }[];
      };
      expect(result.paths).to.equal(3);
      expect(result.summary.map((s) => [s.strategy, s.paths])).to.deep.equal([
        ["harvest-and-hold", 3],
        ["compound-daily", 3],
      ]);
      const csv = await readFile(result.files[0], "utf8");
      expect(csv.trim().split("\n")).to.have.length(1 + 3 * 2);
      for (const svg of result.files.filter((f) => f.endsWith(".svg"))) {
        expect(await readFile(svg, "utf8")).to.match(/^<svg[^>]*>[\s\S]*<\/svg>\n$/);
      }
      await rm(out, { recursive: true, force: true });
    });

    it("simulate refuses a price file it cannot read in one line", async function () {
      const run = await runTask(["sandbox", "simulate"], {
        prices: "no-such-prices.csv",
        json: true,
      });
      expect(run.ok).to.equal(false);
      expect(run.stderr).to.match(
        /^error: cannot read --prices no-such-prices\.csv: ENOENT[^\n]*\n$/,
      );
    });

    it("demo tours farming and three attacks, each passing", async function () {
      const run = await runTask(["sandbox", "demo"], { days: 3, json: true });
      expect(run.ok, run.stderr).to.equal(true);
      const demo = JSON.parse(run.stdout) as {
        attacks: { kind: string }[];
        scenarios: { vulnerable: { passed: boolean } }[];
      };
      expect(demo.attacks.map((a) => a.kind)).to.deep.equal([
        "a rug",
        "a flash-loan manipulation",
        "a stolen key",
      ]);
      expect(demo.scenarios.every((s) => s.vulnerable.passed)).to.equal(true);
      expect(run.stderr).to.match(/Demo done in \d+\.\d s\./);
    });

    it("bench-gas measures every operation on both AMMs", async function () {
      const run = await runTask(["sandbox", "bench-gas"], { json: true });
      expect(run.ok, run.stderr).to.equal(true);
      const rows = JSON.parse(run.stdout) as {
        operation: string;
        gasOurs: number;
        gasV2: number;
      }[];
      expect(rows).to.have.length(9);
      for (const row of rows) {
        expect(row.gasOurs, row.operation).to.be.greaterThan(21_000);
        expect(row.gasV2, row.operation).to.be.greaterThan(21_000);
      }
    });

    it("bench-farm measures the farm, the staking and a harvest beside 999 other stakers", async function () {
      const run = await runTask(["sandbox", "bench-farm"], { json: true });
      expect(run.ok, run.stderr).to.equal(true);
      const figures = JSON.parse(run.stdout) as {
        operations: { gas: number }[];
        scaling: { harvestWith1Staker: number; harvestWith1000Stakers: number };
      };
      expect(figures.operations).to.have.length(10);
      expect(figures.scaling.harvestWith1Staker).to.be.greaterThan(21_000);
      expect(figures.scaling.harvestWith1000Stakers).to.be.greaterThan(21_000);
    });

    it("docs-tables --check finds the worked examples' tables as the code writes them", async function () {
      const run = await runTask(["sandbox", "docs-tables"], {
        only: "apy-examples,il-table",
        check: true,
      });
      expect(run.ok, run.stderr).to.equal(true);
      expect(run.stdout).to.equal("docs/reference.md: up to date (apy-examples, il-table)\n");
    });

    it("bench-sim compares the simulation's throughput with plain transfers", async function () {
      const run = await runTask(["sandbox", "bench-sim"], { days: 1, farmers: 5, json: true });
      expect(run.ok, run.stderr).to.equal(true);
      const figures = JSON.parse(run.stdout) as {
        days: number;
        farmers: number;
        transactions: number;
        ratioVsOnePerBlock: number;
        ratioVsSameBlocks: number;
      };
      expect(figures.days).to.equal(1);
      expect(figures.farmers).to.equal(5);
      expect(figures.transactions).to.be.greaterThan(0);
      expect(figures.ratioVsOnePerBlock).to.be.greaterThan(0);
      expect(figures.ratioVsSameBlocks).to.be.greaterThan(0);
    });
  });

  describe("the node", function () {
    it("node serves Hardhat's chain on the port asked for until it is stopped", async function () {
      const port = await freePort();
      const child = startHardhat(["sandbox", "node", "--port", String(port), "--chain-id", "4321"]);
      try {
        const output = await waitForOutput(
          child,
          /Started HTTP and WebSocket JSON-RPC server at/,
          60_000,
        );
        expect(output).to.contain(`http://127.0.0.1:${port}/`);
        const url = `http://127.0.0.1:${port}`;
        expect((await rpc(url, "eth_chainId")).result).to.equal("0x10e1");
        // A call object carrying its input twice, as cast sends it, is taken as one.
        const call = {
          to: "0x0000000000000000000000000000000000000001",
          input: "0x1234",
          data: "0x1234",
        };
        expect(await rpc(url, "eth_call", [call, "latest"])).to.not.have.property("error");
      } finally {
        await stopProcess(child);
      }
    });

    it("up deploys and seeds the sandbox on a node of its own and keeps it running", async function () {
      const port = await freePort();
      const chainId = 200_000 + port;
      const record = path.join("ignition", "deployments", `chain-${chainId}`);
      const child = startHardhat([
        "sandbox",
        "up",
        "--port",
        String(port),
        "--chain-id",
        String(chainId),
      ]);
      try {
        const output = await waitForOutput(child, /sandbox: ready on /, 170_000);
        expect(output).to.contain(`sandbox: ready on http://127.0.0.1:${port} (chain ${chainId})`);
        const addresses = JSON.parse(
          await readFile(path.join(record, "deployed_addresses.json"), "utf8"),
        ) as Record<string, string>;
        const url = `http://127.0.0.1:${port}`;
        const code = await rpc(url, "eth_getCode", [addresses["Tokens#USDC"], "latest"]);
        expect(String(code.result).length).to.be.greaterThan(2);
        // alice's seeded bag: 100,000 USDC (6 decimals).
        const alice = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
        const data = `0x70a08231${alice.slice(2).toLowerCase().padStart(64, "0")}`;
        const balance = await rpc(url, "eth_call", [
          { to: addresses["Tokens#USDC"], data },
          "latest",
        ]);
        expect(BigInt(String(balance.result))).to.equal(100_000n * 10n ** 6n);
      } finally {
        await stopProcess(child);
        await rm(record, { recursive: true, force: true });
      }
    });

    it("up refuses to start beside a node that already answers on its port", async function () {
      const port = await freePort();
      const node = startHardhat(["sandbox", "node", "--port", String(port)]);
      try {
        await waitForOutput(node, /Started HTTP and WebSocket JSON-RPC server at/, 60_000);
        const run = await runTask(["sandbox", "up"], {
          hostname: "127.0.0.1",
          port,
          chainId: 31337,
        });
        expect(run.ok).to.equal(false);
        expect(run.stderr).to.equal(
          `error: a node already answers at http://127.0.0.1:${port} — stop it, or deploy to it with npm run deploy:local\n`,
        );
      } finally {
        await stopProcess(node);
      }
    });
  });
});
