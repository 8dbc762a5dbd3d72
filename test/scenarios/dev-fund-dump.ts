import { expect } from "chai";

import { devFundDump, type DevDumpWorld } from "../../lib/scenarios/dev-fund-dump.js";
import type { Side } from "../../lib/scenarios/types.js";
import { loadFixture, networkHelpers } from "../helpers/connection.js";
import { describeFrameworkPlay, describeSide, scenarioEnvFixture } from "../helpers/scenarios.js";
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

async function setup(side: Side): Promise<DevDumpWorld> {
  const env = await loadFixture(scenarioEnvFixture);
  return devFundDump.setup(env, side);
}

/** The starting state: the farmers' 30 days of rewards, and the dev cut a tenth on top in the fund. */
async function expectInitialState(world: DevDumpWorld): Promise<void> {
  // Three harvests a block apart, a few seconds after the 30 days.
  expect(world.farmersRewards, "farmers' rewards").to.be.within(
    RATE * FARMING - ONE,
    RATE * (FARMING + 10n),
  );
  const elapsed = (await world.farm.devCutUntil()) - (await world.farm.startTime());
  expect(await world.farm.devCutMinted(), "dev cut").to.equal((RATE * elapsed) / 10n);
  const fund =
    world.side === "vulnerable" ? world.attacker.address : await world.vesting?.getAddress();
  expect(await world.rwd.balanceOf(fund ?? ""), "dev fund").to.equal((RATE * elapsed) / 10n);
  expect(world.farmersRewardsValue, "value at 2,000 RWD per WETH").to.equal(
    (world.farmersRewards * POOL_WETH) / POOL_RWD,
  );
}

describe("Scenario: dev-fund-dump", function () {
  describeSide("vulnerable side: the dev cut goes to the dev's key", devFundDump, {
    setup: () => setup("vulnerable"),
    initialState: [
      "the farmers hold 0.1 RWD a second for 30 days, the dev a tenth on top",
      expectInitialState,
    ],
    exploit: [
      "the dev sells the whole fund into the RWD/WETH pool at once",
      async ({ revert, afterExploit }, world) => {
        const { out } = dumpFigures(world.farmersRewards, await world.farm.devCutMinted());
        expect(revert, "the dump goes through").to.equal(null);
        expect(afterExploit.protocol, "pool's WETH").to.equal(POOL_WETH - out);
      },
    ],
    success: [
      "the dev's WETH is the pool's, and the farmers' rewards lose about 37% of their value",
      async ({ result }, world) => {
        const { out, loss, before } = dumpFigures(
          world.farmersRewards,
          await world.farm.devCutMinted(),
        );
        expect(result.attackerProfit, "dev's WETH").to.equal(out);
        expect(result.victimsLoss, "farmers' loss").to.equal(loss);
        const fallBps = (loss * 10_000n) / before;
        expect(fallBps, "the fall in basis points").to.be.within(3_600n, 3_800n);
      },
    ],
  });

  describeSide("hardened side: the dev cut goes to a DevVestingWallet", devFundDump, {
    setup: () => setup("hardened"),
    initialState: [
      "the farmers hold 0.1 RWD a second for 30 days, the wallet a tenth on top",
      expectInitialState,
    ],
    exploit: [
      "nothing is released before the cliff, so the dev has nothing to sell",
      async ({ revert, before, afterExploit }) => {
        expect(revert, "the swap of nothing reverts").to.equal("AmmInsufficientAmount(0)");
        expect(afterExploit.protocol, "pool's WETH").to.equal(before.protocol);
      },
    ],
    success: [
      "the dev gains nothing and the farmers lose nothing",
      async ({ result }) => {
        expect(result.attackerProfit, "dev's WETH").to.equal(0n);
        expect(result.victimsLoss, "farmers' loss").to.equal(0n);
      },
    ],
  });

  describe("the vesting wallet after the cliff", function () {
    it("lets the dev sell only the vested part: 120/365 of the fund at day 120", async function () {
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

  describeFrameworkPlay(devFundDump);
});
