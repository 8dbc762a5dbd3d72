import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

import type { Exploit, World } from "./types.js";

/** A learner's exploit module that cannot be used, with the reason in the message. */
export class ExploitModuleError extends Error {
  override name = "ExploitModuleError";
}

/**
 * Loads a learner's exploit for challenge mode: a module (TypeScript under tsx, or JavaScript) that
 * exports `exploit(world)`, with the same signature as the scenario's shipped exploit.
 */
export async function loadExploit(file: string): Promise<Exploit<World>> {
  const path = resolve(file);
  if (!existsSync(path)) throw new ExploitModuleError(`no exploit module at ${path}`);
  const module = (await import(pathToFileURL(path).href)) as { exploit?: unknown };
  if (typeof module.exploit !== "function") {
    throw new ExploitModuleError(`${file} must export a function named exploit(world)`);
  }
  return module.exploit as Exploit<World>;
}
