import { expect } from "chai";
import { Decimal } from "decimal.js";

import { playSide } from "../../lib/scenarios/run.js";
import {
  SMALL_LPS,
  WHALE_DUMP,
  WHALE_LIQUIDITY,
  whaleManipulation,
  type WhaleWorld,
} from "../../lib/scenarios/whale-manipulation.js";
import { networkHelpers } from "../helpers/connection.js";
import { scenarioEnvFixture } from "../helpers/scenarios.js";

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

async function play(side: "vulnerable" | "hardened") {
  const env = await networkHelpers.loadFixture(scenarioEnvFixture);
  let world: WhaleWorld | undefined;
  const scenario = {
    ...whaleManipulation,
    async setup(...args: Parameters<typeof whaleManipulation.setup>) {
      world = await whaleManipulation.setup(...args);
      return world;
    },
  };
  const result = await playSide(scenario, env, side);
  if (world === undefined) throw new Error("setup did not run");
  return { result, world };
}

describe("Scenario: whale manipulation", function () {
  it("moves the price by the constant-product amount once the whale's liquidity is gone", async function () {
    const { world, result } = await play("vulnerable");
    expect(world.pricedAt, "reserves after the dump (PRJ, DAI)").to.deep.equal([R_PRJ, R_DAI]);
    expect(result.protocolBefore, "the pool's DAI before").to.equal(WHALE_LIQUIDITY + SMALL);
    expect(result.protocolAfter, "the pool's DAI after the pull and the dump").to.equal(R_DAI);
    expect(R.toNumber(), "about a quarter of the entry price").to.be.within(0.25, 0.251);
  });

  it("costs the small LPs what the whale gains, and that loss is IL(r) less the fees they kept", async function () {
    const { world, result } = await play("vulnerable");
    // Within the 1,000 wei of each token the whale's first mint locked for good.
    expect(result.attackerProfit, "the whale's gain over holding").to.be.within(
      WHALE_GAIN - 2n * MINIMUM_LIQUIDITY,
      WHALE_GAIN + 2n * MINIMUM_LIQUIDITY,
    );
    expect(
      result.victimsLoss - result.attackerProfit,
      "the same money, but for the share of the LP locked at 0x…dEaD",
    ).to.be.within(-2n * MINIMUM_LIQUIDITY, 2n * MINIMUM_LIQUIDITY);
    const hodl = new Decimal((SMALL + (SMALL * R_DAI) / R_PRJ).toString());
    const fraction = new Decimal(result.victimsLoss.toString()).div(hodl);
    expect(fraction.lt(IL.neg()), "the fee kept in the pool makes it a little smaller").to.equal(
      true,
    );
    expect(
      fraction.minus(IL.neg()).abs().toNumber(),
      "within 0.1% of the HODL value",
    ).to.be.lessThan(0.001);
    expect(world.figures.impermanentLoss?.toFixed(12)).to.equal(IL.toFixed(12));
    expect(result.checks.filter((c) => !c.ok).map((c) => c.message)).to.deep.equal([]);
  });

  it("shows what slippage limits and a TWAP do and do not do: the exits revert, the TWAP lags, the loss stays", async function () {
    const { world, result } = await play("hardened");
    const { actors } = world.env;
    for (const name of ["alice", "bob", "carol"] as const) {
      expect(
        await world.pair.balanceOf(actors[name].address),
        `${name} is still an LP`,
      ).to.be.greaterThan(0n);
    }
    expect(world.figures.exitsReverted).to.equal(3);
    expect(world.figures.twapAfterDump?.toFixed(6), "the TWAP's last window").to.equal("1.000000");
    expect(result.attackerProfit, "the whale gains the same").to.be.within(
      WHALE_GAIN - 2n * MINIMUM_LIQUIDITY,
      WHALE_GAIN + 2n * MINIMUM_LIQUIDITY,
    );
    expect(
      result.victimsLoss - result.attackerProfit,
      "the small LPs lose it, still in the pool",
    ).to.be.within(-2n * MINIMUM_LIQUIDITY, 2n * MINIMUM_LIQUIDITY);
    expect(result.checks.filter((c) => !c.ok).map((c) => c.message)).to.deep.equal([]);
  });
});
