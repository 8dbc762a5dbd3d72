import { expect } from "chai";

import { AMM_SEED_WETH } from "../../../ignition/modules/Amm.js";
import { LENDING_WETH } from "../../../ignition/modules/Lending.js";
import { ethers, loadFixture } from "../../helpers/connection.js";
import { sandboxFixture } from "../../helpers/fixtures.js";

const ONE = 10n ** 18n;

describe("WETH", function () {
  it("wraps ETH 1:1 through deposit and emits Deposit", async function () {
    const { weth, actors } = await loadFixture(sandboxFixture);
    const { carol } = actors;
    const before = await weth.balanceOf(carol.address);
    const tx = weth.connect(carol).deposit({ value: 3n * ONE });
    await expect(tx)
      .to.emit(weth, "Deposit")
      .withArgs(carol.address, 3n * ONE);
    await expect(tx).to.changeEtherBalances(ethers, [carol, weth], [-3n * ONE, 3n * ONE]);
    expect(await weth.balanceOf(carol.address)).to.equal(before + 3n * ONE);
  });

  it("wraps ETH sent by a plain transfer", async function () {
    const { weth, actors } = await loadFixture(sandboxFixture);
    const { carol } = actors;
    const before = await weth.balanceOf(carol.address);
    await expect(carol.sendTransaction({ to: await weth.getAddress(), value: ONE }))
      .to.emit(weth, "Deposit")
      .withArgs(carol.address, ONE);
    expect(await weth.balanceOf(carol.address)).to.equal(before + ONE);
  });

  it("unwraps through withdraw, paying the ETH back and emitting Withdrawal", async function () {
    const { weth, actors } = await loadFixture(sandboxFixture);
    const { alice } = actors;
    const before = await weth.balanceOf(alice.address);
    const tx = weth.connect(alice).withdraw(ONE);
    await expect(tx).to.emit(weth, "Withdrawal").withArgs(alice.address, ONE);
    await expect(tx).to.changeEtherBalances(ethers, [alice, weth], [ONE, -ONE]);
    expect(await weth.balanceOf(alice.address)).to.equal(before - ONE);
  });

  it("keeps its ETH balance equal to its total supply", async function () {
    const { weth } = await loadFixture(sandboxFixture);
    // Five funded actors wrapped 50 WETH each, the whale 100 times that, the deployer the AMM's seed
    // and the lending liquidity.
    const expected = (5n * 50n + 100n * 50n) * ONE + AMM_SEED_WETH + LENDING_WETH;
    expect(await weth.totalSupply()).to.equal(expected);
    expect(await ethers.provider.getBalance(await weth.getAddress())).to.equal(expected);
  });

  it("reverts a withdrawal above the caller's balance and changes nothing", async function () {
    const { weth, actors } = await loadFixture(sandboxFixture);
    const { alice } = actors;
    const balance = await weth.balanceOf(alice.address);
    await expect(weth.connect(alice).withdraw(balance + 1n))
      .to.be.revertedWithCustomError(weth, "ERC20InsufficientBalance")
      .withArgs(alice.address, balance, balance + 1n);
    expect(await weth.balanceOf(alice.address)).to.equal(balance);
  });

  it("reverts zero-amount deposits and withdrawals", async function () {
    const { weth, actors } = await loadFixture(sandboxFixture);
    await expect(weth.connect(actors.alice).deposit({ value: 0n })).to.be.revertedWithCustomError(
      weth,
      "WethZeroAmount",
    );
    await expect(weth.connect(actors.alice).withdraw(0n)).to.be.revertedWithCustomError(
      weth,
      "WethZeroAmount",
    );
  });

  it("reverts a withdrawal whose ETH payout bounces, leaving the WETH in place", async function () {
    const { weth } = await loadFixture(sandboxFixture);
    const rejecter = await ethers.deployContract("EthRejecter");
    await rejecter.wrap(await weth.getAddress(), { value: ONE });
    await expect(rejecter.unwrap(await weth.getAddress(), ONE)).to.be.revertedWithCustomError(
      weth,
      "FailedCall",
    );
    expect(await weth.balanceOf(await rejecter.getAddress())).to.equal(ONE);
  });
});
