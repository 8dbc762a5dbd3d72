import { getActors } from "../../lib/chain/actors.js";
import { serveDashboard } from "../../lib/server/app-server.js";
import { deploySandbox } from "../../lib/chain/deploy.js";
import { SandboxError } from "../../lib/chain/errors.js";
import { nodeAnswers, reachableHost } from "../../lib/chain/node.js";
import { sandboxAction, wholeNumber } from "../../lib/terminal/task.js";
import { type NodeArgs, checkNodeArgs } from "./node.js";

export interface UpArgs extends NodeArgs {
  appPort: number;
}

/**
 * One terminal for the whole sandbox: starts the sandbox's node in this process (Hardhat's JSON-RPC
 * server over a connection that carries this plugin's network hook), deploys and seeds the sandbox
 * on it, and keeps the node running until Ctrl-C. The node's chain is new, so the deployment always
 * starts afresh (reset). A failed deployment stops the node. The dashboard is served beside it on
 * 127.0.0.1 (--app-port, or 5173 when free, else a free port).
 */
export default sandboxAction<UpArgs>(async (args, hre, io) => {
  checkNodeArgs(args);
  wholeNumber("app-port", args.appPort, 0, 65_535);
  const wanted = `http://${reachableHost(args.hostname)}:${args.port}`;
  if (args.port !== 0 && (await nodeAnswers(wanted))) {
    throw new SandboxError(
      `a node already answers at ${wanted} — stop it, or deploy to it with npm run deploy:local`,
    );
  }
  const log = (line: string) => io.say(`sandbox: ${line}`);
  const server = await hre.network.createServer(
    { network: "node", override: { chainId: args.chainId } },
    args.hostname,
    args.port,
  );
  const { address, port } = await server.listen();
  const url = `http://${reachableHost(address)}:${port}`;
  log(`node listening on http://${address}:${port}/ (chain ${args.chainId})`);
  const connection = await hre.network.create({ network: "localhost", override: { url } });
  try {
    const result = await deploySandbox(connection, { reset: true, log });
    for (const [key, at] of Object.entries(result.addresses)) log(`  ${key} ${at}`);
    const actors = await getActors(connection.ethers);
    log(
      `actors: ${Object.entries(actors)
        .map(([name, signer]) => `${name} ${signer.address}`)
        .join(", ")}`,
    );
  } catch (error) {
    await connection.close();
    await server.close();
    throw error;
  }
  const app = await serveDashboard(hre, connection, {
    hostname: "127.0.0.1",
    port: args.appPort,
    nodeUrl: url,
    startHint: "npm run sandbox",
    log,
  }).catch(async (error: unknown) => {
    await connection.close();
    await server.close();
    throw error;
  });
  log(`ready on ${url} (chain ${args.chainId}) — Ctrl-C stops the node`);
  log(`dashboard on ${app.url}`);
  await server.afterClosed();
  await app.close();
  await connection.close();
});
