import { mkdir } from "node:fs/promises";
import path from "node:path";

import { MultiProcessMutex } from "@nomicfoundation/hardhat-utils/synchronization";
import { emptyTask, task } from "hardhat/config";
import { definePlugin } from "hardhat/plugins";
import { ArgumentType } from "hardhat/types/arguments";
import type { HardhatPlugin } from "hardhat/types/plugins";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import type {
  LazyActionObject,
  NewTaskActionFunction,
  NewTaskDefinitionBuilder,
  TaskArguments,
} from "hardhat/types/tasks";

import { SIM_OPTIONS, type SimArgs } from "../lib/sim/options.js";
import "./type-extensions.js";

/** Runtimes whose build has run: a second task in the same process does not build again. */
const built = new WeakSet<HardhatRuntimeEnvironment>();
/** Longest wait for another process's build, in milliseconds. */
const BUILD_LOCK_TIMEOUT_MS = 300_000;

/**
 * Loads an action that imports the contracts' generated types once Hardhat's build has run quietly
 * (as `hardhat build --quiet` did before each script): a fresh clone has no types until then.
 * Every build rewrites typechain-types, so the build and the loading hold a lock shared by every
 * process of the project: two tasks started at once never read the types while the other writes.
 */
function afterBuild<ArgsT extends TaskArguments>(
  load: LazyActionObject<NewTaskActionFunction<ArgsT>>,
): LazyActionObject<NewTaskActionFunction<ArgsT>> {
  return async () => ({
    default: async (args: ArgsT, hre: HardhatRuntimeEnvironment) => {
      const lock = path.join(hre.config.paths.cache, "sandbox-build.lock");
      await mkdir(hre.config.paths.cache, { recursive: true });
      const { default: action } = await new MultiProcessMutex(lock, BUILD_LOCK_TIMEOUT_MS).use(
        async () => {
          if (!built.has(hre)) {
            await hre.tasks.getTask("build").run({ quiet: true });
            built.add(hre);
          }
          return load();
        },
      );
      return action(args, hre);
    },
  });
}

const ON_A_NODE = "Network: --network, or localhost (a node at 127.0.0.1:8545) when not given.";
const IN_PROCESS = "Runs on the in-process chain (Hardhat's own) unless --network is given.";

const json = {
  name: "json",
  description: "Print one JSON object on stdout instead of tables",
} as const;
const nodeOptions = <T extends ReturnType<typeof task>>(builder: T) =>
  builder
    .addOption({
      name: "hostname",
      description: "Address to listen on (0.0.0.0 or a LAN address shares the chain)",
      type: ArgumentType.STRING,
      defaultValue: "127.0.0.1",
    })
    .addOption({
      name: "port",
      description: "Port to listen on",
      type: ArgumentType.INT,
      defaultValue: 8545,
    })
    .addOption({
      name: "chainId",
      description: "Chain id of the node's chain",
      type: ArgumentType.INT,
      defaultValue: 31337,
    });

// The simulator's options come from lib/sim/options.ts, whose SimArgs names their values' types.
const simulate = (
  SIM_OPTIONS.reduce(
    (builder, option) => builder.addOption(option),
    task(
      ["sandbox", "simulate"],
      "Simulate farmers and traders on a fresh sandbox, day by day; write CSV, JSON and an SVG chart. " +
        IN_PROCESS,
    ) as NewTaskDefinitionBuilder,
  ) as unknown as NewTaskDefinitionBuilder<SimArgs>
)
  .addFlag(json)
  .setAction(afterBuild(() => import("./tasks/simulate.js")))
  .build();

/**
 * The DeFi sandbox as Hardhat tasks (`npx hardhat sandbox …`), and the network hook that lets
 * every Ethereum client talk to its node and keeps dev-node methods off shared chains.
 */
