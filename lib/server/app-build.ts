import { readdir, stat } from "node:fs/promises";
import path from "node:path";

/** The app's sources and its build, relative to the project's root. */
export const APP_DIR = "app";
export const APP_DIST = path.join(APP_DIR, "dist");

/** The newest modification time under `dir`, skipping `skip` (the build itself). */
async function newest(dir: string, skip: string): Promise<number> {
  let latest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (full === skip || entry.name === "node_modules") continue;
    latest = Math.max(
      latest,
      entry.isDirectory() ? await newest(full, skip) : (await stat(full)).mtimeMs,
    );
  }
  return latest;
}

/**
 * Builds the dashboard with Vite when its build is missing or older than its sources (the app and
 * the pure library it bundles); returns the build's folder.
 */
export async function ensureAppBuild(
  root: string,
  log: (line: string) => void = () => {},
  force = false,
): Promise<string> {
  const dist = path.join(root, APP_DIST);
  const built = await stat(path.join(dist, "index.html")).then(
    (s) => s.mtimeMs,
    () => 0,
  );
  const sources = Math.max(
    await newest(path.join(root, APP_DIR), dist),
    await newest(path.join(root, "lib", "pure"), dist),
  );
  if (!force && built > sources) return dist;
  log("building the dashboard (vite build)");
  const { build } = await import("vite");
  await build({
    configFile: path.join(root, APP_DIR, "vite.config.ts"),
    logLevel: "warn",
  });
  return dist;
}
