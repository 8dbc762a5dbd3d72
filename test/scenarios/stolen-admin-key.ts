import { expect } from "chai";

import { stolenAdminKey, type StolenKeyWorld } from "../../lib/scenarios/stolen-admin-key.js";
import type { Side } from "../../lib/scenarios/types.js";
import { CappedSweepPool__factory } from "../../typechain-types/index.js";
import { impersonate } from "../helpers/admin.js";
import { loadFixture } from "../helpers/connection.js";
import { describeFrameworkPlay, describeSide, scenarioEnvFixture } from "../helpers/scenarios.js";

const USDC = 10n ** 6n;
// The README's starting balances: 20,000 + 15,000 + 10,000 USDC; the hardened cap 1,000 USDC a day.
const DEPOSITS = 45_000n * USDC;
const CAP = 1_000n * USDC;

async function setup(side: Side): Promise<StolenKeyWorld> {
  return stolenAdminKey.setup(await loadFixture(scenarioEnvFixture), side);
}

/** The starting state both sides share: the depositors' 45,000 USDC in the pool. */
async function expectInitialState(world: StolenKeyWorld): Promise<void> {
  const { alice, bob, carol } = world.env.actors;
  expect(
    await world.env.sandbox.usdc.balanceOf(await world.pool.getAddress()),
    "the pool's USDC",
  ).to.equal(DEPOSITS);
  expect(await world.pool.totalDeposits(), "recorded deposits").to.equal(DEPOSITS);
  expect(await world.pool.balanceOf(alice.address), "alice's deposit").to.equal(20_000n * USDC);
  expect(await world.pool.balanceOf(bob.address), "bob's deposit").to.equal(15_000n * USDC);
  expect(await world.pool.balanceOf(carol.address), "carol's deposit").to.equal(10_000n * USDC);
}

describe("Scenario: stolen-admin-key", function () {
  describeSide("vulnerable side: UncappedSweepPool owned by one key", stolenAdminKey, {
    setup: () => setup("vulnerable"),
    initialState: ["the depositors' 45,000 USDC are in the pool", expectInitialState],
    exploit: [
      "the stolen key sweeps every deposit",
      async ({ revert, before, afterExploit }) => {
        expect(revert, "the sweep goes through").to.equal(null);
        expect(before.protocol, "pool before").to.equal(DEPOSITS);
        expect(afterExploit.protocol, "pool after").to.equal(0n);
      },
    ],
    success: [
      "the attacker gains 45,000 USDC and the depositors lose it",
      async ({ result }) => {
        expect(result.attackerProfit, "attacker's profit").to.equal(DEPOSITS);
        expect(result.victimsLoss, "depositors' loss").to.equal(DEPOSITS);
      },
    ],
  });

  describeSide("hardened side: CappedSweepPool owned by a Governor-fed timelock", stolenAdminKey, {
    setup: () => setup("hardened"),
    initialState: ["the depositors' 45,000 USDC are in the pool", expectInitialState],
    exploit: [
      "the stolen key may not propose to the timelock, so the sweep reverts",
      async ({ revert, afterExploit }) => {
        expect(revert, "the key has no proposer role").to.match(
          /^AccessControlUnauthorizedAccount/,
        );
        expect(afterExploit.protocol, "pool after the attack").to.equal(DEPOSITS);
      },
    ],
    success: [
      "the attacker gains nothing and the depositors keep everything",
      async ({ result }) => {
        expect(result.attackerProfit, "attacker's profit").to.equal(0n);
        expect(result.victimsLoss, "depositors' loss").to.equal(0n);
      },
    ],
  });

  describe("the hardened pool's admin path", function () {
    it("refuses the stolen key, directly and through the timelock", async function () {
      const world = await setup("hardened");
      const key = world.env.actors.deployer;
      const pool = CappedSweepPool__factory.connect(await world.pool.getAddress(), key);
      await expect(pool.sweep(key.address, 1n))
        .to.be.revertedWithCustomError(pool, "OwnableUnauthorizedAccount")
        .withArgs(key.address);
      const timelock = world.admin.timelock;
      if (timelock === null) throw new Error("the hardened side has a timelock");
      await expect(
        timelock
          .connect(key)
          .schedule(
            await world.pool.getAddress(),
            0n,
            "0x",
            `0x${"00".repeat(32)}`,
            `0x${"00".repeat(32)}`,
            2n * 86_400n,
          ),
      )
        .to.be.revertedWithCustomError(timelock, "AccessControlUnauthorizedAccount")
        .withArgs(key.address, await timelock.PROPOSER_ROLE());
      expect(
        await timelock.hasRole(
          await timelock.PROPOSER_ROLE(),
          await world.env.sandbox.governor.getAddress(),
        ),
      ).to.equal(true);
    });

    it("caps even a passed vote at 1,000 USDC a day", async function () {
      const world = await setup("hardened");
      const pool = CappedSweepPool__factory.connect(
        await world.pool.getAddress(),
        world.env.actors.deployer,
      );
      const owner = await impersonate(await pool.owner());
      const to = world.env.actors.treasury.address;
      await expect(pool.connect(owner).sweep(to, CAP + 1n))
        .to.be.revertedWithCustomError(pool, "SweepPoolCapExceeded")
        .withArgs(CAP + 1n, CAP);
      await expect(pool.connect(owner).sweep(to, CAP)).to.changeTokenBalances(
        world.env.ethers,
        world.env.sandbox.usdc,
        [pool, to],
        [-CAP, CAP],
      );
      await expect(pool.connect(owner).sweep(to, 1n))
        .to.be.revertedWithCustomError(pool, "SweepPoolCapExceeded")
        .withArgs(1n, 0n);
    });
  });

  describeFrameworkPlay(stolenAdminKey);
});
