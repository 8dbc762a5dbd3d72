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

/** Where a simulation is: paths done of all, the day of the path being played, transactions. */
export interface RunProgress {
  pathsDone: number;
  paths: number;
  day: number;
  days: number;
  transactions: number;
  elapsedMs: number;
}

const clock = (ms: number) => {
  const s = Math.max(0, Math.round(ms / 1000));
  return s >= 3600
    ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`
    : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
};

/** One line of progress: paths, day, transactions a second and the time left at that pace. */
export function progressLine(p: RunProgress): string {
  const done = Math.min(1, (p.pathsDone * p.days + p.day) / (p.paths * p.days));
  const tps = p.elapsedMs > 0 ? (p.transactions * 1000) / p.elapsedMs : 0;
  const eta = done > 0 ? (p.elapsedMs * (1 - done)) / done : Number.NaN;
  return (
    `paths ${p.pathsDone}/${p.paths} · day ${p.day}/${p.days} · ${Math.round(tps)} tx/s · ` +
    `ETA ${Number.isFinite(eta) ? clock(eta) : "…"}`
  );
}

/**
 * Progress of a simulation on stderr, redrawn at most every 200 ms and only on a terminal
 * (coloured unless NO_COLOR is set); elsewhere it draws nothing.
 */
export function runProgress(io: TaskIo): (progress: RunProgress) => void {
  if (!io.stderrIsTTY) return () => {};
  let last = 0;
  return (p) => {
    const now = performance.now();
    const finished = p.pathsDone === p.paths;
    if (!finished && now - last < 200) return;
    last = now;
    const line = progressLine(p);
    io.sayRaw(`\r\x1b[2K${io.colour ? `\x1b[36m${line}\x1b[0m` : line}`);
    if (finished) io.sayRaw("\n");
  };
}
