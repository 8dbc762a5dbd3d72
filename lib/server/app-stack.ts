import { access } from "node:fs/promises";

import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import type { NetworkConnection } from "hardhat/types/network";
import { type Browser, chromium } from "playwright-core";

import { type AppServer, startAppServer } from "./app-server.js";
import { ensureAppBuild } from "./app-build.js";
import { deploySandbox } from "../chain/deploy.js";
import { SandboxError } from "../chain/errors.js";

/** Debian's chromium, the browser the dashboard's tests and benchmark drive. */
export const CHROMIUM = process.env.SANDBOX_CHROMIUM ?? "/usr/bin/chromium";

/** A fresh node with the sandbox deployed and seeded, and the freshly built dashboard serving it. */
export interface DashboardStack {
  nodeUrl: string;
  appUrl: string;
  connection: NetworkConnection;
  close(): Promise<void>;
}

/**
 * Builds the app, starts a node in this process on a free port (with its own chain id, so that
 * its deployment record is apart from a running `npm run sandbox`), deploys and seeds the
 * sandbox, and serves the dashboard against it on a free port.
 */
export async function startDashboardStack(
  hre: HardhatRuntimeEnvironment,
  chainId: number,
  log: (line: string) => void = () => {},
): Promise<DashboardStack> {
  const distDir = await ensureAppBuild(hre.config.paths.root, log, true);
  const node = await hre.network.createServer(
    { network: "node", override: { chainId } },
    "127.0.0.1",
    0,
  );
  const { port } = await node.listen();
  const nodeUrl = `http://127.0.0.1:${port}`;
  const connection = await hre.network.create({ network: "localhost", override: { url: nodeUrl } });
  let app: AppServer | undefined;
  try {
    await deploySandbox(connection, { reset: true, log });
    app = await startAppServer(hre, connection, {
      hostname: "127.0.0.1",
      port: 0,
      distDir,
      nodeUrl,
      startHint: "npm run sandbox",
    });
  } catch (error) {
    await connection.close();
    await node.close();
    throw error;
  }
  const served = app;
  return {
    nodeUrl,
    appUrl: served.url,
    connection,
    close: async () => {
      await served.close();
      await connection.close();
      await node.close();
    },
  };
}

/** Launches Debian's chromium headless, or says how to install it. */
export async function launchChromium(): Promise<Browser> {
  try {
    await access(CHROMIUM);
  } catch {
    throw new SandboxError(
      `no browser at ${CHROMIUM} — install Debian's chromium with: apt-get install -y chromium`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}
