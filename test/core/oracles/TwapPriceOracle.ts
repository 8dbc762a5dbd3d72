import { expect } from "chai";

import { TWAP_PERIOD } from "../../../ignition/modules/Lending.js";
import { ownerSigner } from "../../helpers/admin.js";
import { ethers, loadFixture, networkHelpers } from "../../helpers/connection.js";
import { sandboxFixture } from "../../helpers/fixtures.js";
import { PAIR_DAI, PAIR_USDC, PAIR_WETH } from "./pairs.js";

const WAD = 10n ** 18n;
const USDC = 10n ** 6n;
const Q112 = 2n ** 112n;

/** The sandbox's TWAP adapter with the first window of both TWAP oracles closed. */
async function twapFixture() {
  const f = await loadFixture(sandboxFixture);
  await networkHelpers.time.increase(TWAP_PERIOD);
  await f.twapWethUsdc.update();
  await f.twapWethDai.update();
  return { ...f, oracle: f.twapPriceOracle };
}

/** The TWAP oracle's fixed-point path: average = (reserveOut << 112) / reserveIn, out = average × in >> 112. */
function twapOut(reserveIn: bigint, reserveOut: bigint, amountIn: bigint): bigint {
  return (((reserveOut * Q112) / reserveIn) * amountIn) / Q112;
}

describe("TwapPriceOracle", function () {
  it("prices WETH and DAI at the window's average, as of the window's end", async function () {
    const { oracle, weth, dai, twapWethUsdc } = await loadFixture(twapFixture);
    // WETH: USDC base units for 1 WETH, scaled from 6 to 18 decimals at $1 per USDC.
    const wethPrice = (twapOut(PAIR_WETH, PAIR_USDC, WAD) * WAD) / USDC;
    expect(wethPrice).to.be.closeTo(2_000n * WAD, 10n ** 12n);
    const [price, updatedAt] = await oracle.getPrice(await weth.getAddress());
    expect(price).to.equal(wethPrice);
    expect(updatedAt).to.equal(await twapWethUsdc.blockTimestampLast());
    // DAI: WETH per DAI, times the WETH price.
    const daiPrice = (twapOut(PAIR_DAI, PAIR_WETH, WAD) * wethPrice) / WAD;
    expect((await oracle.getPrice(await dai.getAddress()))[0]).to.equal(daiPrice);
  });

  it("does not follow a swap until a window that includes it closes", async function () {
    const { oracle, spotPriceOracle, weth, usdc, router, actors } = await loadFixture(twapFixture);
    const { whale } = actors;
    const w = await weth.getAddress();
    const before = (await oracle.getPrice(w))[0];
    await usdc.connect(whale).approve(await router.getAddress(), 100_000n * USDC);
    const deadline = BigInt(await networkHelpers.time.latest()) + 600n;
    await router
      .connect(whale)
      .swapExactTokensForTokens(
        100_000n * USDC,
        0n,
        [await usdc.getAddress(), w],
        whale.address,
        deadline,
      );
    expect((await spotPriceOracle.getPrice(w))[0]).to.be.gt(4_000n * WAD);
    expect((await oracle.getPrice(w))[0]).to.equal(before);
  });

  it("reverts before the first window closes, for unknown assets and for routes not priced", async function () {
    const {
      twapPriceOracle: deployed,
      twapWethDai,
      weth,
      dai,
      reward,
      usdc,
      actors,
    } = await loadFixture(sandboxFixture);
    const twapPriceOracle = deployed.connect(await ownerSigner(deployed));
    await expect(twapPriceOracle.getPrice(await weth.getAddress())).to.be.revertedWithCustomError(
      twapWethDai,
      "OracleNoAverageYet",
    );
    const r = await reward.getAddress();
    await expect(twapPriceOracle.getPrice(r))
      .to.be.revertedWithCustomError(twapPriceOracle, "OracleUnsupportedAsset")
      .withArgs(r);
    await expect(twapPriceOracle.setTwap(r, await twapWethDai.getAddress()))
      .to.be.revertedWithCustomError(twapPriceOracle, "OracleAssetNotInPair")
      .withArgs(r, await twapWethDai.getAddress());
    const fresh = await ethers.deployContract("TwapPriceOracle", [
      actors.deployer.address,
      await usdc.getAddress(),
    ]);
    await expect(fresh.setTwap(await weth.getAddress(), await twapWethDai.getAddress()))
      .to.be.revertedWithCustomError(fresh, "OracleUnsupportedAsset")
      .withArgs(await dai.getAddress());
  });

  it("refuses every owner function to anyone else", async function () {
    const { twapPriceOracle, twapWethUsdc, weth, actors } = await loadFixture(sandboxFixture);
    const { attacker } = actors;
    const [w, t] = [await weth.getAddress(), await twapWethUsdc.getAddress()];
    for (const call of [
      () => twapPriceOracle.connect(attacker).setTwap(w, t),
      () => twapPriceOracle.connect(attacker).transferOwnership(attacker.address),
    ]) {
      await expect(call())
        .to.be.revertedWithCustomError(twapPriceOracle, "OwnableUnauthorizedAccount")
        .withArgs(attacker.address);
    }
  });
});
