import { expect } from "chai";

import { ethers, loadFixture, networkHelpers } from "../../helpers/connection.js";
import { sandboxFixture } from "../../helpers/fixtures.js";

const USDC = 10n ** 6n;
const CAP = 1_000n * USDC;
const DAY = 86_400;

/** Both pools over the sandbox's USDC, owned by `owner` (keeper), alice and bob allowed to deposit. */
async function sweepPoolsFixture() {
  const { actors, usdc } = await loadFixture(sandboxFixture);
  const owner = actors.keeper;
  const asset = await usdc.getAddress();
  const uncapped = await ethers.deployContract("UncappedSweepPool", [asset, owner.address]);
  const capped = await ethers.deployContract("CappedSweepPool", [asset, owner.address, CAP]);
  for (const pool of [uncapped, capped]) {
    for (const user of [actors.alice, actors.bob]) {
      await (await usdc.connect(user).approve(await pool.getAddress(), ethers.MaxUint256)).wait();
    }
  }
  return { uncapped, capped, usdc, actors, owner };
}

for (const key of ["uncapped", "capped"] as const) {
  const name = key === "uncapped" ? "UncappedSweepPool" : "CappedSweepPool";
  describe(name, function () {
    it("credits a deposit and pays it back on withdrawal", async function () {
      const { [key]: pool, usdc, actors } = await loadFixture(sweepPoolsFixture);
      const { alice } = actors;
      await expect(pool.connect(alice).deposit(500n * USDC))
        .to.emit(pool, "Deposited")
        .withArgs(alice.address, 500n * USDC);
      expect(await pool.balanceOf(alice.address)).to.equal(500n * USDC);
      expect(await pool.totalDeposits()).to.equal(500n * USDC);
      const tx = pool.connect(alice).withdraw(200n * USDC);
      await expect(tx)
        .to.emit(pool, "Withdrawn")
        .withArgs(alice.address, 200n * USDC);
      await expect(tx).to.changeTokenBalances(
        ethers,
        usdc,
        [pool, alice],
        [-200n * USDC, 200n * USDC],
      );
      expect(await pool.balanceOf(alice.address)).to.equal(300n * USDC);
      expect(await pool.totalDeposits()).to.equal(300n * USDC);
    });

    it("refuses zero amounts, a zero recipient and a withdrawal above the balance", async function () {
      const { [key]: pool, actors, owner } = await loadFixture(sweepPoolsFixture);
      const { alice } = actors;
      await (await pool.connect(alice).deposit(100n * USDC)).wait();
      await expect(pool.connect(alice).deposit(0n)).to.be.revertedWithCustomError(
        pool,
        "SweepPoolZeroAmount",
      );
      await expect(pool.connect(alice).withdraw(0n)).to.be.revertedWithCustomError(
        pool,
        "SweepPoolZeroAmount",
      );
      await expect(pool.connect(alice).withdraw(100n * USDC + 1n))
        .to.be.revertedWithCustomError(pool, "SweepPoolInsufficientBalance")
        .withArgs(alice.address, 100n * USDC, 100n * USDC + 1n);
      await expect(pool.connect(owner).sweep(ethers.ZeroAddress, 1n)).to.be.revertedWithCustomError(
        pool,
        "SweepPoolZeroAddress",
      );
      await expect(pool.connect(owner).sweep(owner.address, 0n)).to.be.revertedWithCustomError(
        pool,
        "SweepPoolZeroAmount",
      );
      await expect(
        ethers.deployContract(
          name,
          key === "uncapped"
            ? [ethers.ZeroAddress, owner.address]
            : [ethers.ZeroAddress, owner.address, CAP],
        ),
      ).to.be.revertedWithCustomError(pool, "SweepPoolZeroAddress");
      expect(await pool.balanceOf(alice.address)).to.equal(100n * USDC);
    });

    it("lets only the owner sweep", async function () {
      const { [key]: pool, actors } = await loadFixture(sweepPoolsFixture);
      const { alice, attacker } = actors;
      await (await pool.connect(alice).deposit(100n * USDC)).wait();
      await expect(pool.connect(attacker).sweep(attacker.address, 1n))
        .to.be.revertedWithCustomError(pool, "OwnableUnauthorizedAccount")
        .withArgs(attacker.address);
    });

    it("lets the owner sweep deposits out, leaving depositors unable to withdraw", async function () {
      const { [key]: pool, usdc, actors, owner } = await loadFixture(sweepPoolsFixture);
      const { alice, treasury } = actors;
      await (await pool.connect(alice).deposit(100n * USDC)).wait();
      const tx = pool.connect(owner).sweep(treasury.address, 100n * USDC);
      await expect(tx)
        .to.emit(pool, "Swept")
        .withArgs(treasury.address, 100n * USDC);
      await expect(tx).to.changeTokenBalances(
        ethers,
        usdc,
        [pool, treasury],
        [-100n * USDC, 100n * USDC],
      );
      await expect(pool.connect(alice).withdraw(100n * USDC)).to.be.revertedWithCustomError(
        usdc,
        "ERC20InsufficientBalance",
      );
    });
  });
}

describe("CappedSweepPool's rate limit", function () {
  it("lets the uncapped pool's owner take everything in one call", async function () {
    const { uncapped, actors, owner } = await loadFixture(sweepPoolsFixture);
    await (await uncapped.connect(actors.alice).deposit(50_000n * USDC)).wait();
    await expect(uncapped.connect(owner).sweep(owner.address, 50_000n * USDC)).to.emit(
      uncapped,
      "Swept",
    );
  });

  it("sweeps at most the cap per day, counted in fixed windows", async function () {
    const { capped, actors, owner } = await loadFixture(sweepPoolsFixture);
    await (await capped.connect(actors.alice).deposit(50_000n * USDC)).wait();
    expect(await capped.sweepAvailable()).to.equal(CAP);
    await (await capped.connect(owner).sweep(owner.address, 600n * USDC)).wait();
    expect(await capped.sweepAvailable()).to.equal(400n * USDC);
    await expect(capped.connect(owner).sweep(owner.address, 401n * USDC))
      .to.be.revertedWithCustomError(capped, "SweepPoolCapExceeded")
      .withArgs(401n * USDC, 400n * USDC);
    await (await capped.connect(owner).sweep(owner.address, 400n * USDC)).wait();
    expect(await capped.sweepAvailable()).to.equal(0n);
    const windowStart = await capped.windowStart();
    // The next block is the window's last second.
    await networkHelpers.time.increaseTo(windowStart + BigInt(DAY) - 2n);
    await expect(capped.connect(owner).sweep(owner.address, 1n))
      .to.be.revertedWithCustomError(capped, "SweepPoolCapExceeded")
      .withArgs(1n, 0n);
    await networkHelpers.time.increaseTo(windowStart + BigInt(DAY));
    expect(await capped.sweepAvailable()).to.equal(CAP);
    await (await capped.connect(owner).sweep(owner.address, CAP)).wait();
    expect(await capped.sweptInWindow()).to.equal(CAP);
    expect(await capped.windowStart()).to.equal(windowStart + BigInt(DAY) + 1n);
  });
});
