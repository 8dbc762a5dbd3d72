import { TARGETS, measureDashboard } from "../../lib/server/app-bench.js";
import { newTable } from "../../lib/terminal/table.js";
import { sandboxAction } from "../../lib/terminal/task.js";

/**
 * The dashboard measured in Chromium against a fresh node: the overview's first render after a
 * cold load (navigation start to the chain's block on screen, median of five), a swap from its
 * click to the pool's new reserves on screen (median of five), and the build's gzipped size (every
 * file, and what the overview loads). Each figure is printed beside its target.
 */
export default sandboxAction<{ json: boolean }>(async (args, hre, io) => {
  const figures = await measureDashboard(hre, io.say);
  if (args.json) {
    io.out(`${JSON.stringify({ figures, targets: TARGETS }, null, 2)}\n`);
    return;
  }
  const table = newTable(["measure", "figure", "target", ""]);
  const row = (label: string, figure: number, target: number, unit: string) =>
    table.push([
      label,
      `${figure} ${unit}`,
      `< ${target} ${unit}`,
      figure < target ? "ok" : "MISSED",
    ]);
  row(
    "first render of the overview after load (median of 5)",
    figures.firstRenderMs,
    TARGETS.firstRenderMs,
    "ms",
  );
  row(
    "swap: click to updated reserves (median of 5)",
    figures.swapToReservesMs,
    TARGETS.swapToReservesMs,
    "ms",
  );
  row("bundle, gzipped, every file", figures.bundleGzipKb, TARGETS.bundleGzipKb, "kB");
  table.push(["  of which the overview loads", `${figures.overviewGzipKb} kB`, "", ""]);
  io.out(`${table.toString()}\n`);
});
