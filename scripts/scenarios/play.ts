import { CliError, connectNetwork, parseFlags, runMain } from "../../lib/cli.js";
import { ExploitModuleError, loadExploit } from "../../lib/scenarios/challenge.js";
import { scenarioEnv } from "../../lib/scenarios/env.js";
import { SCENARIOS, findScenario, playScenario } from "../../lib/scenarios/index.js";
import type { Exploit, ScenarioResult, World } from "../../lib/scenarios/index.js";
import { scenarioTable, summaryTable, toJson } from "../../lib/scenarios/report.js";

const USAGE =
  "tsx scripts/scenarios/play.ts (--scenario NAME | --all) [--exploit FILE] [--network NAME] [--json]";

async function main(): Promise<void> {
  const flags = parseFlags(USAGE, {
    scenario: { type: "string" },
    all: { type: "boolean", default: false },
    exploit: { type: "string" },
  });
  const names = SCENARIOS.map((s) => s.name).join(", ");
  if (flags.all === (flags.scenario !== undefined)) {
    throw new CliError(
      `give either --scenario NAME or --all (scenarios: ${names}) — usage: ${USAGE}`,
    );
  }
  if (flags.all && flags.exploit !== undefined) {
    throw new CliError("--exploit plays one scenario: give it with --scenario NAME");
  }
  const chosen = flags.all ? SCENARIOS : [findScenario(flags.scenario ?? "")];
  if (chosen[0] === undefined) {
    throw new CliError(`unknown scenario "${flags.scenario}" (scenarios: ${names})`);
  }
  let exploit: Exploit<World> | undefined;
  if (flags.exploit !== undefined) {
    try {
      exploit = await loadExploit(flags.exploit);
    } catch (error) {
      if (error instanceof ExploitModuleError) throw new CliError(`--exploit: ${error.message}`);
      throw error;
    }
  }

  const log = (message: string) => process.stderr.write(`${message}\n`);
  const connection = await connectNetwork(flags.network);
  const env = await scenarioEnv(connection, log);

  const results: ScenarioResult[] = [];
  for (const scenario of chosen) {
    if (scenario === undefined) continue;
    log(`\n== ${scenario.title}`);
    results.push(
      await playScenario(
        scenario,
        env,
        exploit ?? scenario.exploit,
        exploit ? flags.exploit : "shipped",
      ),
    );
  }

  if (flags.json) {
    process.stdout.write(`${JSON.stringify(toJson(flags.all ? results : results[0]), null, 2)}\n`);
  } else if (flags.all) {
    for (const r of results) process.stdout.write(`${scenarioTable(r)}\n\n`);
    process.stdout.write(`Summary\n${summaryTable(results)}\n`);
  } else {
    process.stdout.write(`${scenarioTable(results[0])}\n`);
  }

  if (exploit !== undefined) {
    const [r] = results;
    const verdict = r.vulnerable.passed
      ? "challenge solved: your exploit drains the vulnerable side"
      : "challenge not solved yet: the vulnerable side's checks failed";
    log(
      `\n${verdict}${r.hardened.passed ? "" : " — and it beats the hardened side too: please report it"}`,
    );
    if (!r.vulnerable.passed) process.exitCode = 1;
  } else if (!results.every((r) => r.vulnerable.passed && r.hardened.passed)) {
    throw new CliError("a scenario's checks failed (see the table)");
  }
}

runMain(main);
