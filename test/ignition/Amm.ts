import { expect } from "chai";
import { ZeroAddress } from "ethers";

import { AMM_SEED } from "../../ignition/modules/Amm.js";
import { loadFixture } from "../helpers/connection.js";
import { sandboxFixture } from "../helpers/fixtures.js";
import { isqrt } from "../helpers/closed-form.js";

const ONE = 10n ** 18n;

describe("Amm Ignition module", function () {
  it("wires the router to the factory and the sandbox's WETH, with the fee off", async function () {
    const { factory, router, weth, timelock } = await loadFixture(sandboxFixture);
    expect(await router.factory()).to.equal(await factory.getAddress());
    expect(await router.WETH()).to.equal(await weth.getAddress());
    expect(await factory.feeToSetter()).to.equal(await timelock.getAddress());
    expect(await factory.feeTo()).to.equal(ZeroAddress);
    expect(await factory.allPairsLength()).to.equal(3n);
  });

  it("seeds WETH/USDC and WETH/DAI at 2,000 per WETH and RWD/WETH at 2,000 RWD per WETH", async function () {
    const sandbox = await loadFixture(sandboxFixture);
    const { weth, usdc, dai, reward, actors } = sandbox;
    const cases = [
      [
        sandbox.pairWethUsdc,
        usdc,
        AMM_SEED.wethUsdc.usdc,
        AMM_SEED.wethUsdc.weth,
        2000n * 10n ** 6n,
      ],
      [sandbox.pairWethDai, dai, AMM_SEED.wethDai.dai, AMM_SEED.wethDai.weth, 2000n * ONE],
      [
        sandbox.pairRewardWeth,
        reward,
        AMM_SEED.rewardWeth.reward,
        AMM_SEED.rewardWeth.weth,
        2000n * ONE,
      ],
    ] as const;
    for (const [pair, other, otherAmount, wethAmount, perWeth] of cases) {
      const wethIs0 = (await pair.token0()) === (await weth.getAddress());
      expect(await pair.token1()).to.equal(
        wethIs0 ? await other.getAddress() : await weth.getAddress(),
      );
      const [r0, r1] = await pair.getReserves();
      expect(wethIs0 ? [r0, r1] : [r1, r0]).to.deep.equal([wethAmount, otherAmount]);
      expect((otherAmount * ONE) / wethAmount).to.equal(perWeth);
      expect(await pair.balanceOf(actors.deployer.address)).to.equal(
        isqrt(wethAmount * otherAmount) - 1000n,
      );
    }
    expect(await usdc.balanceOf(actors.deployer.address)).to.equal(0n);
    expect(await weth.balanceOf(actors.deployer.address)).to.equal(0n);
    expect(await reward.balanceOf(actors.deployer.address)).to.equal(0n);
  });
});
