import type { Task } from "hardhat/types/tasks";

/** `chainId` → `--chain-id`, as Hardhat spells options on the command line. */
function optionFlag(name: string): string {
  return `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

const withoutFullStop = (text: string) => text.replace(/\.$/, "");

function defaultOf(value: unknown): string {
  if (value === undefined || (Array.isArray(value) && value.length === 0) || value === "") {
    return "";
  }
  return ` (default: ${Array.isArray(value) ? value.join(", ") : String(value)})`;
}

function section(title: string, rows: [string, string][]): string {
  const width = Math.max(...rows.map(([name]) => name.length)) + 6;
  const lines = [...rows]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, text]) => `  ${name.padEnd(width)}${text}`.trimEnd());
  return `\n${title}:\n\n${lines.join("\n")}\n`;
}

/**
 * A task's help in the layout of Hardhat's own `--help`: the description, a usage line, and its
 * options, positional arguments and subtasks with their defaults.
 */
export function taskHelp(task: Task): string {
  const id = task.id.join(" ");
  let text = task.description;
  if (task.isEmpty) {
    text += `\n\nUsage: hardhat [GLOBAL OPTIONS] ${id} <SUBTASK> [SUBTASK OPTIONS] [--] [SUBTASK POSITIONAL ARGUMENTS]\n`;
    const subtasks = [...task.subtasks.values()].map((sub): [string, string] => [
      sub.id.join(" "),
      withoutFullStop(sub.description),
    ]);
    if (subtasks.length > 0) text += section("AVAILABLE SUBTASKS", subtasks);
    return `${text}\nTo get help for a specific task run: npx hardhat help ${id} <SUBTASK>\n`;
  }
  const options = [...task.options.entries()].filter(([, option]) => option.hidden !== true);
  const usage = options.map(([name, option]) =>
    option.type === "FLAG" ? `[${optionFlag(name)}]` : `[${optionFlag(name)} <${option.type}>]`,
  );
  const positional = task.positionalArguments.map(({ name, defaultValue, isVariadic }) => {
    const shown = isVariadic ? `${name}...` : name;
    return defaultValue === undefined ? shown : `[${shown}]`;
  });
  text += `\n\nUsage: hardhat [GLOBAL OPTIONS] ${id}${usage.map((u) => ` ${u}`).join("")}`;
  text += positional.length > 0 ? ` [--] ${positional.join(" ")}\n` : "\n";
  if (options.length > 0) {
    text += section(
      "OPTIONS",
      options.map(([name, option]) => [
        optionFlag(name),
        `${withoutFullStop(option.description)}${option.type === "FLAG" ? "" : defaultOf(option.defaultValue)}`,
      ]),
    );
  }
  if (task.positionalArguments.length > 0) {
    text += section(
      "POSITIONAL ARGUMENTS",
      task.positionalArguments.map((arg) => [
        arg.name,
        `${withoutFullStop(arg.description)}${defaultOf(arg.defaultValue)}`,
      ]),
    );
  }
  return `${text}\nGlobal options (--network, --config, …): npx hardhat --help\n`;
}
