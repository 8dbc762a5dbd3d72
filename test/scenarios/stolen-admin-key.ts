import { expect } from "chai";

import { playSide } from "../../lib/scenarios/run.js";
import { stolenAdminKey } from "../../lib/scenarios/stolen-admin-key.js";
import { CappedSweepPool__factory } from "../../typechain-types/index.js";
import { impersonate } from "../helpers/admin.js";
import { networkHelpers } from "../helpers/connection.js";
import { scenarioEnvFixture } from "../helpers/scenarios.js";

const USDC = 10n ** 6n;
// The README's starting balances: 20,000 + 15,000 + 10,000 USDC; the hardened cap 1,000 USDC a day.
const DEPOSITS = 45_000n * USDC;
const CAP = 1_000n * USDC;

async function setup(side: "vulnerable" | "hardened") {
  const env = await networkHelpers.loadFixture(scenarioEnvFixture);
  return stolenAdminKey.setup(env, side);
}

describe("Scenario: stolen-admin-key", function () {
  for (const side of ["vulnerable", "hardened"] as const) {
    it(`holds the depositors' 45,000 USDC in the ${side} pool`, async function () {
      const world = await setup(side);
      const { alice, bob, carol } = world.env.actors;
      expect(await world.env.sandbox.usdc.balanceOf(await world.pool.getAddress())).to.equal(
        DEPOSITS,
      );
      expect(await world.pool.totalDeposits()).to.equal(DEPOSITS);
      expect(await world.pool.balanceOf(alice.address)).to.equal(20_000n * USDC);
      expect(await world.pool.balanceOf(bob.address)).to.equal(15_000n * USDC);
      expect(await world.pool.balanceOf(carol.address)).to.equal(10_000n * USDC);
    });
  }

  describe("on the vulnerable UncappedSweepPool", function () {
    it("lets the stolen key sweep every deposit: the attacker gains 45,000 USDC, the depositors lose it", async function () {
      const env = await networkHelpers.loadFixture(scenarioEnvFixture);
      const result = await playSide(stolenAdminKey, env, "vulnerable");
      expect(result.checks.filter((c) => !c.ok).map((c) => c.message)).to.deep.equal([]);
      expect(result.attackerProfit, "profit").to.equal(DEPOSITS);
      expect(result.victimsLoss, "loss").to.equal(DEPOSITS);
      expect(result.protocolBefore, "pool before").to.equal(DEPOSITS);
      expect(result.protocolAfter, "pool after").to.equal(0n);
    });
  });

  describe("on the hardened CappedSweepPool owned by a Governor-fed timelock", function () {
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

    it("passes every check through the framework: the attack reverts, the depositors keep everything", async function () {
      const env = await networkHelpers.loadFixture(scenarioEnvFixture);
      const result = await playSide(stolenAdminKey, env, "hardened");
      expect(result.checks.filter((c) => !c.ok).map((c) => c.message)).to.deep.equal([]);
      expect(result.revert, "revert").to.match(/^AccessControlUnauthorizedAccount/);
      expect(result.attackerProfit, "profit").to.equal(0n);
      expect(result.victimsLoss, "loss").to.equal(0n);
      expect(result.protocolAfter, "pool after the attack").to.equal(DEPOSITS);
    });
  });

  it("fails the vulnerable side's checks for an exploit that does nothing", async function () {
    const env = await networkHelpers.loadFixture(scenarioEnvFixture);
    const result = await playSide(stolenAdminKey, env, "vulnerable", async () => {});
    expect(result.passed).to.equal(false);
  });
});
