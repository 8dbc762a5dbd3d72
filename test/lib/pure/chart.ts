import { expect } from "chai";

import { escapeXml, niceTicks, renderLineChart } from "../../../lib/pure/chart.js";

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/**
 * A strict parser for the XML subset an SVG document uses (elements, attributes in double quotes,
 * text, the five predefined entities): throws on anything malformed — unclosed or crossed tags, a
 * bare `<` or `&`, duplicate attributes — and returns the root element.
 */
function parseXml(source: string): XmlElement {
  const tag = /^<(\/?)([A-Za-z][\w:-]*)((?:\s+[A-Za-z][\w:-]*="[^"<]*")*)\s*(\/?)>/;
  const attribute = /([A-Za-z][\w:-]*)="([^"<]*)"/g;
  const checkText = (text: string) => {
    const bad = text.replace(/&(amp|lt|gt|quot|apos);/g, "");
    if (bad.includes("&") || bad.includes(">")) throw new Error(`bad character data: ${text}`);
  };
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let rest = source.trim();
  while (rest.length > 0) {
    if (rest.startsWith("<")) {
      const match = tag.exec(rest);
      if (match === null) throw new Error(`malformed tag at: ${rest.slice(0, 40)}`);
      const [whole, closing, name, attrs, selfClosing] = match;
      if (closing === "/") {
        const open = stack.pop();
        if (open === undefined || open.name !== name)
          throw new Error(`</${name}> closes nothing open`);
      } else {
        const attributes: Record<string, string> = {};
        for (const [, key, value] of attrs.matchAll(attribute)) {
          if (key in attributes) throw new Error(`duplicate attribute ${key} on <${name}>`);
          checkText(value);
          attributes[key] = value;
        }
        const element: XmlElement = { name, attributes, children: [], text: "" };
        if (stack.length === 0) {
          if (root !== undefined) throw new Error("more than one root element");
          root = element;
        } else {
          stack[stack.length - 1].children.push(element);
        }
        if (selfClosing !== "/") stack.push(element);
      }
      rest = rest.slice(whole.length);
    } else {
      const end = rest.indexOf("<");
      const text = end === -1 ? rest : rest.slice(0, end);
      checkText(text);
      if (stack.length === 0 && text.trim() !== "") throw new Error("text outside the root");
      if (stack.length > 0) stack[stack.length - 1].text += text;
      rest = end === -1 ? "" : rest.slice(end);
    }
  }
  if (stack.length > 0) throw new Error(`<${stack[stack.length - 1].name}> is never closed`);
  if (root === undefined) throw new Error("no root element");
  return root;
}

function all(element: XmlElement, name: string): XmlElement[] {
  return [
    ...(element.name === name ? [element] : []),
    ...element.children.flatMap((c) => all(c, name)),
  ];
}

const CHART = {
  title: "PnL vs HODL <by strategy> & more",
  xLabel: "day",
  yLabel: "USDC",
  series: [
    { name: "compound-daily", points: [1, 2, 3].map((x) => ({ x, y: x * 10 })) },
    { name: "never-harvest", points: [1, 2, 3].map((x) => ({ x, y: -x * 5 })) },
  ],
};

describe("the SVG line chart", function () {
  it("is a well-formed SVG document with one polyline and legend entry per series", function () {
    const svg = parseXml(renderLineChart(CHART));
    expect(svg.name).to.equal("svg");
    expect(svg.attributes.xmlns).to.equal("http://www.w3.org/2000/svg");
    expect(all(svg, "polyline")).to.have.length(2);
    const texts = all(svg, "text").map((t) => t.text);
    expect(texts).to.include.members(["compound-daily", "never-harvest", "day", "USDC"]);
    expect(texts).to.include("PnL vs HODL &lt;by strategy&gt; &amp; more");
  });

  it("places each point inside the plot area", function () {
    const svg = parseXml(renderLineChart({ ...CHART, width: 900, height: 480 }));
    for (const line of all(svg, "polyline")) {
      const points = line.attributes.points.split(" ").map((p) => p.split(",").map(Number));
      expect(points).to.have.length(3);
      for (const [x, y] of points) {
        expect(x).to.be.within(80, 900 - 190);
        expect(y).to.be.within(40, 480 - 50);
      }
    }
  });

  it("stays well-formed with no series and with a flat series", function () {
    expect(parseXml(renderLineChart({ ...CHART, series: [] })).name).to.equal("svg");
    const flat = { name: "flat", points: [1, 2].map((x) => ({ x, y: 0 })) };
    expect(all(parseXml(renderLineChart({ ...CHART, series: [flat] })), "polyline")).to.have.length(
      1,
    );
  });

  it("escapes the five XML special characters", function () {
    expect(escapeXml(`<a href="x">'&'</a>`)).to.equal(
      "&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;",
    );
  });

  it("picks round ticks: steps of 1, 2 or 5 times a power of ten", function () {
    expect(niceTicks(0, 100)).to.deep.equal([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(-3, 7)).to.deep.equal([-2, 0, 2, 4, 6]);
    expect(niceTicks(1, 365)).to.deep.equal([100, 200, 300]);
    expect(niceTicks(5, 5)).to.deep.equal([5]);
  });

  it("is rejected by the checker when a tag is left open, so the check has teeth", function () {
    expect(() => parseXml("<svg><g></svg>")).to.throw("</svg> closes nothing open");
    expect(() => parseXml("<svg>a & b</svg>")).to.throw("bad character data");
  });
});
