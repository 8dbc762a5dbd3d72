import { expect } from "chai";

import { ethers, loadFixture } from "../../helpers/connection.js";
import { sandboxFixture } from "../../helpers/fixtures.js";

const DAI = 10n ** 18n;

/** Both vaults over the sandbox's DAI, empty, with alice and bob allowed to deposit. */
async function vaultsFixture() {
  const { actors, dai } = await loadFixture(sandboxFixture);
  const asset = await dai.getAddress();
  const naive = await ethers.deployContract("NaiveVault", [asset, "Naive DAI Vault", "nvDAI"]);
  const virtual = await ethers.deployContract("VirtualSharesVault", [asset, "DAI Vault", "vDAI"]);
  for (const vault of [naive, virtual]) {
    for (const user of [actors.alice, actors.bob]) {
      await (await dai.connect(user).approve(await vault.getAddress(), ethers.MaxUint256)).wait();
    }
  }
  return { naive, virtual, dai, actors };
}

// Literal expectations per vault: shares for a first deposit of 100 DAI, and share decimals.
const CASES = [
  { key: "naive", name: "NaiveVault", firstShares: 100n * DAI, decimals: 18n },
  {
    key: "virtual",
    name: "VirtualSharesVault",
    firstShares: 100n * DAI * 10n ** 6n,
    decimals: 24n,
  },
] as const;

for (const { key, name, firstShares, decimals } of CASES) {
  describe(name, function () {
    it(`has ${decimals} share decimals over an 18-decimal asset`, async function () {
      const { [key]: vault, dai } = await loadFixture(vaultsFixture);
      expect(await vault.decimals()).to.equal(decimals);
      expect(await vault.asset()).to.equal(await dai.getAddress());
    });

    it(`mints ${firstShares} shares for a first deposit of 100 DAI`, async function () {
      const { [key]: vault, dai, actors } = await loadFixture(vaultsFixture);
      const { alice } = actors;
      expect(await vault.previewDeposit(100n * DAI)).to.equal(firstShares);
      await expect(vault.connect(alice).deposit(100n * DAI, alice.address))
        .to.emit(vault, "Deposit")
        .withArgs(alice.address, alice.address, 100n * DAI, firstShares);
      expect(await vault.balanceOf(alice.address)).to.equal(firstShares);
      expect(await dai.balanceOf(await vault.getAddress())).to.equal(100n * DAI);
    });

    it("pays two depositors back exactly what they put in when nothing else happens", async function () {
      const { [key]: vault, dai, actors } = await loadFixture(vaultsFixture);
      const { alice, bob } = actors;
      await (await vault.connect(alice).deposit(100n * DAI, alice.address)).wait();
      await (await vault.connect(bob).deposit(300n * DAI, bob.address)).wait();
      expect(await vault.balanceOf(bob.address)).to.equal(3n * firstShares);
      const bobShares = await vault.balanceOf(bob.address);
      await expect(
        vault.connect(bob).redeem(bobShares, bob.address, bob.address),
      ).to.changeTokenBalances(ethers, dai, [bob], [300n * DAI]);
      await expect(
        vault.connect(alice).withdraw(100n * DAI, alice.address, alice.address),
      ).to.changeTokenBalances(ethers, dai, [alice], [100n * DAI]);
      expect(await vault.totalSupply()).to.equal(0n);
    });

    it("mints an exact number of shares for the assets it quotes", async function () {
      const { [key]: vault, dai, actors } = await loadFixture(vaultsFixture);
      const { alice } = actors;
      await expect(vault.connect(alice).mint(firstShares, alice.address)).to.changeTokenBalances(
        ethers,
        dai,
        [alice],
        [-100n * DAI],
      );
    });

    it("reverts a redemption above the owner's shares", async function () {
      const { [key]: vault, actors } = await loadFixture(vaultsFixture);
      const { alice } = actors;
      await (await vault.connect(alice).deposit(DAI, alice.address)).wait();
      const shares = await vault.balanceOf(alice.address);
      await expect(vault.connect(alice).redeem(shares + 1n, alice.address, alice.address))
        .to.be.revertedWithCustomError(vault, "ERC4626ExceededMaxRedeem")
        .withArgs(alice.address, shares + 1n, shares);
    });
  });
}

describe("a donation to an empty vault", function () {
  it("rounds the next 10 DAI deposit to zero shares in the NaiveVault", async function () {
    const { naive, dai, actors } = await loadFixture(vaultsFixture);
    const { alice, bob } = actors;
    await (await naive.connect(alice).deposit(1n, alice.address)).wait();
    await (await dai.connect(alice).transfer(await naive.getAddress(), 10n * DAI)).wait();
    // 10 DAI · 1 share / (10 DAI + 1 wei) rounds down to 0.
    expect(await naive.previewDeposit(10n * DAI)).to.equal(0n);
    await (await naive.connect(bob).deposit(10n * DAI, bob.address)).wait();
    expect(await naive.balanceOf(bob.address)).to.equal(0n);
  });

  it("still gives the next 10 DAI deposit its share in the VirtualSharesVault", async function () {
    const { virtual, dai, actors } = await loadFixture(vaultsFixture);
    const { alice } = actors;
    await (await virtual.connect(alice).deposit(1n, alice.address)).wait();
    await (await dai.connect(alice).transfer(await virtual.getAddress(), 10n * DAI)).wait();
    // 10 DAI · (10^6 + 10^6) / (10 DAI + 1 wei + 1): just under 2·10^6 shares.
    const expected = (10n * DAI * 2_000_000n) / (10n * DAI + 2n);
    expect(await virtual.previewDeposit(10n * DAI)).to.equal(expected);
    expect(expected).to.equal(1_999_999n);
  });
});
