import { expect } from "chai";
import { MaxUint256 } from "ethers";

import { MockERC20__factory, TwapOracle__factory } from "../../../typechain-types/index.js";
import { loadFixture, networkHelpers } from "../../helpers/connection.js";
import { sandboxFixture } from "../../helpers/fixtures.js";

const ONE = 10n ** 18n;
const PERIOD = 3600n;

/** UQ112x112 price of token0 in token1 and of token1 in token0, as the pair accumulates it. */
function prices(reserve0: bigint, reserve1: bigint): [bigint, bigint] {
  return [(reserve1 << 112n) / reserve0, (reserve0 << 112n) / reserve1];
}

/** A one-hour TWAP over the sandbox's WETH/USDC pool, deployed at a known time t0. */
async function oracleFixture() {
  const sandbox = await loadFixture(sandboxFixture);
  const { pairWethUsdc, router, weth, actors } = sandbox;
  await (await weth.connect(actors.alice).approve(await router.getAddress(), MaxUint256)).wait();
  const t0 = BigInt(await networkHelpers.time.latest()) + 100n;
  await networkHelpers.time.setNextBlockTimestamp(t0);
  const oracle = await new TwapOracle__factory(actors.deployer).deploy(
    await pairWethUsdc.getAddress(),
    PERIOD,
  );
  await oracle.waitForDeployment();
  return { ...sandbox, oracle, t0 };
}

describe("TwapOracle", function () {
  it("records the pair, its tokens and the window at construction", async function () {
    const { oracle, pairWethUsdc, t0 } = await loadFixture(oracleFixture);
    expect(await oracle.pair()).to.equal(await pairWethUsdc.getAddress());
    expect(await oracle.token0()).to.equal(await pairWethUsdc.token0());
    expect(await oracle.token1()).to.equal(await pairWethUsdc.token1());
    expect(await oracle.PERIOD()).to.equal(PERIOD);
    expect(await oracle.blockTimestampLast()).to.equal(t0);
  });

  it("refuses a pair without reserves", async function () {
    const { factory, actors } = await loadFixture(oracleFixture);
    const a = await new MockERC20__factory(actors.deployer).deploy("A", "A", 18);
    const b = await new MockERC20__factory(actors.deployer).deploy("B", "B", 18);
    await (await factory.createPair(await a.getAddress(), await b.getAddress())).wait();
    const pair = await factory.getPair(await a.getAddress(), await b.getAddress());
    const deployer = new TwapOracle__factory(actors.deployer);
    await expect(deployer.deploy(pair, PERIOD))
      .to.be.revertedWithCustomError(deployer, "OracleNoReserves")
      .withArgs(pair);
  });

  it("refuses to close a window shorter than the period, and to consult before the first", async function () {
    const { oracle, weth, t0 } = await loadFixture(oracleFixture);
    await networkHelpers.time.setNextBlockTimestamp(t0 + PERIOD - 1n);
    await expect(oracle.update())
      .to.be.revertedWithCustomError(oracle, "OracleWindowNotElapsed")
      .withArgs(PERIOD - 1n, PERIOD);
    await expect(oracle.consult(await weth.getAddress(), ONE)).to.be.revertedWithCustomError(
      oracle,
      "OracleNoAverageYet",
    );
  });

  it("averages a constant price to that price", async function () {
    const { oracle, pairWethUsdc, weth, usdc, t0 } = await loadFixture(oracleFixture);
    const [r0, r1] = await pairWethUsdc.getReserves();
    const [p0, p1] = prices(r0, r1);
    await networkHelpers.time.setNextBlockTimestamp(t0 + PERIOD);
    await expect(oracle.update())
      .to.emit(oracle, "Updated")
      .withArgs(p0, p1, t0 + PERIOD);
    const wethIs0 = (await pairWethUsdc.token0()) === (await weth.getAddress());
    const [pWeth, pUsdc] = wethIs0 ? [p0, p1] : [p1, p0];
    expect(await oracle.consult(await weth.getAddress(), ONE)).to.equal((pWeth * ONE) >> 112n);
    // 2,000 USDC per WETH, less one unit: the UQ112x112 price is rounded down.
    expect((pWeth * ONE) >> 112n).to.equal(2000n * 10n ** 6n - 1n);
    expect(await oracle.consult(await usdc.getAddress(), 2000n * 10n ** 6n)).to.equal(
      (pUsdc * 2000n * 10n ** 6n) >> 112n,
    );
  });

  it("weights each price by the seconds it held, so a late swing moves it little", async function () {
    const { oracle, pairWethUsdc, router, weth, usdc, actors, t0 } =
      await loadFixture(oracleFixture);
    const [a0, a1] = await pairWethUsdc.getReserves();
    const [pa0, pa1] = prices(a0, a1);
    // 10 WETH sold into the pool 1,000 s into the window.
    await networkHelpers.time.setNextBlockTimestamp(t0 + 1000n);
    const path = [await weth.getAddress(), await usdc.getAddress()];
    await (
      await router
        .connect(actors.alice)
        .swapExactTokensForTokens(10n * ONE, 0n, path, actors.alice.address, MaxUint256)
    ).wait();
    const [b0, b1] = await pairWethUsdc.getReserves();
    const [pb0, pb1] = prices(b0, b1);
    await networkHelpers.time.setNextBlockTimestamp(t0 + PERIOD);
    await (await oracle.update()).wait();
    expect(await oracle.price0Average()).to.equal((pa0 * 1000n + pb0 * (PERIOD - 1000n)) / PERIOD);
    expect(await oracle.price1Average()).to.equal((pa1 * 1000n + pb1 * (PERIOD - 1000n)) / PERIOD);

    const stranger = await actors.attacker.getAddress();
    await expect(oracle.consult(stranger, ONE))
      .to.be.revertedWithCustomError(oracle, "OracleInvalidToken")
      .withArgs(stranger);
  });
});
