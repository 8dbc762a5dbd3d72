import { expect } from "chai";
import { MaxUint256 } from "ethers";

import { MockERC20__factory, SpotPriceReader__factory } from "../../../typechain-types/index.js";
import { loadFixture } from "../../helpers/connection.js";
import { sandboxFixture } from "../../helpers/fixtures.js";

const ONE = 10n ** 18n;
const USDC = 10n ** 6n;

async function readerFixture() {
  const sandbox = await loadFixture(sandboxFixture);
  const reader = await new SpotPriceReader__factory(sandbox.actors.deployer).deploy(
    await sandbox.pairWethUsdc.getAddress(),
  );
  return { ...sandbox, reader };
}

describe("SpotPriceReader", function () {
  it("prices by the current reserves: 2,000 USDC per WETH in the seeded pool", async function () {
    const { reader, weth, usdc } = await loadFixture(readerFixture);
    expect(await reader.consult(await weth.getAddress(), ONE)).to.equal(2000n * USDC);
    expect(await reader.consult(await usdc.getAddress(), 2000n * USDC)).to.equal(ONE);
  });

  it("moves with one large swap, which is why it must not value collateral", async function () {
    const { reader, router, weth, usdc, actors } = await loadFixture(readerFixture);
    const { whale } = actors;
    await (await usdc.connect(whale).approve(await router.getAddress(), MaxUint256)).wait();
    const path = [await usdc.getAddress(), await weth.getAddress()];
    // 200,000 USDC in: reserves go from 100 WETH / 200,000 USDC to (100 − out) / 400,000.
    const out =
      (200_000n * USDC * 997n * 100n * ONE) / (200_000n * USDC * 1000n + 200_000n * USDC * 997n);
    await (
      await router
        .connect(whale)
        .swapExactTokensForTokens(200_000n * USDC, 0n, path, whale.address, MaxUint256)
    ).wait();
    expect(await reader.consult(await weth.getAddress(), ONE)).to.equal(
      (ONE * 400_000n * USDC) / (100n * ONE - out),
    );
  });

  it("refuses a token outside the pair", async function () {
    const { reader, dai } = await loadFixture(readerFixture);
    const daiAddress = await dai.getAddress();
    await expect(reader.consult(daiAddress, ONE))
      .to.be.revertedWithCustomError(reader, "OracleInvalidToken")
      .withArgs(daiAddress);
  });

  it("refuses to price a pair without reserves", async function () {
    const { factory, actors } = await loadFixture(readerFixture);
    const a = await new MockERC20__factory(actors.deployer).deploy("A", "A", 18);
    const b = await new MockERC20__factory(actors.deployer).deploy("B", "B", 18);
    await (await factory.createPair(await a.getAddress(), await b.getAddress())).wait();
    const pair = await factory.getPair(await a.getAddress(), await b.getAddress());
    const reader = await new SpotPriceReader__factory(actors.deployer).deploy(pair);
    await expect(reader.consult(await a.getAddress(), ONE))
      .to.be.revertedWithCustomError(reader, "OracleNoReserves")
      .withArgs(pair);
  });
});
