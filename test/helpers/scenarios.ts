import type { ScenarioEnv } from "../../lib/scenarios/types.js";
import { ethers, networkHelpers } from "./connection.js";
import { sandboxFixture } from "./fixtures.js";

/** The scenario environment on the shared chain: the deployed sandbox, the actors, no narration. */
export async function scenarioEnvFixture(): Promise<ScenarioEnv> {
  const { actors, ...sandbox } = await networkHelpers.loadFixture(sandboxFixture);
  return { ethers, networkHelpers, actors, sandbox, log: () => {} };
}
