import type { TaskIo } from "./io.js";

/**
 * A progress bar on stderr for a run of `days`, drawn only on a terminal (coloured unless NO_COLOR
 * is set); elsewhere it draws nothing, so that logs and pipes stay clean.
 */
export function dayProgress(io: TaskIo, days: number): (day: number) => void {
  if (!io.stderrIsTTY) return () => {};
  return (day) => {
    const width = 30;
    const done = Math.round((day / days) * width);
    const bar = `${"█".repeat(done)}${"░".repeat(width - done)}`;
    io.sayRaw(`\r${io.colour ? `\x1b[36m${bar}\x1b[0m` : bar} day ${day}/${days}`);
    if (day === days) io.sayRaw("\n");
  };
}
