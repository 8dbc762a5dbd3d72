import { existsSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";

/**
 * Foundry's tools, installed from npm outside the lockfile (the registry lacks some of their
 * platform builds, so `npm ci` would refuse them in package.json): .ci/run installs them with
 * `npm install --prefix ~/.cache/foundry-npm @foundry-rs/cast @foundry-rs/anvil`, and
 * SANDBOX_FOUNDRY_PREFIX names another prefix.
 */
export const FOUNDRY_PREFIX =
  process.env.SANDBOX_FOUNDRY_PREFIX ?? path.join(homedir(), ".cache", "foundry-npm");

export type FoundryTool = "cast" | "anvil";

/** The path of a Foundry tool, or undefined when it is not installed under the prefix. */
export function foundryTool(tool: FoundryTool): string | undefined {
  const bin = path.join(FOUNDRY_PREFIX, "node_modules", ".bin", tool);
  return existsSync(bin) ? bin : undefined;
}

/** Why a test that needs the tool cannot run, for its skip message. */
export function missingToolReason(tool: FoundryTool): string {
  return (
    `${tool} is not installed under ${FOUNDRY_PREFIX} ` +
    `(npm install --prefix ${FOUNDRY_PREFIX} @foundry-rs/${tool}; its build for this platform may be missing)`
  );
}
