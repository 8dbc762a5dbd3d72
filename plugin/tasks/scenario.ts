import type { NetworkConnection } from "hardhat/types/network";

import { FUNDED_ACTORS, SCENARIO_ETH, getActors } from "../../lib/chain/actors.js";
import { loadSandbox } from "../../lib/chain/addresses.js";
import { GAS_RESERVE, ensureEth } from "../../lib/chain/seed/eth.js";
import { connectNetwork, networkNameOf, signingModeOf } from "../../lib/chain/network.js";
import { ExploitModuleError, loadExploit } from "../../lib/scenarios/challenge.js";
import { scenarioEnv } from "../../lib/scenarios/env.js";
import { SCENARIOS, findScenario, playEach } from "../../lib/scenarios/index.js";
import type { Exploit, Scenario, ScenarioEnv, World } from "../../lib/scenarios/index.js";
import { scenarioTable, summaryTable, toJson } from "../../lib/scenarios/report.js";
import { SandboxError, UsageError } from "../../lib/chain/errors.js";
import { sandboxAction } from "../../lib/terminal/task.js";

/**
 * The scenario environment on a node's deployed sandbox, from its address book. On a chain reached
 * with keys the deployer first tops each funded actor up to SCENARIO_ETH, and the keeper and the
 * treasury up to some gas.
 */
async function deployedEnv(
  connection: NetworkConnection,
  log: (line: string) => void,
): Promise<ScenarioEnv> {
  const { ethers, networkHelpers } = connection;
  const actors = await getActors(ethers);
  const { sandbox } = await loadSandbox(connection, actors.deployer);
  if (signingModeOf(connection.networkConfig) === "keyed") {
    const seed = { ethers, sandbox, actors, devNode: false, log };
    for (const name of FUNDED_ACTORS) await ensureEth(seed, actors[name].address, SCENARIO_ETH);
    // The keeper and the treasury hold no bags, but scenarios sign with them too.
    for (const name of ["keeper", "treasury"] as const) {
      await ensureEth(seed, actors[name].address, GAS_RESERVE);
    }
  }
  return { ethers, networkHelpers, actors, sandbox, log };
}

interface ScenarioArgs {
  name: string;
  all: boolean;
  exploit: string | undefined;
  json: boolean;
}

/**
 * Plays one scenario, or every one with --all: each on its vulnerable and its hardened contract,
 * judged by balances. With --exploit, the learner's exploit plays instead of the shipped one
 * (challenge mode): the run fails unless it drains the vulnerable side.
 */
export default sandboxAction<ScenarioArgs>(async (args, hre, io) => {
  const names = SCENARIOS.map((s) => s.name).join(", ");
  const named = args.name !== "";
  if (args.all === named) {
    throw new UsageError(`give either a scenario's name or --all (scenarios: ${names})`);
  }
  if (args.all && args.exploit !== undefined) {
    throw new UsageError("--exploit plays one scenario: give its name instead of --all");
  }
  const chosen = args.all ? SCENARIOS : [findScenario(args.name)];
  if (chosen[0] === undefined) {
    throw new UsageError(`unknown scenario "${args.name}" (scenarios: ${names})`);
  }
  let exploit: Exploit<World> | undefined;
  if (args.exploit !== undefined) {
    try {
      exploit = await loadExploit(args.exploit);
    } catch (error) {
      if (error instanceof ExploitModuleError) throw new UsageError(`--exploit: ${error.message}`);
      throw error;
    }
  }

  const connection = await connectNetwork(hre, networkNameOf(hre, "default"));
  try {
    // The in-process chain gets a sandbox of its own; a node must have one deployed and seeded.
    const env =
      signingModeOf(connection.networkConfig) === "in-process"
        ? await scenarioEnv(connection, io.say)
        : await deployedEnv(connection, io.say);
    // On the in-process chain every scenario starts from the freshly deployed sandbox, as in the
    // tests.
    const results = await playEach(chosen as Scenario<World>[], env, {
      fresh: signingModeOf(connection.networkConfig) === "in-process" && chosen.length > 1,
      exploit,
      exploitName: exploit ? args.exploit : undefined,
    });

    if (args.json) {
      io.out(`${JSON.stringify(toJson(args.all ? results : results[0]), null, 2)}\n`);
    } else if (args.all) {
      for (const r of results) io.out(`${scenarioTable(r)}\n\n`);
      io.out(`Summary\n${summaryTable(results)}\n`);
    } else {
      io.out(`${scenarioTable(results[0])}\n`);
    }

    if (exploit !== undefined) {
      const [r] = results;
      const verdict = r.vulnerable.passed
        ? "challenge solved: your exploit drains the vulnerable side"
        : "challenge not solved yet: the vulnerable side's checks failed";
      io.say(
        `\n${verdict}${r.hardened.passed ? "" : " — and it beats the hardened side too: please report it"}`,
      );
      return r.vulnerable.passed;
    }
    if (!results.every((r) => r.vulnerable.passed && r.hardened.passed)) {
      throw new SandboxError("a scenario's checks failed (see the table)");
    }
  } finally {
    await connection.close();
  }
});