const sandboxPlugin: HardhatPlugin = definePlugin({
  id: "defi-yield-sandbox",
  hookHandlers: {
    config: () => import("./hooks/config.js"),
    network: () => import("./hooks/network.js"),
  },
  tasks: [
    task("help", "Describe a task, as `npx hardhat <task> [subtask] --help` does")
      .addVariadicArgument({
        name: "task",
        description: "The task and its subtask, e.g. sandbox status",
        defaultValue: [],
      })
      .setAction(() => import("./tasks/help.js"))
      .build(),

    emptyTask(
      "sandbox",
      "The DeFi sandbox: run its node, deploy it, look inside, play its attacks and simulations",
    ).build(),

    nodeOptions(
      task(
        ["sandbox", "node"],
        "Start the sandbox's node: Hardhat's JSON-RPC server, which cast and web3.js can talk to",
      ),
    )
      .setAction(() => import("./tasks/node.js"))
      .build(),

    nodeOptions(
      task(
        ["sandbox", "up"],
        "Start the sandbox's node, deploy and seed the sandbox on it, serve the dashboard, and keep it running (Ctrl-C stops it)",
      ),
    )
      .addOption({
        name: "appPort",
        description: "Port of the dashboard on 127.0.0.1 (5173, or a free port when it is taken)",
        type: ArgumentType.INT,
        defaultValue: 5173,
      })
      .setAction(afterBuild(() => import("./tasks/up.js")))
      .build(),

    task(
      ["sandbox", "app"],
      `Serve the dashboard, the sandbox in a browser, against a running node. ${ON_A_NODE}`,
    )
      .addOption({
        name: "hostname",
        description: "Address to listen on",
        type: ArgumentType.STRING,
        defaultValue: "127.0.0.1",
      })
      .addOption({
        name: "port",
        description: "Port to listen on (5173, or a free port when it is taken)",
        type: ArgumentType.INT,
        defaultValue: 5173,
      })
      .setAction(afterBuild(() => import("./tasks/app.js")))
      .build(),

    task(
      ["sandbox", "bench-app"],
      "The dashboard in Chromium: first render of the overview, a swap from click to new reserves, " +
        "and the bundle's gzipped size, beside their targets. Starts its own node.",
    )
      .addFlag(json)
      .setAction(afterBuild(() => import("./tasks/bench-app.js")))
      .build(),

    task(["sandbox", "deploy"], `Deploy the sandbox through Ignition and seed it. ${ON_A_NODE}`)
      .addFlag({
        name: "reset",
        description: "Drop the chain's record and deploy everything afresh",
      })
      .addFlag(json)
      .setAction(afterBuild(() => import("./tasks/deploy.js")))
      .build(),

    task(
      ["sandbox", "status"],
      `Show the chain, the tokens, pools, farms, market, governance and an account. ${ON_A_NODE}`,
    )
      .addOption({
        name: "account",
        description:
          "Whose balances to show: a named actor (alice, bob, …, treasury) or a 0x address",
        type: ArgumentType.STRING,
        defaultValue: "alice",
      })
      .addFlag(json)
      .setAction(afterBuild(() => import("./tasks/status.js")))
      .build(),

    task(
      ["sandbox", "faucet"],
      `Send ETH, WETH or the mock stablecoins to an account. ${ON_A_NODE}`,
    )
      .addOption({
        name: "to",
        description: "Who receives: a named actor (alice, bob, …) or a 0x address",
        type: ArgumentType.STRING_WITHOUT_DEFAULT,
        defaultValue: undefined,
      })
      .addOption({
        name: "token",
        description: "What to send: eth, weth, usdc or dai",
        type: ArgumentType.STRING_WITHOUT_DEFAULT,
        defaultValue: undefined,
      })
      .addOption({
        name: "amount",
        description: "How much, in whole units (1000, 0.5)",
        type: ArgumentType.STRING_WITHOUT_DEFAULT,
        defaultValue: undefined,
      })
      .addFlag(json)
      .setAction(afterBuild(() => import("./tasks/faucet.js")))
      .build(),

    task(
      ["sandbox", "time"],
      `Move a local dev node's clock forward and mine a block; the reporters report again. ${ON_A_NODE}`,
    )
      .addOption({
        name: "days",
        description: "Whole days to move forward, 1 to 3650",
        type: ArgumentType.INT,
        defaultValue: 1,
      })
      .addFlag(json)
      .setAction(afterBuild(() => import("./tasks/time.js")))
      .build(),

    task(
      ["sandbox", "scenario"],
      `Play an attack scenario on its vulnerable and hardened contracts, or all of them. ${IN_PROCESS}`,
    )
      .addPositionalArgument({
        name: "name",
        description: "The scenario to play (omit with --all)",
        defaultValue: "",
      })
      .addFlag({ name: "all", description: "Play every scenario and print a summary" })
      .addOption({
        name: "exploit",
        description:
          "Challenge mode: play your exploit module (see scripts/scenarios/exploit-template.ts)",
        type: ArgumentType.FILE_WITHOUT_DEFAULT,
        defaultValue: undefined,
      })
      .addFlag(json)
      .setAction(afterBuild(() => import("./tasks/scenario.js")))
      .build(),

    simulate,

    task(
      ["sandbox", "demo"],
      "The narrated tour: a year of farming, returns against their closed forms, three attacks. " +
        IN_PROCESS,
    )
      .addOption({
        name: "seed",
        description: "Seed of the farming run",
        type: ArgumentType.INT,
        defaultValue: 2026,
      })
      .addOption({
        name: "days",
        description: "Days of farming, 1 to 3650",
        type: ArgumentType.INT,
        defaultValue: 365,
      })
      .addFlag(json)
      .setAction(afterBuild(() => import("./tasks/demo.js")))
      .build(),

    task(
      ["sandbox", "airdrop-tree"],
      "Build an airdrop's Merkle tree and proofs from a JSON or CSV file of balances",
    )
      .addOption({
        name: "input",
        description: "The balances: a .json or .csv file of account,amount",
        type: ArgumentType.FILE_WITHOUT_DEFAULT,
        defaultValue: undefined,
      })
      .addOption({
        name: "out",
        description: "Folder to write tree.json and proofs.json to",
        type: ArgumentType.STRING_WITHOUT_DEFAULT,
        defaultValue: undefined,
      })
      .addOption({
        name: "decimals",
        description: "The token's decimals, 0 to 36",
        type: ArgumentType.INT,
        defaultValue: 18,
      })
      .addFlag(json)
      .setAction(() => import("./tasks/airdrop-tree.js"))
      .build(),

    task(
      ["sandbox", "docs-tables"],
      "Compute the docs' tables of figures from a fresh run on the in-process chain and write each " +
        "between its markers (<!-- table:NAME -->)",
    )
      .addOption({
        name: "only",
        description: "Comma-separated table names (default: every table)",
        type: ArgumentType.STRING,
        defaultValue: "",
      })
      .addFlag({
        name: "check",
        description:
          "Write nothing; exit 1 when a page differs from what the code produces now (alone: the deterministic tables)",
      })
      .setAction(afterBuild(() => import("./tasks/docs-tables.js")))
      .build(),

    task(
      ["sandbox", "bench-gas"],
      `Gas of the sandbox AMM beside Uniswap V2, measured from receipts. ${IN_PROCESS}`,
    )
      .addFlag(json)
      .setAction(afterBuild(() => import("./tasks/bench-gas.js")))
      .build(),

    task(
      ["sandbox", "bench-farm"],
      "Gas of the farm and the lock-tier staking beside MasterChef and StakingRewards, and a " +
        `harvest's scaling with 1,000 stakers. ${IN_PROCESS}`,
    )
      .addFlag(json)
      .setAction(afterBuild(() => import("./tasks/bench-farm.js")))
      .build(),

    task(
      ["sandbox", "bench-sim"],
      "The simulator's throughput against plain ERC-20 transfers on the in-process chain; its scaling and Monte Carlo timing",
    )
      .addOption({
        name: "days",
        description: "Days to simulate, 1 to 3650",
        type: ArgumentType.INT,
        defaultValue: 30,
      })
      .addOption({
        name: "farmers",
        description: "Farmers (and as many traders) of the throughput run, 1 to 5000",
        type: ArgumentType.INT,
        defaultValue: 100,
      })
      .addFlag({ name: "scaling", description: "Also time 10, 100 and 1,000 farmers" })
      .addOption({
        name: "scalingDays",
        description: "Days of each scaling run",
        type: ArgumentType.INT,
        defaultValue: 365,
      })
      .addFlag({
        name: "montecarlo",
        description: "Also time a Monte Carlo run on 1 and 2 workers",
      })
      .addOption({
        name: "mcPaths",
        description: "Paths of the Monte Carlo timing",
        type: ArgumentType.INT,
        defaultValue: 100,
      })
      .addOption({
        name: "mcDays",
        description: "Days of each Monte Carlo path",
        type: ArgumentType.INT,
        defaultValue: 365,
      })
      .addFlag(json)
      .setAction(afterBuild(() => import("./tasks/bench-sim.js")))
      .build(),
  ],
});

export default sandboxPlugin;
