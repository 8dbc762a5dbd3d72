import { UsageError } from "../../lib/chain/errors.js";
import { sandboxAction, wholeNumber } from "../../lib/terminal/task.js";

export interface NodeArgs {
  hostname: string;
  port: number;
  chainId: number;
}

/** Throws a UsageError unless the node's options can be used. */
export function checkNodeArgs(args: NodeArgs): void {
  if (args.hostname.trim() === "") throw new UsageError("--hostname must name an address");
  wholeNumber("port", args.port, 0, 65_535);
  if (!Number.isSafeInteger(args.chainId) || args.chainId < 1) {
    throw new UsageError(`--chain-id must be a positive whole number, got "${args.chainId}"`);
  }
}

/**
 * Hardhat's node, run in this process through its own `node` task: the JSON-RPC server sends every
 * request through the connection's hooks, so this plugin's network hook applies and Foundry's cast
 * (which sends a call's input as both `input` and `data`) can talk to it. Runs until stopped.
 */
export default sandboxAction<NodeArgs>(async (args, hre) => {
  checkNodeArgs(args);
  await hre.tasks.getTask("node").run({
    hostname: args.hostname,
    port: args.port,
    chainId: args.chainId,
  });
});
