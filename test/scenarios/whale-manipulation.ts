import { expect } from "chai";
import { Decimal } from "decimal.js";

import type { SideResult, Side } from "../../lib/scenarios/types.js";
import {
  SMALL_LPS,
  WHALE_DUMP,
  WHALE_LIQUIDITY,
  whaleManipulation,
  type WhaleWorld,
} from "../../lib/scenarios/whale-manipulation.js";
import { loadFixture } from "../helpers/connection.js";
import { describeFrameworkPlay, describeSide, scenarioEnvFixture } from "../helpers/scenarios.js";

const MINIMUM_LIQUIDITY = 1_000n;
const SMALL = Object.values(SMALL_LPS).reduce((a, b) => a + b, 0n);

// By hand: the whale's first mint locks 1,000 LP, so pulling its LP leaves the small LPs' tokens
// plus 1,000 wei of each in the pool; then Uniswap V2's output formula for the dump.
const LEFT = SMALL + MINIMUM_LIQUIDITY;
const OUT = (WHALE_DUMP * 997n * LEFT) / (LEFT * 1000n + WHALE_DUMP * 997n);
const R_PRJ = LEFT + WHALE_DUMP;
const R_DAI = LEFT - OUT;
// The whale against holding, at the price after the dump: DAI in, PRJ out (and the locked 1,000 wei).
const WHALE_GAIN = OUT - MINIMUM_LIQUIDITY + ((-WHALE_DUMP - MINIMUM_LIQUIDITY) * R_DAI) / R_PRJ;
// IL(r) = 2·√r / (1 + r) − 1, r = new price / 1.
const R = new Decimal(R_DAI.toString()).div(R_PRJ.toString());
const IL = R.sqrt().mul(2).div(R.plus(1)).minus(1);

async function setup(side: Side): Promise<WhaleWorld> {
  return whaleManipulation.setup(await loadFixture(scenarioEnvFixture), side);
}

/** The starting state both sides share: the whale's and the small LPs' DAI in the pool at $1. */
async function expectInitialState(world: WhaleWorld): Promise<void> {
  const pair = await world.pair.getAddress();
  expect(await world.dai.balanceOf(pair), "the pool's DAI").to.equal(WHALE_LIQUIDITY + SMALL);
  expect(await world.prj.balanceOf(pair), "the pool's PRJ, at $1").to.equal(
    WHALE_LIQUIDITY + SMALL,
  );
  for (const name of ["alice", "bob", "carol"] as const) {
    expect(
      await world.pair.balanceOf(world.env.actors[name].address),
      `${name} is an LP`,
    ).to.be.greaterThan(0n);
  }
}

/** The whale's gain over holding, within the 1,000 wei of each token its first mint locked. */
function expectWhaleGain(result: SideResult): void {
  expect(result.attackerProfit, "the whale's gain over holding").to.be.within(
    WHALE_GAIN - 2n * MINIMUM_LIQUIDITY,
    WHALE_GAIN + 2n * MINIMUM_LIQUIDITY,
  );
  expect(
    result.victimsLoss - result.attackerProfit,
    "the small LPs lose it, but for the share of the LP locked at 0x…dEaD",
  ).to.be.within(-2n * MINIMUM_LIQUIDITY, 2n * MINIMUM_LIQUIDITY);
}

describe("Scenario: whale-manipulation", function () {
  describeSide("vulnerable side: no slippage limits, spot price", whaleManipulation, {
    setup: () => setup("vulnerable"),
    initialState: [
      "the whale's and the small LPs' liquidity are in the pool at $1",
      expectInitialState,
    ],
    exploit: [
      "the whale pulls its liquidity and dumps PRJ: the price moves by the constant-product amount",
      async ({ revert, before, afterExploit }, world) => {
        expect(revert, "the dump goes through").to.equal(null);
        expect(world.pricedAt, "reserves after the dump (PRJ, DAI)").to.deep.equal([R_PRJ, R_DAI]);
        expect(before.protocol, "the pool's DAI before").to.equal(WHALE_LIQUIDITY + SMALL);
        expect(afterExploit.protocol, "the pool's DAI after the pull and the dump").to.equal(R_DAI);
        expect(R.toNumber(), "about a quarter of the entry price").to.be.within(0.25, 0.251);
      },
    ],
    success: [
      "the small LPs lose what the whale gains: IL(r) less the fees they kept",
      async ({ result }, world) => {
        expectWhaleGain(result);
        const hodl = new Decimal((SMALL + (SMALL * R_DAI) / R_PRJ).toString());
        const fraction = new Decimal(result.victimsLoss.toString()).div(hodl);
        expect(
          fraction.lt(IL.neg()),
          "the fee kept in the pool makes it a little smaller",
        ).to.equal(true);
        expect(
          fraction.minus(IL.neg()).abs().toNumber(),
          "within 0.1% of the HODL value",
        ).to.be.lessThan(0.001);
        expect(world.figures.impermanentLoss?.toFixed(12), "IL(r) at the final price").to.equal(
          IL.toFixed(12),
        );
      },
    ],
  });

  describeSide("hardened side: slippage limits on the exits and a TWAP", whaleManipulation, {
    setup: () => setup("hardened"),
    initialState: [
      "the whale's and the small LPs' liquidity are in the pool at $1",
      expectInitialState,
    ],
    exploit: [
      "the whale's pull and dump go through all the same; the TWAP's window ignores the move",
      async ({ revert, afterExploit }, world) => {
        expect(revert, "nothing limits the whale's own trades").to.equal(null);
        expect(afterExploit.protocol, "the pool's DAI after the pull and the dump").to.equal(R_DAI);
        expect(world.figures.twapAfterDump?.toFixed(6), "the TWAP's last window").to.equal(
          "1.000000",
        );
      },
    ],
    success: [
      "the small LPs' exits revert on their limits, and the loss stays, still in the pool",
      async ({ result }, world) => {
        const { actors } = world.env;
        for (const name of ["alice", "bob", "carol"] as const) {
          expect(
            await world.pair.balanceOf(actors[name].address),
            `${name} is still an LP`,
          ).to.be.greaterThan(0n);
        }
        expect(world.figures.exitsReverted, "exits reverted").to.equal(3);
        expectWhaleGain(result);
      },
    ],
  });

  describeFrameworkPlay(whaleManipulation);
});
