import { expect } from "chai";

import { ethers, loadFixture } from "../../helpers/connection.js";
import { sandboxFixture } from "../../helpers/fixtures.js";

const ONE = 10n ** 18n;

/** A MigratorFarm owned by keeper over a fresh staking token, with alice and bob staked. */
async function migratorFarmFixture() {
  const { actors } = await loadFixture(sandboxFixture);
  const { keeper: owner, alice, bob, attacker } = actors;
  const reward = await ethers.deployContract("RewardToken", [owner.address, 10n ** 27n]);
  const farm = await ethers.deployContract("MigratorFarm", [
    await reward.getAddress(),
    ONE,
    0n,
    86_400n,
    0n,
    1n,
    owner.address,
  ]);
  await (
    await reward.connect(owner).grantRole(await reward.MINTER_ROLE(), await farm.getAddress())
  ).wait();
  const stake = await ethers.deployContract("MockERC20", ["Stake", "STK", 18]);
  await (await farm.connect(owner).add(100n, await stake.getAddress())).wait();
  for (const [user, amount] of [
    [alice, 300n * ONE],
    [bob, 700n * ONE],
  ] as const) {
    await (await stake.faucet(user.address, amount)).wait();
    await (await stake.connect(user).approve(await farm.getAddress(), amount)).wait();
    await (await farm.connect(user).deposit(0n, amount, user.address)).wait();
  }
  const migrator = await ethers.deployContract("RugMigrator", [
    await farm.getAddress(),
    attacker.address,
  ]);
  return { farm, stake, migrator, owner, actors };
}

describe("MigratorFarm", function () {
  it("lets only the owner set the migrator", async function () {
    const { farm, migrator, owner, actors } = await loadFixture(migratorFarmFixture);
    await expect(farm.connect(actors.attacker).setMigrator(await migrator.getAddress()))
      .to.be.revertedWithCustomError(farm, "OwnableUnauthorizedAccount")
      .withArgs(actors.attacker.address);
    await expect(farm.connect(owner).setMigrator(await migrator.getAddress()))
      .to.emit(farm, "MigratorSet")
      .withArgs(await migrator.getAddress());
    expect(await farm.migrator()).to.equal(await migrator.getAddress());
  });

  it("refuses to migrate without a migrator, or an unknown pool", async function () {
    const { farm, migrator, owner } = await loadFixture(migratorFarmFixture);
    await expect(farm.migrate(0n)).to.be.revertedWithCustomError(farm, "MigratorFarmNoMigrator");
    await (await farm.connect(owner).setMigrator(await migrator.getAddress())).wait();
    await expect(farm.migrate(1n))
      .to.be.revertedWithCustomError(farm, "FarmUnknownPool")
      .withArgs(1n, 1n);
  });

  it("moves the pool's whole balance to the migrator's beneficiary and counts stakes in the new token", async function () {
    const { farm, stake, migrator, owner, actors } = await loadFixture(migratorFarmFixture);
    const { alice, attacker } = actors;
    await (await farm.connect(owner).setMigrator(await migrator.getAddress())).wait();
    const tx = farm.connect(attacker).migrate(0n);
    await expect(tx).to.changeTokenBalances(
      ethers,
      stake,
      [farm, attacker],
      [-1_000n * ONE, 1_000n * ONE],
    );
    const [newToken] = await farm.poolInfo(0n);
    await expect(tx)
      .to.emit(farm, "PoolMigrated")
      .withArgs(0n, await stake.getAddress(), newToken, 1_000n * ONE);
    const decoy = await ethers.getContractAt("MockERC20", newToken);
    expect(await decoy.balanceOf(await farm.getAddress())).to.equal(1_000n * ONE);
    // Alice leaves with her 300 — of the replacement, not of what she staked.
    await expect(
      farm.connect(alice).withdraw(0n, 300n * ONE, alice.address),
    ).to.changeTokenBalances(ethers, decoy, [farm, alice], [-300n * ONE, 300n * ONE]);
    expect(await stake.balanceOf(alice.address)).to.equal(0n);
  });

  it("reverts the whole migration when the migrator refuses the farm", async function () {
    const { farm, owner } = await loadFixture(migratorFarmFixture);
    const short = await ethers.deployContract("RugMigrator", [owner.address, owner.address]);
    await (await farm.connect(owner).setMigrator(await short.getAddress())).wait();
    // The migrator refuses a caller other than its farm: the whole migration reverts.
    await expect(farm.migrate(0n))
      .to.be.revertedWithCustomError(short, "RugMigratorUnauthorized")
      .withArgs(await farm.getAddress());
  });
});
