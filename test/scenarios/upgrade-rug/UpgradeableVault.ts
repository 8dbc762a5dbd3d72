import { expect } from "chai";

import { ethers, loadFixture } from "../../helpers/connection.js";
import { sandboxFixture } from "../../helpers/fixtures.js";

const DAI = 10n ** 18n;
const IMPLEMENTATION_SLOT = "0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc";

/** An UpgradeableVault of DAI behind a VaultProxy, upgrader = keeper; alice may deposit. */
async function upgradeableVaultFixture() {
  const { actors, dai } = await loadFixture(sandboxFixture);
  const upgrader = actors.keeper;
  const logic = await ethers.deployContract("UpgradeableVault");
  const init = logic.interface.encodeFunctionData("initialize", [
    await dai.getAddress(),
    upgrader.address,
  ]);
  const proxy = await ethers.deployContract("VaultProxy", [await logic.getAddress(), init]);
  const vault = await ethers.getContractAt("UpgradeableVault", await proxy.getAddress());
  await (
    await dai.connect(actors.alice).approve(await vault.getAddress(), ethers.MaxUint256)
  ).wait();
  return { logic, vault, dai, upgrader, actors };
}

describe("UpgradeableVault", function () {
  it("is initialised once, through the proxy only", async function () {
    const { logic, vault, dai, upgrader } = await loadFixture(upgradeableVaultFixture);
    expect(await vault.asset()).to.equal(await dai.getAddress());
    expect(await vault.upgrader()).to.equal(upgrader.address);
    await expect(
      vault.initialize(await dai.getAddress(), upgrader.address),
    ).to.be.revertedWithCustomError(vault, "InvalidInitialization");
    await expect(
      logic.initialize(await dai.getAddress(), upgrader.address),
    ).to.be.revertedWithCustomError(logic, "InvalidInitialization");
  });

  it("refuses a zero asset or upgrader at initialisation", async function () {
    const { logic, dai } = await loadFixture(upgradeableVaultFixture);
    for (const args of [
      [ethers.ZeroAddress, dai.target],
      [dai.target, ethers.ZeroAddress],
    ]) {
      const init = logic.interface.encodeFunctionData("initialize", args as [string, string]);
      await expect(
        ethers.deployContract("VaultProxy", [await logic.getAddress(), init]),
      ).to.be.revertedWithCustomError(logic, "VaultZeroAddress");
    }
  });

  it("credits deposits and pays them back", async function () {
    const { vault, dai, actors } = await loadFixture(upgradeableVaultFixture);
    const { alice } = actors;
    await expect(vault.connect(alice).deposit(1_000n * DAI))
      .to.emit(vault, "Deposited")
      .withArgs(alice.address, 1_000n * DAI);
    expect(await vault.balanceOf(alice.address)).to.equal(1_000n * DAI);
    expect(await vault.totalDeposits()).to.equal(1_000n * DAI);
    const tx = vault.connect(alice).withdraw(400n * DAI);
    await expect(tx)
      .to.emit(vault, "Withdrawn")
      .withArgs(alice.address, 400n * DAI);
    await expect(tx).to.changeTokenBalances(ethers, dai, [vault, alice], [-400n * DAI, 400n * DAI]);
    expect(await vault.totalDeposits()).to.equal(600n * DAI);
  });

  it("refuses zero amounts and withdrawals above the balance", async function () {
    const { vault, actors } = await loadFixture(upgradeableVaultFixture);
    const { alice } = actors;
    await (await vault.connect(alice).deposit(10n * DAI)).wait();
    await expect(vault.connect(alice).deposit(0n)).to.be.revertedWithCustomError(
      vault,
      "VaultZeroAmount",
    );
    await expect(vault.connect(alice).withdraw(0n)).to.be.revertedWithCustomError(
      vault,
      "VaultZeroAmount",
    );
    await expect(vault.connect(alice).withdraw(10n * DAI + 1n))
      .to.be.revertedWithCustomError(vault, "VaultInsufficientBalance")
      .withArgs(alice.address, 10n * DAI, 10n * DAI + 1n);
  });

  it("lets only the upgrader upgrade", async function () {
    const { vault, actors } = await loadFixture(upgradeableVaultFixture);
    const next = await ethers.deployContract("UpgradeableVault");
    await expect(vault.connect(actors.attacker).upgradeToAndCall(await next.getAddress(), "0x"))
      .to.be.revertedWithCustomError(vault, "VaultUnauthorizedUpgrader")
      .withArgs(actors.attacker.address, actors.keeper.address);
  });

  it("lets the upgrader swap in draining logic and empty the vault in one call", async function () {
    const { vault, dai, upgrader, actors } = await loadFixture(upgradeableVaultFixture);
    await (await vault.connect(actors.alice).deposit(1_000n * DAI)).wait();
    const drainer = await ethers.deployContract("DrainingVaultLogic", [upgrader.address]);
    const call = drainer.interface.encodeFunctionData("drain", [await dai.getAddress()]);
    await expect(
      vault.connect(upgrader).upgradeToAndCall(await drainer.getAddress(), call),
    ).to.changeTokenBalances(ethers, dai, [vault, upgrader], [-1_000n * DAI, 1_000n * DAI]);
    const slot = await ethers.provider.getStorage(await vault.getAddress(), IMPLEMENTATION_SLOT);
    expect(ethers.getAddress(`0x${slot.slice(26)}`)).to.equal(await drainer.getAddress());
    // The draining logic lets nobody but its beneficiary upgrade again.
    const drained = await ethers.getContractAt("DrainingVaultLogic", await vault.getAddress());
    await expect(drained.connect(actors.alice).upgradeToAndCall(await drainer.getAddress(), "0x"))
      .to.be.revertedWithCustomError(drainer, "DrainingVaultLogicUnauthorized")
      .withArgs(actors.alice.address);
  });
});
