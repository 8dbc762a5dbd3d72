import { expect } from "chai";

import { ethers, loadFixture } from "../../helpers/connection.js";
import { sandboxFixture } from "../../helpers/fixtures.js";

const DAI = 10n ** 18n;
const MAGIC = ethers.keccak256(ethers.toUtf8Bytes("ERC3156FlashBorrower.onFlashLoan"));

/** Both token pools over the sandbox's DAI with alice's 1,000 DAI in each, and a borrower. */
async function tokenPoolsFixture() {
  const { actors, dai } = await loadFixture(sandboxFixture);
  const daiAddress = await dai.getAddress();
  const naive = await ethers.deployContract("NaiveTokenFlashPool", [daiAddress]);
  const callback = await ethers.deployContract("TokenFlashPool", [daiAddress]);
  const borrower = await ethers.deployContract("TokenFlashBorrowerMock", [daiAddress]);
  for (const pool of [naive, callback]) {
    await (await dai.connect(actors.alice).approve(await pool.getAddress(), 1_000n * DAI)).wait();
    await (await pool.connect(actors.alice).deposit(1_000n * DAI)).wait();
  }
  return { naive, callback, borrower, dai, actors };
}

for (const key of ["naive", "callback"] as const) {
  const name = key === "naive" ? "NaiveTokenFlashPool" : "TokenFlashPool";

  describe(name, function () {
    /**
     * What the honest borrower passes as data: for the naive pool, the callback itself. Call it
     * before changing the chain in a test: it loads the fixture.
     */
    async function loanData(amount: bigint) {
      const { borrower, dai, actors } = await loadFixture(tokenPoolsFixture);
      if (key === "callback") return "0x";
      return borrower.interface.encodeFunctionData("onFlashLoan", [
        actors.deployer.address,
        await dai.getAddress(),
        amount,
        0n,
        "0x",
      ]);
    }

    it("names its token", async function () {
      const { [key]: pool, dai } = await loadFixture(tokenPoolsFixture);
      expect(await pool.token()).to.equal(await dai.getAddress());
    });

    it("takes a deposit, credits it and emits Deposited", async function () {
      const { [key]: pool, dai, actors } = await loadFixture(tokenPoolsFixture);
      const { bob } = actors;
      await (await dai.connect(bob).approve(await pool.getAddress(), 300n * DAI)).wait();
      const tx = pool.connect(bob).deposit(300n * DAI);
      await expect(tx)
        .to.emit(pool, "Deposited")
        .withArgs(bob.address, 300n * DAI);
      await expect(tx).to.changeTokenBalances(ethers, dai, [bob, pool], [-300n * DAI, 300n * DAI]);
      expect(await pool.balanceOf(bob.address)).to.equal(300n * DAI);
    });

    it("pays a withdrawal and emits Withdrawn", async function () {
      const { [key]: pool, dai, actors } = await loadFixture(tokenPoolsFixture);
      const { alice } = actors;
      const tx = pool.connect(alice).withdraw(400n * DAI);
      await expect(tx)
        .to.emit(pool, "Withdrawn")
        .withArgs(alice.address, 400n * DAI);
      await expect(tx).to.changeTokenBalances(
        ethers,
        dai,
        [alice, pool],
        [400n * DAI, -400n * DAI],
      );
      expect(await pool.balanceOf(alice.address)).to.equal(600n * DAI);
    });

    it("reverts a zero deposit and a zero withdrawal", async function () {
      const { [key]: pool, actors } = await loadFixture(tokenPoolsFixture);
      await expect(pool.connect(actors.alice).deposit(0n)).to.be.revertedWithCustomError(
        pool,
        "FlashPoolZeroAmount",
      );
      await expect(pool.connect(actors.alice).withdraw(0n)).to.be.revertedWithCustomError(
        pool,
        "FlashPoolZeroAmount",
      );
    });

    it("reverts a withdrawal above the sender's balance", async function () {
      const { [key]: pool, actors } = await loadFixture(tokenPoolsFixture);
      const { bob } = actors;
      await expect(pool.connect(bob).withdraw(1n))
        .to.be.revertedWithCustomError(pool, "FlashPoolInsufficientBalance")
        .withArgs(bob.address, 0n, 1n);
    });

    it("lends the whole pool to an honest borrower that pays it back", async function () {
      const { [key]: pool, borrower, dai, actors } = await loadFixture(tokenPoolsFixture);
      const data = await loanData(1_000n * DAI);
      await expect(borrower.connect(actors.bob).borrow(await pool.getAddress(), 1_000n * DAI, data))
        .to.emit(pool, "FlashLoan")
        .withArgs(await borrower.getAddress(), await borrower.getAddress(), 1_000n * DAI);
      expect(await dai.balanceOf(await pool.getAddress())).to.equal(1_000n * DAI);
      expect(await borrower.lastLoan()).to.equal(1_000n * DAI);
    });

    it("reverts a loan above the pool's balance", async function () {
      const { [key]: pool, borrower } = await loadFixture(tokenPoolsFixture);
      await expect(borrower.borrow(await pool.getAddress(), 1_000n * DAI + 1n, await loanData(1n)))
        .to.be.revertedWithCustomError(pool, "FlashPoolLoanTooLarge")
        .withArgs(1_000n * DAI + 1n, 1_000n * DAI);
    });

    it("reverts a loan repaid one wei short", async function () {
      const data = await loanData(500n * DAI);
      const { [key]: pool, borrower } = await loadFixture(tokenPoolsFixture);
      await (await borrower.setShortfall(1n)).wait();
      await expect(borrower.borrow(await pool.getAddress(), 500n * DAI, data))
        .to.be.revertedWithCustomError(pool, "FlashPoolNotRepaid")
        .withArgs(1_000n * DAI, 1_000n * DAI - 1n);
    });
  });
}

