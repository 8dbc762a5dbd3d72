import { expect } from "chai";

import { AMM_SEED } from "../../ignition/modules/Amm.js";
import {
  MIGRATOR_LIQUIDITY,
  migratorRug,
  type MigratorWorld,
} from "../../lib/scenarios/migrator-rug.js";
import type { Side } from "../../lib/scenarios/types.js";
import { pendingCallsTo } from "../../lib/scenarios/admin-path.js";
import { MockERC20__factory, MigratorFarm__factory } from "../../typechain-types/index.js";
import { ethers, loadFixture } from "../helpers/connection.js";
import { describeFrameworkPlay, describeSide, scenarioEnvFixture } from "../helpers/scenarios.js";
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

/** One side set up on the fresh sandbox. */
async function setup(side: Side): Promise<MigratorWorld> {
  return migratorRug.setup(await loadFixture(scenarioEnvFixture), side);
}

/** The starting state both sides share: every farmer's LP staked, none of the attacker's. */
async function expectInitialState(world: MigratorWorld): Promise<void> {
  expect(AMM_SEED.wethDai.weth, "the seeded pool's WETH").to.equal(100n * ONE);
  expect(AMM_SEED.wethDai.dai, "the seeded pool's DAI").to.equal(200_000n * ONE);
  expect(MIGRATOR_LIQUIDITY.alice.dai, "alice's DAI in the pool").to.equal(10_000n * ONE);
  const lp = expectedLp();
  const { alice, bob, carol, attacker } = world.env.actors;
  expect(await world.lp.balanceOf(await world.farm.getAddress()), "farm's LP").to.equal(lp.total);
  expect((await world.farm.userInfo(world.pid, alice.address))[0], "alice's stake").to.equal(
    lp.alice,
  );
  expect((await world.farm.userInfo(world.pid, bob.address))[0], "bob's stake").to.equal(lp.bob);
  expect((await world.farm.userInfo(world.pid, carol.address))[0], "carol's stake").to.equal(
    lp.carol,
  );
  expect((await world.farm.userInfo(world.pid, attacker.address))[0], "attacker's stake").to.equal(
    0n,
  );
  expect(world.tracked.victimsClaims, "the farmers' claims").to.equal(lp.total);
}

describe("Scenario: migrator-rug", function () {
  describeSide("vulnerable side: MigratorFarm", migratorRug, {
    setup: () => setup("vulnerable"),
    initialState: ["every farmer's LP is staked and nothing of the attacker's", expectInitialState],
    exploit: [
      "the owner sets a migrator and migrates: every staked LP token leaves in three blocks",
      async ({ revert, startBlock, before, afterExploit }, world) => {
        const lp = expectedLp();
        expect(revert, "the attack goes through").to.equal(null);
        expect(afterExploit.protocol, "farm's LP").to.equal(0n);
        expect(afterExploit.attacker - before.attacker, "owner's LP").to.equal(lp.total);
        // Deploying the migrator, setting it and migrating: three blocks, no waiting.
        expect((await ethers.provider.getBlockNumber()) - startBlock, "blocks").to.equal(3);
        const [token] = await world.farm.poolInfo(world.pid);
        const decoy = MockERC20__factory.connect(token, ethers.provider);
        expect(await decoy.symbol(), "replacement").to.equal("SLP-V2");
        expect(await decoy.balanceOf(await world.farm.getAddress()), "decoy held").to.equal(
          lp.total,
        );
      },
    ],
    success: [
      "profit and loss are the farmers' whole stake, 40,000 DAI at pool price",
      async ({ result }) => {
        const lp = expectedLp();
        expect(result.attackerProfit, "profit").to.equal(lp.total);
        expect(result.victimsLoss, "loss").to.equal(lp.total);
        // 2 × 220,000 DAI × LP / supply: the 10 WETH + 20,000 DAI they put in, less rounding.
        const inDai = (lp.total * 2n * lp.dai) / lp.supply;
        expect(result.quote?.victimsLoss, "loss in DAI").to.equal(inDai);
        expect(40_000n * ONE - inDai < 10n ** 6n, "≈ 40,000 DAI").to.equal(true);
      },
    ],
  });

  describeSide("hardened side: the core Farm behind a timelock", migratorRug, {
    setup: () => setup("hardened"),
    initialState: ["every farmer's LP is staked and nothing of the attacker's", expectInitialState],
    exploit: [
      "the migration is queued publicly and refused before the delay",
      async ({ revert, afterExploit }, world) => {
        const timelock = world.admin.timelock;
        if (timelock === null) throw new Error("the hardened side has a timelock");
        expect(revert, "revert").to.match(/^TimelockUnexpectedOperationState/);
        const pending = await pendingCallsTo(
          timelock,
          await world.farm.getAddress(),
          world.watchFrom,
        );
        const iface = MigratorFarm__factory.createInterface();
        expect(
          pending.map((c) => iface.parseTransaction({ data: c.data })?.name),
          "the queued calls",
        ).to.deep.equal(["setMigrator", "migrate"]);
        expect(afterExploit.protocol, "farm right after the attack").to.equal(expectedLp().total);
      },
    ],
    success: [
      "the farmers leave with all their LP; the queued batch then fails: the core Farm has no migrator",
      async ({ result }) => {
        expect(result.attackerProfit, "profit").to.equal(0n);
        expect(result.victimsLoss, "loss").to.equal(0n);
      },
    ],
  });

  describeFrameworkPlay(migratorRug);
});
