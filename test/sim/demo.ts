import { expect } from "chai";

import { findScenario } from "../../lib/scenarios/index.js";
import { DEMO_SCENARIOS } from "../../lib/sim/demo.js";
import { sqrtDown } from "../../lib/sim/run.js";

describe("the demo's attacks", function () {
  it("name a rug, a flash-loan manipulation and a stolen key, each a playable scenario", function () {
    expect(DEMO_SCENARIOS.map((s) => s.kind)).to.deep.equal([
      "a rug",
      "a flash-loan manipulation",
      "a stolen key",
    ]);
    for (const pick of DEMO_SCENARIOS) {
      expect(findScenario(pick.name), pick.name).to.not.equal(undefined);
    }
  });
});

describe("the arbitrageur's integer square root", function () {
  const CASES: [bigint, bigint][] = [
    [0n, 0n],
    [1n, 1n],
    [2n, 1n],
    [3n, 1n],
    [4n, 2n],
    [99n, 9n],
    [100n, 10n],
    [10n ** 36n, 10n ** 18n],
    [10n ** 36n - 1n, 10n ** 18n - 1n],
    [2n ** 256n - 1n, 2n ** 128n - 1n],
  ];
  for (const [n, root] of CASES) {
    it(`gives ⌊√${n}⌋ = ${root}`, function () {
      expect(sqrtDown(n)).to.equal(root);
    });
  }

  it("refuses a negative number", function () {
    expect(() => sqrtDown(-1n)).to.throw(RangeError, "square root of a negative number");
  });
});
