import { expect } from "chai";

import { ethers, loadFixture, networkHelpers } from "../../helpers/connection.js";
import { sandboxFixture } from "../../helpers/fixtures.js";

const ETHER = 10n ** 18n;

/** Both ether pools with alice's 10 ETH in each, and an honest borrower for each. */
async function etherPoolsFixture() {
  const { actors } = await loadFixture(sandboxFixture);
  const naive = await ethers.deployContract("NaiveEtherFlashPool");
  const separate = await ethers.deployContract("EtherFlashPool");
  const borrowers = {
    naive: await ethers.deployContract("EtherFlashBorrowerMock", [await naive.getAddress()]),
    separate: await ethers.deployContract("EtherFlashBorrowerMock", [await separate.getAddress()]),
  };
  for (const pool of [naive, separate]) {
    await (await pool.connect(actors.alice).deposit({ value: 10n * ETHER })).wait();
  }
  return { naive, separate, borrowers, actors };
}

// Honest users and honest borrowers cannot tell the two pools apart: one suite runs on both.
for (const key of ["naive", "separate"] as const) {
  const name = key === "naive" ? "NaiveEtherFlashPool" : "EtherFlashPool";

  describe(name, function () {
    it("credits a deposit, counts it in totalDeposits and emits Deposited", async function () {
      const { [key]: pool, actors } = await loadFixture(etherPoolsFixture);
      const { bob } = actors;
      await expect(pool.connect(bob).deposit({ value: 3n * ETHER }))
        .to.emit(pool, "Deposited")
        .withArgs(bob.address, 3n * ETHER);
      expect(await pool.balanceOf(bob.address)).to.equal(3n * ETHER);
      expect(await pool.totalDeposits()).to.equal(13n * ETHER);
    });

    it("pays a withdrawal and emits Withdrawn", async function () {
      const { [key]: pool, actors } = await loadFixture(etherPoolsFixture);
      const { alice } = actors;
      const tx = pool.connect(alice).withdraw(4n * ETHER);
      await expect(tx)
        .to.emit(pool, "Withdrawn")
        .withArgs(alice.address, 4n * ETHER);
      await expect(tx).to.changeEtherBalances(ethers, [alice, pool], [4n * ETHER, -4n * ETHER]);
      expect(await pool.totalDeposits()).to.equal(6n * ETHER);
    });

    it("reverts a zero deposit, a zero withdrawal and a zero loan", async function () {
      const { [key]: pool, borrowers, actors } = await loadFixture(etherPoolsFixture);
      await expect(pool.deposit({ value: 0n })).to.be.revertedWithCustomError(
        pool,
        "FlashPoolZeroAmount",
      );
      await expect(pool.connect(actors.alice).withdraw(0n)).to.be.revertedWithCustomError(
        pool,
        "FlashPoolZeroAmount",
      );
      await expect(borrowers[key].borrow(0n)).to.be.revertedWithCustomError(
        pool,
        "FlashPoolZeroAmount",
      );
    });

    it("reverts a withdrawal above the sender's balance", async function () {
      const { [key]: pool, actors } = await loadFixture(etherPoolsFixture);
      const { alice } = actors;
      await expect(pool.connect(alice).withdraw(10n * ETHER + 1n))
        .to.be.revertedWithCustomError(pool, "FlashPoolInsufficientBalance")
        .withArgs(alice.address, 10n * ETHER, 10n * ETHER + 1n);
    });

    it("reverts a payout the receiver refuses", async function () {
      const { [key]: pool } = await loadFixture(etherPoolsFixture);
      const rejecter = await ethers.deployContract("EthRejecter");
      const address = await rejecter.getAddress();
      await networkHelpers.impersonateAccount(address);
      await networkHelpers.setBalance(address, 2n * ETHER);
      const signer = await ethers.getSigner(address);
      await (await pool.connect(signer).deposit({ value: ETHER })).wait();
      await expect(pool.connect(signer).withdraw(ETHER))
        .to.be.revertedWithCustomError(pool, "FlashPoolPayoutFailed")
        .withArgs(address, ETHER);
      await networkHelpers.stopImpersonatingAccount(address);
    });

    it("lends the whole pool to an honest borrower that pays it back", async function () {
      const { [key]: pool, borrowers } = await loadFixture(etherPoolsFixture);
      const borrower = borrowers[key];
      await expect(borrower.borrow(10n * ETHER))
        .to.emit(pool, "FlashLoan")
        .withArgs(await borrower.getAddress(), 10n * ETHER);
      expect(await borrower.lastLoan()).to.equal(10n * ETHER);
      expect(await ethers.provider.getBalance(await pool.getAddress())).to.equal(10n * ETHER);
    });

    it("reverts a loan above the pool's balance", async function () {
      const { [key]: pool, borrowers } = await loadFixture(etherPoolsFixture);
      await expect(borrowers[key].borrow(10n * ETHER + 1n))
        .to.be.revertedWithCustomError(pool, "FlashPoolLoanTooLarge")
        .withArgs(10n * ETHER + 1n, 10n * ETHER);
    });

    it("reverts a loan repaid one wei short", async function () {
      const { [key]: pool, borrowers } = await loadFixture(etherPoolsFixture);
      const borrower = borrowers[key];
      await (await borrower.setShortfall(1n)).wait();
      await networkHelpers.setBalance(await borrower.getAddress(), 0n);
      await expect(borrower.borrow(ETHER))
        .to.be.revertedWithCustomError(pool, "FlashPoolNotRepaid")
        .withArgs(10n * ETHER, 10n * ETHER - 1n);
    });
  });
}

describe("SideEntranceAttacker", function () {
  it("reverts attack for anyone but its owner", async function () {
    const { naive, actors } = await loadFixture(etherPoolsFixture);
    const { attacker, bob } = actors;
    const contract = await ethers.deployContract("SideEntranceAttacker", [
      await naive.getAddress(),
      attacker.address,
    ]);
    await expect(contract.connect(bob).attack())
      .to.be.revertedWithCustomError(contract, "OwnableUnauthorizedAccount")
      .withArgs(bob.address);
  });

  it("refuses a loan callback from anything but its pool", async function () {
    const { naive, actors } = await loadFixture(etherPoolsFixture);
    const { attacker, bob } = actors;
    const contract = await ethers.deployContract("SideEntranceAttacker", [
      await naive.getAddress(),
      attacker.address,
    ]);
    await expect(contract.connect(bob).onEtherFlashLoan({ value: 1n }))
      .to.be.revertedWithCustomError(contract, "SideEntranceAttackerUnexpectedSender")
      .withArgs(bob.address);
  });

  it("reverts when its owner cannot take the loot", async function () {
    const { naive } = await loadFixture(etherPoolsFixture);
    const rejecter = await ethers.deployContract("EthRejecter");
    const owner = await rejecter.getAddress();
    const contract = await ethers.deployContract("SideEntranceAttacker", [
      await naive.getAddress(),
      owner,
    ]);
    await networkHelpers.impersonateAccount(owner);
    await networkHelpers.setBalance(owner, ETHER);
    await expect(contract.connect(await ethers.getSigner(owner)).attack())
      .to.be.revertedWithCustomError(contract, "SideEntranceAttackerPayoutFailed")
      .withArgs(owner, 10n * ETHER);
    await networkHelpers.stopImpersonatingAccount(owner);
  });
});
