import { CliError, connectNetwork, parseFlags, runMain } from "../lib/cli.js";
import { deploySandbox } from "../lib/chain/deploy.js";
import { nodeAnswers, startHardhatNode, stopProcess, waitForNode } from "../lib/chain/node.js";

const USAGE = "npm run sandbox";
const PORT = 8545;
const URL = `http://127.0.0.1:${PORT}`;
const STARTUP_TIMEOUT_MS = 60_000;

/**
 * One terminal for the whole local sandbox: starts `hardhat node` on 127.0.0.1:8545 in the
 * foreground, deploys and seeds the sandbox once the node answers, and keeps the node running
 * until Ctrl-C. The node's chain is new, so the deployment always starts afresh (--reset).
 */
async function main(): Promise<void> {
  parseFlags(USAGE, {});
  if (await nodeAnswers(URL)) {
    throw new CliError(
      `a node already answers at ${URL} — stop it, or deploy to it with npm run deploy:local`,
    );
  }
  const log = (line: string) => process.stderr.write(`sandbox: ${line}\n`);
  const node = startHardhatNode(PORT);
  const stop = () => void stopProcess(node);
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  const exited = new Promise<number>((resolve) =>
    node.once("exit", (code, signal) => resolve(code ?? (signal === null ? 1 : 0))),
  );

  try {
    await waitForNode(URL, STARTUP_TIMEOUT_MS, node);
    const connection = await connectNetwork("localhost");
    const result = await deploySandbox(connection, { reset: true, log });
    for (const [key, address] of Object.entries(result.addresses)) log(`  ${key} ${address}`);
    log(`ready on ${URL} (chain ${result.chainId}) — Ctrl-C stops the node`);
  } catch (error) {
    await stopProcess(node);
    throw error;
  }
  const code = await exited;
  if (code !== 0) throw new CliError(`the node exited with code ${code}`);
}

runMain(main);
