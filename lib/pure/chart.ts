/** One line of a chart: a name and its points (x ascending). */
export interface Series {
  name: string;
  points: { x: number; y: number }[];
}

export interface LineChart {
  title: string;
  xLabel: string;
  yLabel: string;
  series: Series[];
  width?: number;
  height?: number;
}

const PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf"];
const MARGIN = { top: 40, right: 190, bottom: 50, left: 80 };

/** Escapes text for SVG content and attributes. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** Round tick values covering [min, max], about `count` of them. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0];
  if (min === max) return [min];
  const raw = (max - min) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) {
    ticks.push(Number(v.toPrecision(12)));
  }
  return ticks;
}

function label(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e6) return `${(value / 1e6).toPrecision(3)}M`;
  if (abs >= 1e3) return `${(value / 1e3).toPrecision(3)}k`;
  return String(Number(value.toPrecision(3)));
}

/**
 * Renders a line chart as a standalone SVG document: axes with round ticks, one polyline per series,
 * a legend on the right. Display only — values arrive as numbers already rounded for drawing.
 */
export function renderLineChart(chart: LineChart): string {
  const width = chart.width ?? 900;
  const height = chart.height ?? 480;
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const all = chart.series.flatMap((s) => s.points);
  const xs = all.map((p) => p.x);
  const ys = all.map((p) => p.y);
  const xMin = xs.length ? Math.min(...xs) : 0;
  const xMax = xs.length ? Math.max(...xs) : 1;
  const yMinRaw = ys.length ? Math.min(...ys, 0) : 0;
  const yMaxRaw = ys.length ? Math.max(...ys, 0) : 1;
  const yPad = yMaxRaw === yMinRaw ? 1 : (yMaxRaw - yMinRaw) * 0.05;
  const [yMin, yMax] = [yMinRaw - (yMinRaw < 0 ? yPad : 0), yMaxRaw + yPad];
  const sx = (x: number) =>
    MARGIN.left + (xMax === xMin ? 0 : ((x - xMin) / (xMax - xMin)) * plotW);
  const sy = (y: number) => MARGIN.top + plotH - ((y - yMin) / (yMax - yMin)) * plotH;
  const f = (n: number) => n.toFixed(1);

  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
  );
  parts.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  parts.push(
    `<text x="${width / 2}" y="22" text-anchor="middle" font-size="15">${escapeXml(chart.title)}</text>`,
  );
  for (const t of niceTicks(yMin, yMax)) {
    parts.push(
      `<line x1="${MARGIN.left}" y1="${f(sy(t))}" x2="${MARGIN.left + plotW}" y2="${f(sy(t))}" stroke="${t === 0 ? "#888888" : "#e5e5e5"}"/>`,
      `<text x="${MARGIN.left - 6}" y="${f(sy(t) + 4)}" text-anchor="end">${escapeXml(label(t))}</text>`,
    );
  }
  for (const t of niceTicks(xMin, xMax)) {
    parts.push(
      `<line x1="${f(sx(t))}" y1="${MARGIN.top + plotH}" x2="${f(sx(t))}" y2="${MARGIN.top + plotH + 5}" stroke="#444444"/>`,
      `<text x="${f(sx(t))}" y="${MARGIN.top + plotH + 18}" text-anchor="middle">${escapeXml(label(t))}</text>`,
    );
  }
  parts.push(
    `<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#444444"/>`,
    `<text x="${MARGIN.left + plotW / 2}" y="${height - 12}" text-anchor="middle">${escapeXml(chart.xLabel)}</text>`,
    `<text x="18" y="${MARGIN.top + plotH / 2}" text-anchor="middle" transform="rotate(-90 18 ${MARGIN.top + plotH / 2})">${escapeXml(chart.yLabel)}</text>`,
  );
  chart.series.forEach((s, i) => {
    const colour = PALETTE[i % PALETTE.length];
    const points = s.points.map((p) => `${f(sx(p.x))},${f(sy(p.y))}`).join(" ");
    parts.push(
      `<polyline fill="none" stroke="${colour}" stroke-width="2" points="${points}"/>`,
      `<line x1="${MARGIN.left + plotW + 14}" y1="${MARGIN.top + 10 + i * 20}" x2="${MARGIN.left + plotW + 34}" y2="${MARGIN.top + 10 + i * 20}" stroke="${colour}" stroke-width="3"/>`,
      `<text x="${MARGIN.left + plotW + 40}" y="${MARGIN.top + 14 + i * 20}">${escapeXml(s.name)}</text>`,
    );
  });
  parts.push("</svg>");
  return `${parts.join("\n")}\n`;
}
