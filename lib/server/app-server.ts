import { readFile, stat } from "node:fs/promises";
import { type IncomingMessage, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import type { NetworkConnection } from "hardhat/types/network";

import { sandboxAirdrop } from "../pure/airdrop.js";
import { toJson } from "../scenarios/report.js";
import { ACTOR_NAMES, getActors } from "../chain/actors.js";
import { chainIdOf, loadSandbox } from "../chain/addresses.js";
import { type AppApi, createAppApi } from "./app-api.js";
import { ensureAppBuild } from "./app-build.js";
import { SandboxError, UsageError } from "../chain/errors.js";
import { requireDevChain } from "../chain/network.js";
import { reportPrices } from "../chain/reporters.js";
import { sandboxAbis } from "../chain/sandbox.js";
import { STATUS_SECTIONS } from "../chain/status.js";

/** Largest request body the server reads (a JSON-RPC batch or a form), in bytes. */
const MAX_BODY = 1_000_000;

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
  ".ico": "image/x-icon",
};

export interface AppServerOptions {
  hostname: string;
  port: number;
  /** The built app (app/dist). */
  distDir: string;
  /** The node's JSON-RPC URL, which the app reaches through this server's /rpc. */
  nodeUrl: string;
  /** What to run when the node is missing, for the app's banner. */
  startHint: string;
}

export interface AppServer {
  url: string;
  close(): Promise<void>;
}