describe("TokenFlashPool's callback", function () {
  it("passes the initiator, token, amount and a zero fee to onFlashLoan", async function () {
    const { callback, borrower, actors } = await loadFixture(tokenPoolsFixture);
    await (
      await borrower.connect(actors.bob).borrow(await callback.getAddress(), 7n * DAI, "0x")
    ).wait();
    expect(await borrower.lastInitiator()).to.equal(await borrower.getAddress());
    expect(await borrower.lastLoan()).to.equal(7n * DAI);
  });

  it("reverts when the borrower answers anything but the ERC-3156 magic value", async function () {
    const { callback, borrower } = await loadFixture(tokenPoolsFixture);
    await (await borrower.setAnswer(ethers.ZeroHash)).wait();
    await expect(borrower.borrow(await callback.getAddress(), DAI, "0x"))
      .to.be.revertedWithCustomError(callback, "FlashPoolCallbackFailed")
      .withArgs(await borrower.getAddress());
    expect(MAGIC).to.equal("0x439148f0bbc682ca079e46d6e2c2f0c1e3b820f1a291b069d8882abf8cf18dd9");
  });

  it("cannot be made to approve: a loan aimed at the token reverts and leaves no allowance", async function () {
    const { callback, dai, actors } = await loadFixture(tokenPoolsFixture);
    const { attacker } = actors;
    const approve = dai.interface.encodeFunctionData("approve", [attacker.address, 1_000n * DAI]);
    await expect(
      callback.connect(attacker).flashLoan(await dai.getAddress(), 0n, approve),
    ).to.revert(ethers);
    expect(await dai.allowance(await callback.getAddress(), attacker.address)).to.equal(0n);
  });

  it("while the naive pool makes that call and leaves the attacker an allowance on its balance", async function () {
    const { naive, dai, actors } = await loadFixture(tokenPoolsFixture);
    const { attacker } = actors;
    const approve = dai.interface.encodeFunctionData("approve", [attacker.address, 1_000n * DAI]);
    await (await naive.connect(attacker).flashLoan(await dai.getAddress(), 0n, approve)).wait();
    expect(await dai.allowance(await naive.getAddress(), attacker.address)).to.equal(1_000n * DAI);
  });
});
