import { expect } from "chai";

import { AMM_SEED } from "../../ignition/modules/Amm.js";
import { MIGRATOR_LIQUIDITY, migratorRug } from "../../lib/scenarios/migrator-rug.js";
import { playSide } from "../../lib/scenarios/run.js";
import { pendingCallsTo } from "../../lib/scenarios/admin-path.js";
import { MockERC20__factory, MigratorFarm__factory } from "../../typechain-types/index.js";
import { ethers, networkHelpers } from "../helpers/connection.js";
import { scenarioEnvFixture } from "../helpers/scenarios.js";
import { isqrt } from "../helpers/closed-form.js";

const ONE = 10n ** 18n;

/**
 * LP each farmer gets from the untouched WETH/DAI pool (100 WETH / 200,000 DAI), by V2's rules:
 * the first deposit mints √(x·y) (1,000 of it locked), each later one min(dx·S/x, dy·S/y).
 */
function expectedLp(): {
  alice: bigint;
  bob: bigint;
  carol: bigint;
  total: bigint;
  supply: bigint;
  dai: bigint;
} {
  let weth = 100n * ONE;
  let dai = 200_000n * ONE;
  let supply = isqrt(weth * dai);
  const minted: bigint[] = [];
  for (const [w, d] of [
    [5n * ONE, 10_000n * ONE],
    [3n * ONE, 6_000n * ONE],
    [2n * ONE, 4_000n * ONE],
  ]) {
    const a = (w * supply) / weth;
    const b = (d * supply) / dai;
    const liquidity = a < b ? a : b;
    minted.push(liquidity);
    supply += liquidity;
    weth += w;
    dai += d;
  }
  const [alice, bob, carol] = minted;
  return { alice, bob, carol, total: alice + bob + carol, supply, dai };
}

async function play(side: "vulnerable" | "hardened") {
  const env = await networkHelpers.loadFixture(scenarioEnvFixture);
  return playSide(migratorRug, env, side);
}

describe("Scenario: migrator-rug", function () {
  it("starts from the seeded WETH/DAI pool the expected values assume", function () {
    expect(AMM_SEED.wethDai.weth).to.equal(100n * ONE);
    expect(AMM_SEED.wethDai.dai).to.equal(200_000n * ONE);
    expect(MIGRATOR_LIQUIDITY.alice.dai).to.equal(10_000n * ONE);
  });

  for (const side of ["vulnerable", "hardened"] as const) {
    it(`stakes every farmer's LP in the ${side} farm and nothing of the attacker`, async function () {
      const env = await networkHelpers.loadFixture(scenarioEnvFixture);
      const world = await migratorRug.setup(env, side);
      const lp = expectedLp();
      const { alice, bob, carol, attacker } = env.actors;
      expect(await world.lp.balanceOf(await world.farm.getAddress()), "farm's LP").to.equal(
        lp.total,
      );
      expect((await world.farm.userInfo(world.pid, alice.address))[0], "alice").to.equal(lp.alice);
      expect((await world.farm.userInfo(world.pid, bob.address))[0], "bob").to.equal(lp.bob);
      expect((await world.farm.userInfo(world.pid, carol.address))[0], "carol").to.equal(lp.carol);
      expect((await world.farm.userInfo(world.pid, attacker.address))[0], "attacker").to.equal(0n);
      expect(world.tracked.victimsClaims, "claims").to.equal(lp.total);
    });
  }

  describe("on the vulnerable MigratorFarm", function () {
    it("hands every staked LP token to the owner in one block and leaves the farmers a worthless token", async function () {
      const env = await networkHelpers.loadFixture(scenarioEnvFixture);
      const world = await migratorRug.setup(env, "vulnerable");
      const lp = expectedLp();
      const ownerBefore = await world.lp.balanceOf(world.attacker.address);
      const blockBefore = await ethers.provider.getBlockNumber();
      await migratorRug.exploit(world);
      expect(await world.lp.balanceOf(await world.farm.getAddress()), "farm's LP").to.equal(0n);
      expect(
        (await world.lp.balanceOf(world.attacker.address)) - ownerBefore,
        "owner's LP",
      ).to.equal(lp.total);
      // Deploying the migrator, setting it and migrating: three blocks, no waiting.
      expect((await ethers.provider.getBlockNumber()) - blockBefore, "blocks").to.equal(3);
      const [token] = await world.farm.poolInfo(world.pid);
      const decoy = MockERC20__factory.connect(token, ethers.provider);
      expect(await decoy.symbol(), "replacement").to.equal("SLP-V2");
      expect(await decoy.balanceOf(await world.farm.getAddress()), "decoy held").to.equal(lp.total);
    });

    it("passes every check through the framework: profit and loss are the farmers' whole stake, 40,000 DAI at pool price", async function () {
      const result = await play("vulnerable");
      const lp = expectedLp();
      expect(result.checks.filter((c) => !c.ok).map((c) => c.message)).to.deep.equal([]);
      expect(result.attackerProfit, "profit").to.equal(lp.total);
      expect(result.victimsLoss, "loss").to.equal(lp.total);
      expect(result.protocolAfter, "farm after").to.equal(0n);
      // 2 × 220,000 DAI × LP / supply: the 10 WETH + 20,000 DAI they put in, less rounding.
      const inDai = (lp.total * 2n * lp.dai) / lp.supply;
      expect(result.quote?.victimsLoss, "loss in DAI").to.equal(inDai);
      expect(40_000n * ONE - inDai < 10n ** 6n, "≈ 40,000 DAI").to.equal(true);
    });
  });

  describe("on the hardened Farm behind a timelock", function () {
    it("queues the migration publicly and refuses to run it before the delay", async function () {
      const env = await networkHelpers.loadFixture(scenarioEnvFixture);
      const world = await migratorRug.setup(env, "hardened");
      const timelock = world.admin.timelock;
      if (timelock === null) throw new Error("the hardened side has a timelock");
      const reverted = await migratorRug.exploit(world).then(
        () => false,
        () => true,
      );
      expect(reverted, "the attack reverts").to.equal(true);
      const pending = await pendingCallsTo(
        timelock,
        await world.farm.getAddress(),
        world.watchFrom,
      );
      const iface = MigratorFarm__factory.createInterface();
      expect(pending.map((c) => iface.parseTransaction({ data: c.data })?.name)).to.deep.equal([
        "setMigrator",
        "migrate",
      ]);
      expect(await world.lp.balanceOf(await world.farm.getAddress()), "farm's LP").to.equal(
        expectedLp().total,
      );
    });

    it("lets the farmers leave with all their LP; the queued batch then fails: the core Farm has no migrator", async function () {
      const result = await play("hardened");
      expect(result.checks.filter((c) => !c.ok).map((c) => c.message)).to.deep.equal([]);
      expect(result.revert, "revert").to.match(/^TimelockUnexpectedOperationState/);
      expect(result.attackerProfit, "profit").to.equal(0n);
      expect(result.victimsLoss, "loss").to.equal(0n);
      expect(result.protocolAfter, "farm right after the attack").to.equal(expectedLp().total);
    });
  });

  it("fails the vulnerable side's checks for an exploit that does nothing", async function () {
    const env = await networkHelpers.loadFixture(scenarioEnvFixture);
    const result = await playSide(migratorRug, env, "vulnerable", async () => {});
    expect(result.passed).to.equal(false);
    expect(result.victimsLoss).to.equal(0n);
  });
});
