import { expect } from "chai";

import {
  apyByCompoundingSpec,
  fanChartSpec,
  ilByPriceRatioSpec,
  pnlChartSpec,
  renderSvg,
} from "../../../lib/pure/charts/index.js";

const wellFormed = /^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*>[\s\S]*<\/svg>\n$/;

describe("the simulator's charts", function () {
  it("draws the PnL chart with one line per strategy and the strategies in its legend", async function () {
    const svg = await renderSvg(
      pnlChartSpec("PnL", [
        { series: "vault", x: 1, y: 5 },
        { series: "vault", x: 2, y: 9 },
        { series: "never-harvest", x: 1, y: 3 },
        { series: "never-harvest", x: 2, y: -4 },
      ]),
    );
    expect(svg).to.match(wellFormed);
    expect(svg.match(/<path [^>]*aria-roledescription="line mark"/g) ?? []).to.have.length(2);
    expect(svg).to.contain(">vault<").and.to.contain(">never-harvest<");
  });

  it("draws the fan chart as one panel per strategy with two bands and a median each", async function () {
    const points = ["a", "b"].flatMap((series) =>
      [1, 2, 3].map((day) => ({ series, day, p5: -2, p25: -1, p50: 0, p75: 1, p95: 2 })),
    );
    const spec = fanChartSpec("fan", "USDC", points);
    const svg = await renderSvg(spec);
    expect(svg).to.match(wellFormed);
    expect(svg.match(/class="mark-area role-mark/g) ?? []).to.have.length(4);
    expect(svg.match(/class="mark-line role-mark/g) ?? []).to.have.length(2);
  });

  it("draws APY by compounding as a bar before and after gas per frequency", async function () {
    const svg = await renderSvg(
      apyByCompoundingSpec("APY", [
        { compounding: "daily", apy: 60, apyAfterGas: 20 },
        { compounding: "weekly", apy: 58, apyAfterGas: 50 },
      ]),
    );
    expect(svg).to.match(wellFormed);
    expect(svg.match(/<path [^>]*aria-roledescription="bar"/g) ?? []).to.have.length(4);
  });

  it("plots the closed-form IL curve, zero at r = 1 and −5.72% at r = 2", function () {
    const spec = ilByPriceRatioSpec("IL", [{ ratio: 2, il: -0.0572 }]) as {
      layer: { data: { values: { ratio: number; il: number }[] } }[];
    };
    const curve = spec.layer[0].data.values;
    const near = (r: number) =>
      curve.reduce((a, b) => (Math.abs(b.ratio - r) < Math.abs(a.ratio - r) ? b : a));
    // 2√2 / 3 − 1 = −0.05719…; the curve is sampled, so compare its points at their own ratios.
    for (const p of [near(1), near(2)]) {
      const expected = ((2 * Math.sqrt(p.ratio)) / (1 + p.ratio) - 1) * 100;
      expect(Math.abs(p.il - expected)).to.be.below(1e-9);
    }
    expect(Math.abs(near(1).il)).to.be.below(0.01);
    expect(spec.layer[1].data.values).to.deep.equal([{ ratio: 2, il: -5.72 }]);
  });
});
