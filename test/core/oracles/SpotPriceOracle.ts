import { expect } from "chai";

import { ownerSigner } from "../../helpers/admin.js";
import { ethers, loadFixture, networkHelpers } from "../../helpers/connection.js";
import { sandboxFixture } from "../../helpers/fixtures.js";
import { PAIR_USDC, PAIR_WETH } from "./pairs.js";

const WAD = 10n ** 18n;
const USDC = 10n ** 6n;

/**
 * The sandbox's spot oracle quoting in USDC: WETH through WETH/USDC, DAI through WETH/DAI. A plain
 * helper, not a fixture: it changes no state, so it shares the sandbox's snapshot.
 */
async function loadSpot() {
  const f = await loadFixture(sandboxFixture);
  return { ...f, oracle: f.spotPriceOracle };
}

describe("SpotPriceOracle", function () {
  it("prices the quote token at $1, WETH from its pair and DAI through WETH", async function () {
    const { oracle, usdc, weth, dai } = await loadSpot();
    const now = BigInt(await networkHelpers.time.latest());
    expect(await oracle.getPrice(await usdc.getAddress())).to.deep.equal([WAD, now]);
    expect((await oracle.getPrice(await weth.getAddress()))[0]).to.equal(2_000n * WAD);
    expect((await oracle.getPrice(await dai.getAddress()))[0]).to.equal(WAD);
  });

  it("follows a single large swap: the price anyone can move", async function () {
    const { oracle, weth, usdc, pairWethUsdc, actors } = await loadSpot();
    const { whale } = actors;
    const pair = await pairWethUsdc.getAddress();
    // Sell 100,000 USDC into the pool: out = in × 997 × R_weth / (R_usdc × 1000 + in × 997).
    const amountIn = 100_000n * USDC;
    const out = (amountIn * 997n * PAIR_WETH) / (PAIR_USDC * 1000n + amountIn * 997n);
    await usdc.connect(whale).transfer(pair, amountIn);
    const wethIsToken0 = (await pairWethUsdc.token0()) === (await weth.getAddress());
    await pairWethUsdc
      .connect(whale)
      .swap(wethIsToken0 ? out : 0n, wethIsToken0 ? 0n : out, whale.address, "0x");
    const expected = ((PAIR_USDC + amountIn) * 10n ** 12n * WAD) / (PAIR_WETH - out);
    expect((await oracle.getPrice(await weth.getAddress()))[0]).to.equal(expected);
    expect(expected).to.be.gt(4_000n * WAD);
  });

  it("reverts for an asset without a pair, a pair without the asset, or an unpriced route", async function () {
    const { oracle: deployed, reward, weth, dai, pairWethUsdc, pairWethDai } = await loadSpot();
    const oracle = deployed.connect(await ownerSigner(deployed));
    const r = await reward.getAddress();
    await expect(oracle.getPrice(r))
      .to.be.revertedWithCustomError(oracle, "OracleUnsupportedAsset")
      .withArgs(r);
    await expect(oracle.setPair(r, await pairWethUsdc.getAddress()))
      .to.be.revertedWithCustomError(oracle, "OracleAssetNotInPair")
      .withArgs(r, await pairWethUsdc.getAddress());
    // A fresh oracle quoting in USDC cannot price WETH through WETH/DAI before DAI is priced.
    const fresh = await ethers.deployContract("SpotPriceOracle", [
      (await ethers.getSigners())[0].address,
      await oracle.quoteToken(),
    ]);
    await expect(fresh.setPair(await weth.getAddress(), await pairWethDai.getAddress()))
      .to.be.revertedWithCustomError(fresh, "OracleUnsupportedAsset")
      .withArgs(await dai.getAddress());
  });

  it("reverts for an empty pair", async function () {
    const { oracle: deployed, factory, reward, usdc } = await loadSpot();
    const oracle = deployed.connect(await ownerSigner(deployed));
    const [r, u] = [await reward.getAddress(), await usdc.getAddress()];
    await factory.createPair(r, u);
    const pair = await factory.getPair(r, u);
    await oracle.setPair(r, pair);
    await expect(oracle.getPrice(r))
      .to.be.revertedWithCustomError(oracle, "OracleEmptyPair")
      .withArgs(pair);
  });

  it("refuses every owner function to anyone else", async function () {
    const { oracle, weth, pairWethUsdc, actors } = await loadSpot();
    const { attacker } = actors;
    for (const call of [
      () => oracle.connect(attacker).setPair(weth.getAddress(), pairWethUsdc.getAddress()),
      () => oracle.connect(attacker).transferOwnership(attacker.address),
    ]) {
      await expect(call())
        .to.be.revertedWithCustomError(oracle, "OwnableUnauthorizedAccount")
        .withArgs(attacker.address);
    }
  });
});
