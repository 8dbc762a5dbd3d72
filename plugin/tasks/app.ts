import { serveDashboard } from "../../lib/server/app-server.js";
import { SandboxError, UsageError } from "../../lib/chain/errors.js";
import { connectNetwork, networkNameOf } from "../../lib/chain/network.js";
import { sandboxAction, wholeNumber } from "../../lib/terminal/task.js";

export interface AppArgs {
  hostname: string;
  port: number;
}

/**
 * Serves the dashboard against a running node (localhost unless --network is given), building
 * the app first when its build is stale; runs until Ctrl-C.
 */
export default sandboxAction<AppArgs>(async (args, hre, io) => {
  if (args.hostname.trim() === "") throw new UsageError("--hostname must name an address");
  wholeNumber("port", args.port, 0, 65_535);
  const name = networkNameOf(hre, "localhost");
  const connection = await connectNetwork(hre, name);
  if (connection.networkConfig.type !== "http") {
    await connection.close();
    throw new SandboxError(
      `the dashboard reads a node: --network ${name} is the in-process chain — start a node with npm run sandbox`,
    );
  }
  const nodeUrl = await connection.networkConfig.url.getUrl();
  const app = await serveDashboard(hre, connection, {
    hostname: args.hostname,
    port: args.port,
    nodeUrl,
    startHint: name === "localhost" ? "npm run sandbox" : `a node at ${nodeUrl}`,
    log: (line) => io.say(`app: ${line}`),
  });
  io.say(`app: dashboard on ${app.url} (node ${nodeUrl}) — Ctrl-C stops it`);
  io.out(`${app.url}\n`);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await app.close();
  await connection.close();
});
