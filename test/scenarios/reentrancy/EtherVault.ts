import { expect } from "chai";

import { ethers, loadFixture, networkHelpers } from "../../helpers/connection.js";
import { sandboxFixture } from "../../helpers/fixtures.js";

const ETHER = 10n ** 18n;

/** Both vault variants side by side, each with alice's 5 ETH in it. */
async function vaultsFixture() {
  const { actors } = await loadFixture(sandboxFixture);
  const naive = await ethers.deployContract("NaiveEtherVault");
  const guarded = await ethers.deployContract("EtherVault");
  for (const vault of [naive, guarded]) {
    await (await vault.connect(actors.alice).deposit({ value: 5n * ETHER })).wait();
  }
  return { naive, guarded, actors };
}

// Honest users cannot tell the two vaults apart: the same suite runs on both.
for (const key of ["naive", "guarded"] as const) {
  const name = key === "naive" ? "NaiveEtherVault" : "EtherVault";

  describe(name, function () {
    it("credits a deposit to its sender and emits Deposited", async function () {
      const { [key]: vault, actors } = await loadFixture(vaultsFixture);
      const { bob } = actors;
      await expect(vault.connect(bob).deposit({ value: 2n * ETHER }))
        .to.emit(vault, "Deposited")
        .withArgs(bob.address, 2n * ETHER);
      expect(await vault.balanceOf(bob.address)).to.equal(2n * ETHER);
      expect(await ethers.provider.getBalance(await vault.getAddress())).to.equal(7n * ETHER);
    });

    it("reverts a deposit of nothing", async function () {
      const { [key]: vault, actors } = await loadFixture(vaultsFixture);
      await expect(vault.connect(actors.bob).deposit({ value: 0n })).to.be.revertedWithCustomError(
        vault,
        "EtherVaultZeroAmount",
      );
    });

    it("pays a withdrawal to its sender and records it", async function () {
      const { [key]: vault, actors } = await loadFixture(vaultsFixture);
      const { alice } = actors;
      const tx = vault.connect(alice).withdraw(2n * ETHER);
      await expect(tx)
        .to.emit(vault, "Withdrawn")
        .withArgs(alice.address, 2n * ETHER);
      await expect(tx).to.changeEtherBalances(ethers, [alice, vault], [2n * ETHER, -2n * ETHER]);
      expect(await vault.balanceOf(alice.address)).to.equal(3n * ETHER);
    });

    it("reverts a withdrawal of nothing", async function () {
      const { [key]: vault, actors } = await loadFixture(vaultsFixture);
      await expect(vault.connect(actors.alice).withdraw(0n)).to.be.revertedWithCustomError(
        vault,
        "EtherVaultZeroAmount",
      );
    });

    it("reverts a withdrawal above the sender's balance and changes nothing", async function () {
      const { [key]: vault, actors } = await loadFixture(vaultsFixture);
      const { alice, bob } = actors;
      await expect(vault.connect(alice).withdraw(5n * ETHER + 1n))
        .to.be.revertedWithCustomError(vault, "EtherVaultInsufficientBalance")
        .withArgs(alice.address, 5n * ETHER, 5n * ETHER + 1n);
      await expect(vault.connect(bob).withdraw(1n))
        .to.be.revertedWithCustomError(vault, "EtherVaultInsufficientBalance")
        .withArgs(bob.address, 0n, 1n);
      expect(await vault.balanceOf(alice.address)).to.equal(5n * ETHER);
    });
  });
}

describe("EtherVault against a re-entering receiver", function () {
  it("reverts the whole withdrawal with EtherVaultPayoutFailed when the receiver re-enters", async function () {
    const { guarded, actors } = await loadFixture(vaultsFixture);
    const { attacker } = actors;
    const contract = await ethers.deployContract("ReentrancyAttacker", [
      await guarded.getAddress(),
      attacker.address,
    ]);
    await expect(contract.connect(attacker).attack({ value: ETHER }))
      .to.be.revertedWithCustomError(guarded, "EtherVaultPayoutFailed")
      .withArgs(await contract.getAddress(), ETHER);
    expect(await ethers.provider.getBalance(await guarded.getAddress())).to.equal(5n * ETHER);
  });

  it("lets the same receiver drain the NaiveEtherVault down to less than one stake", async function () {
    const { naive, actors } = await loadFixture(vaultsFixture);
    const { attacker } = actors;
    const contract = await ethers.deployContract("ReentrancyAttacker", [
      await naive.getAddress(),
      attacker.address,
    ]);
    // 5 ETH of alice's + a 2 ETH stake = 7 ETH: three payouts of 2 ETH leave 1 ETH behind.
    await expect(contract.connect(attacker).attack({ value: 2n * ETHER })).to.changeEtherBalances(
      ethers,
      [attacker, naive],
      [4n * ETHER, -4n * ETHER],
    );
    expect(await ethers.provider.getBalance(await naive.getAddress())).to.equal(ETHER);
  });
});

describe("ReentrancyAttacker", function () {
  it("reverts attack for anyone but its owner", async function () {
    const { naive, actors } = await loadFixture(vaultsFixture);
    const { attacker, bob } = actors;
    const contract = await ethers.deployContract("ReentrancyAttacker", [
      await naive.getAddress(),
      attacker.address,
    ]);
    await expect(contract.connect(bob).attack({ value: ETHER }))
      .to.be.revertedWithCustomError(contract, "OwnableUnauthorizedAccount")
      .withArgs(bob.address);
  });

  it("refuses ETH from anything but its vault", async function () {
    const { naive, actors } = await loadFixture(vaultsFixture);
    const { attacker, bob } = actors;
    const contract = await ethers.deployContract("ReentrancyAttacker", [
      await naive.getAddress(),
      attacker.address,
    ]);
    await expect(bob.sendTransaction({ to: await contract.getAddress(), value: 1n }))
      .to.be.revertedWithCustomError(contract, "ReentrancyAttackerUnexpectedSender")
      .withArgs(bob.address);
  });

  it("reverts when its owner cannot take the loot", async function () {
    const { naive, actors } = await loadFixture(vaultsFixture);
    const rejecter = await ethers.deployContract("EthRejecter");
    const owner = await rejecter.getAddress();
    const contract = await ethers.deployContract("ReentrancyAttacker", [
      await naive.getAddress(),
      owner,
    ]);
    await networkHelpers.impersonateAccount(owner);
    await networkHelpers.setBalance(owner, 10n * ETHER);
    const signer = await ethers.getSigner(owner);
    await expect(contract.connect(signer).attack({ value: ETHER }))
      .to.be.revertedWithCustomError(contract, "ReentrancyAttackerPayoutFailed")
      .withArgs(owner, 6n * ETHER);
    await networkHelpers.stopImpersonatingAccount(owner);
    expect(await naive.balanceOf(actors.alice.address)).to.equal(5n * ETHER);
  });
});
