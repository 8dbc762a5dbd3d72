import { UsageError } from "../../lib/chain/errors.js";
import { taskHelp } from "../../lib/terminal/help.js";
import { sandboxAction } from "../../lib/terminal/task.js";

/**
 * `npx hardhat help <task> [subtask]`: the task's help, as `npx hardhat <task> [subtask] --help`
 * prints it. Without a task, the sandbox's own tasks.
 */
export default sandboxAction<{ task: string[] }>(async (args, hre, io) => {
  const id = args.task.length === 0 ? ["sandbox"] : args.task;
  let task;
  try {
    task = hre.tasks.getTask(id);
  } catch {
    throw new UsageError(`no task "${id.join(" ")}" — npx hardhat --help lists every task`);
  }
  io.out(taskHelp(task));
});
