import { expect } from "chai";

import { devFundDump, type DevDumpWorld } from "../../lib/scenarios/dev-fund-dump.js";
import { playSide } from "../../lib/scenarios/run.js";
import { networkHelpers } from "../helpers/connection.js";
import { scenarioEnvFixture } from "../helpers/scenarios.js";
import { v2AmountOut } from "../helpers/closed-form.js";

const ONE = 10n ** 18n;
const DAY = 86_400n;
// The README's figures: a pool of 100,000 RWD + 50 WETH, 0.1 RWD a second to farmers for 30 days,
// a tenth of it more to the dev fund; the hardened fund vests over 365 days after a 90-day cliff.
const POOL_RWD = 100_000n * ONE;
const POOL_WETH = 50n * ONE;
const RATE = ONE / 10n;
const FARMING = 30n * DAY;

/** The farmers' loss in WETH at mid prices when `sold` RWD goes into the untouched pool. */
function dumpFigures(farmers: bigint, sold: bigint) {
  const out = v2AmountOut(sold, POOL_RWD, POOL_WETH);
  const before = (farmers * POOL_WETH) / POOL_RWD;
  const after = (farmers * (POOL_WETH - out)) / (POOL_RWD + sold);
  return { out, loss: before - after, before };
}

async function setup(side: "vulnerable" | "hardened"): Promise<DevDumpWorld> {
  const env = await networkHelpers.loadFixture(scenarioEnvFixture);
  return devFundDump.setup(env, side);
}

describe("Scenario: dev-fund-dump", function () {
  for (const side of ["vulnerable", "hardened"] as const) {
    it(`mints the farmers 0.1 RWD a second for 30 days and the ${side} dev fund a tenth on top`, async function () {
      const world = await setup(side);
      // Three harvests a block apart, a few seconds after the 30 days.
      expect(world.farmersRewards >= RATE * FARMING - ONE, "farmers' rewards").to.equal(true);
      expect(world.farmersRewards <= RATE * (FARMING + 10n), "farmers' rewards").to.equal(true);
      const elapsed = (await world.farm.devCutUntil()) - (await world.farm.startTime());
      expect(await world.farm.devCutMinted(), "dev cut").to.equal((RATE * elapsed) / 10n);
      const fund =
        side === "vulnerable" ? world.attacker.address : await world.vesting?.getAddress();
      expect(await world.rwd.balanceOf(fund ?? ""), "dev fund").to.equal((RATE * elapsed) / 10n);
      expect(world.farmersRewardsValue, "value at 2,000 RWD per WETH").to.equal(
        (world.farmersRewards * POOL_WETH) / POOL_RWD,
      );
    });
  }

  describe("on the vulnerable side (the cut goes to the dev's key)", function () {
    it("lets the dev sell the whole fund at once; the farmers' rewards lose about 37% of their value", async function () {
      const env = await networkHelpers.loadFixture(scenarioEnvFixture);
      const result = await playSide(devFundDump, env, "vulnerable");
      expect(result.checks.filter((c) => !c.ok).map((c) => c.message)).to.deep.equal([]);
      // Reconstruct what the world held from the dev cut the farm minted (about 25,920 RWD).
      const world = await setup("vulnerable");
      const sold = await world.farm.devCutMinted();
      const { out, loss, before } = dumpFigures(world.farmersRewards, sold);
      expect(result.attackerProfit, "dev's WETH").to.equal(out);
      expect(result.victimsLoss, "farmers' loss").to.equal(loss);
      expect(result.protocolAfter, "pool's WETH").to.equal(POOL_WETH - out);
      const fallBps = (loss * 10_000n) / before;
      expect(fallBps >= 3_600n && fallBps <= 3_800n, `fall ${fallBps} bps`).to.equal(true);
    });
  });

  describe("on the hardened side (the cut goes to a DevVestingWallet)", function () {
    it("releases nothing before the cliff, so the dump reverts and the farmers lose nothing", async function () {
      const env = await networkHelpers.loadFixture(scenarioEnvFixture);
      const result = await playSide(devFundDump, env, "hardened");
      expect(result.checks.filter((c) => !c.ok).map((c) => c.message)).to.deep.equal([]);
      expect(result.revert).to.equal("AmmInsufficientAmount(0)");
      expect(result.attackerProfit).to.equal(0n);
      expect(result.victimsLoss).to.equal(0n);
    });

    it("after the cliff lets the dev sell only the vested part: 120/365 of the fund at day 120", async function () {
      const world = await setup("hardened");
      const vesting = world.vesting;
      if (vesting === null) throw new Error("the hardened side has a vesting wallet");
      const rwd = await world.rwd.getAddress();
      const allocation = await world.rwd.balanceOf(await vesting.getAddress());
      const start = await vesting.start();
      await networkHelpers.time.setNextBlockTimestamp(start + 120n * DAY);
      await vesting.connect(world.attacker)["release(address)"](rwd);
      const released = await world.rwd.balanceOf(world.attacker.address);
      expect(released, "vested at day 120").to.equal((allocation * 120n * DAY) / (365n * DAY));
      const full = dumpFigures(world.farmersRewards, allocation);
      const vested = dumpFigures(world.farmersRewards, released);
      expect(vested.loss < full.loss / 2n, "a vested dump hurts less than half as much").to.equal(
        true,
      );
    });
  });

  it("fails the vulnerable side's checks for an exploit that does nothing", async function () {
    const env = await networkHelpers.loadFixture(scenarioEnvFixture);
    const result = await playSide(devFundDump, env, "vulnerable", async () => {});
    expect(result.passed).to.equal(false);
  });
});
