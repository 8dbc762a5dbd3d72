import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";

/**
 * Renders a vega-lite spec to a standalone SVG document in Node: vega's headless view, no canvas
 * (text is measured by vega's estimate).
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: "none" });
  try {
    return `${await view.toSVG()}\n`;
  } finally {
    view.finalize();
  }
}