/** A request that cannot be served, with the HTTP status to answer it with. */
export class AppRequestError extends SandboxError {
  override name = "AppRequestError";

  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The port asked for is in use. */
export class PortTakenError extends SandboxError {
  override name = "PortTakenError";
}

/** The dashboard's port when none is given: Vite's usual one, or a free port when it is taken. */
export const DEFAULT_APP_PORT = 5173;

/**
 * Builds the app when its build is stale and serves it: on `port`, or when that is the default
 * and taken, on a free port.
 */
export async function serveDashboard(
  hre: HardhatRuntimeEnvironment,
  connection: NetworkConnection,
  options: Omit<AppServerOptions, "distDir"> & { log: (line: string) => void },
): Promise<AppServer> {
  const distDir = await ensureAppBuild(hre.config.paths.root, options.log);
  try {
    return await startAppServer(hre, connection, { ...options, distDir });
  } catch (error) {
    if (!(error instanceof PortTakenError) || options.port !== DEFAULT_APP_PORT) throw error;
    return startAppServer(hre, connection, { ...options, distDir, port: 0 });
  }
}

async function readBody(request: IncomingMessage): Promise<string> {
  let body = "";
  for await (const chunk of request) {
    body += String(chunk);
    if (body.length > MAX_BODY) throw new AppRequestError(413, "request body too large");
  }
  return body;
}

function send(response: ServerResponse, status: number, value: unknown): void {
  response.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  response.end(JSON.stringify(toJson(value)));
}

/**
 * The dashboard's server, in the sandbox's own process: the built single-page app, the node's
 * JSON-RPC at /rpc (so the browser reads and signs as the node's unlocked actors through one
 * origin), and a small JSON API for what needs Hardhat — the address book and ABIs, the status
 * view's readers, the scenarios and the simulator on the in-process chain.
 */
export async function startAppServer(
  hre: HardhatRuntimeEnvironment,
  connection: NetworkConnection,
  options: AppServerOptions,
): Promise<AppServer> {
  const api: AppApi = createAppApi(hre);
  const noNode = `no node at ${options.nodeUrl} — start it with ${options.startHint}`;

  /** The tokens shown everywhere, with their symbols and decimals, read once with the book. */
  const TOKENS = ["weth", "usdc", "dai", "reward", "governance"] as const;

  /**
   * The address book, read once and kept while the node still has the sandbox's WETH (a redeploy
   * or a restarted node makes it read again).
   */
  let cachedBook: Awaited<ReturnType<typeof readBook>> | undefined;
  async function book() {
    if (cachedBook !== undefined) {
      const code = await connection.provider.request({
        method: "eth_getCode",
        params: [cachedBook.addresses.weth, "latest"],
      });
      if (code !== "0x") return cachedBook;
    }
    cachedBook = await readBook();
    return cachedBook;
  }

  async function readBook() {
    const actors = await getActors(connection.ethers);
    const { addresses, sandbox } = await loadSandbox(connection, actors.deployer);
    const tokens = await Promise.all(
      TOKENS.map(async (key) => ({
        key,
        address: addresses[key],
        symbol: await sandbox[key].symbol(),
        decimals: Number(await sandbox[key].decimals()),
      })),
    );
    return {
      network: connection.networkName,
      chainId: Number(await chainIdOf(connection)),
      nodeUrl: options.nodeUrl,
      startHint: options.startHint,
      addresses,
      tokens,
      actors: ACTOR_NAMES.map((name) => ({ name, address: actors[name].address })),
      abis: sandboxAbis(),
    };
  }

  async function status(account: string) {
    const actors = await getActors(connection.ethers);
    const { addresses, sandbox } = await loadSandbox(connection, actors.deployer);
    const name = ACTOR_NAMES.find((n) => n === account) ?? "alice";
    const ctx = {
      connection,
      ethers: connection.ethers,
      sandbox,
      addresses,
      account: { label: name, address: actors[name].address },
    };
    const sections = await Promise.all(STATUS_SECTIONS.map((section) => section(ctx)));
    return Object.fromEntries(sections.map((s) => [s.key, { title: s.title, data: s.data }]));
  }

  /**
   * Moves the dev node's clock forward and mines a block (0 seconds: just mines), then the price
   * reporters report again, as `npm run time` does: the prices stay, their age starts over.
   */
  async function travel(seconds: unknown) {
    if (
      typeof seconds !== "number" ||
      !Number.isInteger(seconds) ||
      seconds < 0 ||
      seconds > 3650 * 86_400
    ) {
      throw new UsageError("seconds must be a whole number from 0 to ten years");
    }
    await requireDevChain(connection, "move time", "travel in time");
    if (seconds > 0)
      await connection.provider.request({ method: "evm_increaseTime", params: [seconds] });
    await connection.provider.request({ method: "evm_mine", params: [] });
    if (seconds > 0) {
      const { sandbox } = await loadSandbox(connection, connection.ethers.provider);
      await reportPrices(connection.ethers, sandbox);
    }
    return { block: await connection.ethers.provider.getBlockNumber() };
  }

  async function rpc(body: string, response: ServerResponse): Promise<void> {
    let answer: Response;
    try {
      answer = await fetch(options.nodeUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
    } catch {
      send(response, 502, { jsonrpc: "2.0", id: null, error: { code: -32603, message: noNode } });
      return;
    }
    response.writeHead(answer.status, { "content-type": "application/json" });
    response.end(await answer.text());
  }

  async function serveFile(pathname: string, response: ServerResponse): Promise<void> {
    const root = path.resolve(options.distDir);
    let file = path.resolve(root, `.${decodeURIComponent(pathname)}`);
    if (!file.startsWith(root)) throw new AppRequestError(403, "outside the app");
    const found = await stat(file).catch(() => undefined);
    if (found === undefined || found.isDirectory()) file = path.join(root, "index.html");
    const type = CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream";
    const cache = file.includes(`${path.sep}assets${path.sep}`)
      ? "public, max-age=31536000, immutable"
      : "no-store";
    response.writeHead(200, { "content-type": type, "cache-control": cache });
    response.end(await readFile(file));
  }

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://localhost");
    const { pathname } = url;
    const method = request.method ?? "GET";
    if (pathname === "/rpc" && method === "POST") return rpc(await readBody(request), response);
    if (pathname === "/api/book") {
      try {
        return send(response, 200, await book());
      } catch (error) {
        const message = error instanceof SandboxError ? error.message : noNode;
        const reachable = await connection.provider
          .request({ method: "eth_chainId" })
          .then(() => true)
          .catch(() => false);
        return send(response, 503, { error: reachable ? message : noNode });
      }
    }
    if (pathname === "/api/time" && method === "POST") {
      return send(
        response,
        200,
        await travel((JSON.parse(await readBody(request)) as { seconds?: unknown }).seconds),
      );
    }
    if (pathname.startsWith("/api/airdrop/")) {
      // The airdrop over the chain's accounts, as the deployment built it: one account's claim.
      const account = pathname.slice("/api/airdrop/".length).toLowerCase();
      const signers = await connection.ethers.getSigners();
      const claim = sandboxAirdrop((i) => signers[i].address).claims.find(
        (c) => c.account.toLowerCase() === account,
      );
      return send(response, 200, claim ?? { none: true });
    }
    if (pathname === "/api/status") {
      return send(response, 200, await status(url.searchParams.get("account") ?? "alice"));
    }
    if (pathname.startsWith("/api/")) {
      const body = method === "POST" ? await readBody(request) : "";
      const parsed: unknown = body === "" ? {} : JSON.parse(body);
      return send(response, 200, await api.handle(method, pathname, parsed));
    }
    return serveFile(pathname, response);
  }

  const server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      const status =
        error instanceof AppRequestError ? error.status : error instanceof SandboxError ? 400 : 500;
      const message =
        error instanceof SandboxError
          ? error.message
          : `${(error as Error).name ?? "Error"}: ${(error as Error).message ?? String(error)}`;
      if (!response.headersSent) send(response, status, { error: message.split("\n")[0] });
      else response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE"
          ? new PortTakenError(
              `port ${options.port} is taken on ${options.hostname} — give another`,
            )
          : error,
      ),
    );
    server.listen(options.port, options.hostname, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.hostname}:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
