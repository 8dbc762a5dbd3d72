import { expect } from "chai";

import { ethers, loadFixture } from "../../helpers/connection.js";
import { sandboxFixture } from "../../helpers/fixtures.js";

const WAD = 10n ** 18n;
const USDC = 10n ** 6n;
const PRICE = 2_000n * WAD;
const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;

async function oracleSwapFixture() {
  await loadFixture(sandboxFixture);
  const [owner, trader, stranger] = await ethers.getSigners();
  const base = await ethers.deployContract("MockERC20", ["Wrapped Ether", "WETH", 18]);
  const quote = await ethers.deployContract("MockERC20", ["USD Coin", "USDC", 6]);
  const oracle = await ethers.deployContract("MockPriceOracle");
  await oracle.setPrice(await base.getAddress(), PRICE);
  const swap = await ethers.deployContract("OracleSwap", [
    owner.address,
    await base.getAddress(),
    await quote.getAddress(),
    await oracle.getAddress(),
    3_600n,
  ]);
  const swapAddress = await swap.getAddress();
  await base.faucet(swapAddress, 10n * WAD);
  await quote.faucet(swapAddress, 20_000n * USDC);
  await base.faucet(trader.address, 100n * WAD);
  await quote.faucet(trader.address, 1_000_000n * USDC);
  await base.connect(trader).approve(swapAddress, ethers.MaxUint256);
  await quote.connect(trader).approve(swapAddress, ethers.MaxUint256);
  return { owner, trader, stranger, base, quote, oracle, swap };
}

describe("OracleSwap", function () {
  it("sells base at the oracle price plus 0.3%, rounded up", async function () {
    const { trader, base, quote, swap } = await loadFixture(oracleSwapFixture);
    const cost = ceilDiv(2n * WAD * PRICE * USDC * 10_000n, WAD * WAD * 9_970n);
    expect(await swap.amountInForExactUp(await base.getAddress(), 2n * WAD)).to.equal(cost);
    const tx = swap.connect(trader).swapForExact(await base.getAddress(), 2n * WAD, cost);
    await expect(tx)
      .to.emit(swap, "Swapped")
      .withArgs(trader.address, await quote.getAddress(), await base.getAddress(), cost, 2n * WAD);
    await expect(tx).to.changeTokenBalances(ethers, quote, [trader, swap], [-cost, cost]);
  });

  it("sells quote for base at the same price and fee", async function () {
    const { trader, base, quote, swap } = await loadFixture(oracleSwapFixture);
    const out = 4_000n * USDC;
    const cost = ceilDiv(out * WAD * WAD * 10_000n, PRICE * USDC * 9_970n);
    const tx = swap.connect(trader).swapForExact(await quote.getAddress(), out, cost);
    await expect(tx).to.changeTokenBalances(ethers, base, [trader, swap], [-cost, cost]);
  });

  it("reverts a zero amount", async function () {
    const { trader, base, swap } = await loadFixture(oracleSwapFixture);
    await expect(
      swap.connect(trader).swapForExact(await base.getAddress(), 0n, 0n),
    ).to.be.revertedWithCustomError(swap, "OracleSwapZeroAmount");
  });

  it("reverts a token it does not trade", async function () {
    const { trader, swap, stranger } = await loadFixture(oracleSwapFixture);
    await expect(swap.connect(trader).swapForExact(stranger.address, 1n, 1n))
      .to.be.revertedWithCustomError(swap, "OracleSwapUnknownToken")
      .withArgs(stranger.address);
  });

  it("reverts when the price asks more than the trader's maximum", async function () {
    const { trader, base, swap } = await loadFixture(oracleSwapFixture);
    const cost = await swap.amountInForExactUp(await base.getAddress(), WAD);
    await expect(swap.connect(trader).swapForExact(await base.getAddress(), WAD, cost - 1n))
      .to.be.revertedWithCustomError(swap, "OracleSwapExcessiveInput")
      .withArgs(cost, cost - 1n);
  });

  it("reverts when the inventory holds less than asked", async function () {
    const { trader, base, swap } = await loadFixture(oracleSwapFixture);
    const base_ = await base.getAddress();
    await expect(swap.connect(trader).swapForExact(base_, 11n * WAD, ethers.MaxUint256))
      .to.be.revertedWithCustomError(swap, "OracleSwapInsufficientInventory")
      .withArgs(base_, 10n * WAD, 11n * WAD);
  });

  it("reverts on a stale price", async function () {
    const { trader, base, oracle, swap } = await loadFixture(oracleSwapFixture);
    const now = BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
    await oracle.setPriceAt(await base.getAddress(), PRICE, now - 3_601n);
    await expect(
      swap.connect(trader).swapForExact(await base.getAddress(), WAD, ethers.MaxUint256),
    ).to.be.revertedWithCustomError(swap, "OracleStalePrice");
  });

  it("lets the owner take inventory out", async function () {
    const { owner, base, swap } = await loadFixture(oracleSwapFixture);
    const tx = swap.connect(owner).withdraw(await base.getAddress(), WAD, owner.address);
    await expect(tx)
      .to.emit(swap, "InventoryWithdrawn")
      .withArgs(await base.getAddress(), owner.address, WAD);
    await expect(tx).to.changeTokenBalances(ethers, base, [swap, owner], [-WAD, WAD]);
  });

  it("refuses withdraw to anyone but the owner", async function () {
    const { stranger, base, swap } = await loadFixture(oracleSwapFixture);
    await expect(swap.connect(stranger).withdraw(await base.getAddress(), WAD, stranger.address))
      .to.be.revertedWithCustomError(swap, "OwnableUnauthorizedAccount")
      .withArgs(stranger.address);
  });
});
