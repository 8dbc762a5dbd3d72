import { expect } from "chai";
import { MaxUint256 } from "ethers";

import {
  AmmPair__factory,
  EthRejecter__factory,
  FeeOnTransferToken__factory,
  MockERC20__factory,
} from "../../../typechain-types/index.js";
import { ethers, loadFixture, networkHelpers } from "../../helpers/connection.js";
import { sandboxFixture } from "../../helpers/fixtures.js";
import { signPermit } from "../../helpers/permit.js";
import { v2AmountOut } from "../../helpers/closed-form.js";

const ONE = 10n ** 18n;
const USDC = 10n ** 6n;
const DEADLINE = MaxUint256;

function amountIn(amountOut: bigint, reserveIn: bigint, reserveOut: bigint): bigint {
  return (reserveIn * amountOut * 1000n) / ((reserveOut - amountOut) * 997n) + 1n;
}

async function routerFixture() {
  const sandbox = await loadFixture(sandboxFixture);
  const { router, usdc, dai, weth, actors } = sandbox;
  const routerAddress = await router.getAddress();
  for (const who of [actors.alice, actors.bob]) {
    for (const token of [usdc, dai, weth]) {
      await (await token.connect(who).approve(routerAddress, MaxUint256)).wait();
    }
  }
  const addresses = {
    weth: await weth.getAddress(),
    usdc: await usdc.getAddress(),
    dai: await dai.getAddress(),
  };
  /** The reserves of the pool of `a` and `b`, in that order. */
  const reserves = async (a: string, b: string): Promise<[bigint, bigint]> => {
    const pair = AmmPair__factory.connect(await sandbox.factory.getPair(a, b), actors.deployer);
    const [r0, r1] = await pair.getReserves();
    return BigInt(a) < BigInt(b) ? [r0, r1] : [r1, r0];
  };
  return { ...sandbox, addresses, reserves, routerAddress };
}

/** Alice holds LP of WETH/USDC (2 WETH + 4,000 USDC) and has approved the router to spend it. */
async function aliceLpFixture() {
  const ctx = await loadFixture(routerFixture);
  const { router, pairWethUsdc, addresses, actors } = ctx;
  await (
    await router
      .connect(actors.alice)
      .addLiquidity(
        addresses.weth,
        addresses.usdc,
        2n * ONE,
        4000n * USDC,
        0n,
        0n,
        actors.alice.address,
        DEADLINE,
      )
  ).wait();
  return ctx;
}

/** A token with a 1% transfer fee, paired with WETH (1,000 FOT : 10 WETH) by the deployer. */
async function feeOnTransferFixture() {
  const ctx = await loadFixture(routerFixture);
  const { router, actors, routerAddress } = ctx;
  const fot = await new FeeOnTransferToken__factory(actors.deployer).deploy();
  const fotAddress = await fot.getAddress();
  for (const who of [actors.deployer, actors.alice]) {
    await (await fot.faucet(who.address, 10_000n * ONE)).wait();
    await (await fot.connect(who).approve(routerAddress, MaxUint256)).wait();
  }
  await (
    await router.addLiquidityETH(
      fotAddress,
      1000n * ONE,
      0n,
      0n,
      actors.deployer.address,
      DEADLINE,
      {
        value: 10n * ONE,
      },
    )
  ).wait();
  return { ...ctx, fot, fotAddress };
}

describe("AmmRouter", function () {
  describe("quotes", function () {
    it("quotes, getAmountOut and getAmountIn follow V2's formulas", async function () {
      const { router } = await loadFixture(routerFixture);
      expect(await router.quote(ONE, 100n * ONE, 200n * ONE)).to.equal(2n * ONE);
      expect(await router.getAmountOut(2n * ONE, 5n * ONE, 10n * ONE)).to.equal(
        2851015155847869602n,
      );
      expect(await router.getAmountOut(ONE, 10n * ONE, 5n * ONE)).to.equal(453305446940074565n);
      // 1 out of 100/100: 100·1·1000 / (99·997) + 1
      expect(await router.getAmountIn(ONE, 100n * ONE, 100n * ONE)).to.equal(
        (100n * ONE * ONE * 1000n) / (99n * ONE * 997n) + 1n,
      );
      expect(await router.getAmountIn(1n, 100n, 100n)).to.equal(2n);
    });

    it("reverts quotes of zero amounts and empty or too small reserves", async function () {
      const { router } = await loadFixture(routerFixture);
      await expect(router.quote(0n, 1n, 1n))
        .to.be.revertedWithCustomError(router, "AmmInsufficientAmount")
        .withArgs(0n);
      await expect(router.quote(1n, 0n, 1n))
        .to.be.revertedWithCustomError(router, "AmmInsufficientLiquidity")
        .withArgs(0n, 1n);
      await expect(router.getAmountOut(0n, 1n, 1n))
        .to.be.revertedWithCustomError(router, "AmmInsufficientAmount")
        .withArgs(0n);
      await expect(router.getAmountOut(1n, 5n, 0n))
        .to.be.revertedWithCustomError(router, "AmmInsufficientLiquidity")
        .withArgs(5n, 0n);
      await expect(router.getAmountIn(0n, 1n, 1n))
        .to.be.revertedWithCustomError(router, "AmmInsufficientAmount")
        .withArgs(0n);
      await expect(router.getAmountIn(1n, 0n, 1n))
        .to.be.revertedWithCustomError(router, "AmmInsufficientLiquidity")
        .withArgs(0n, 1n);
      await expect(router.getAmountIn(5n, 10n, 5n))
        .to.be.revertedWithCustomError(router, "AmmInsufficientReserve")
        .withArgs(5n, 5n);
    });

    it("chains quotes over a path with getAmountsOut and getAmountsIn", async function () {
      const { router, addresses, reserves } = await loadFixture(routerFixture);
      const path = [addresses.usdc, addresses.weth, addresses.dai];
      const [u, w1] = await reserves(addresses.usdc, addresses.weth);
      const [w2, d] = await reserves(addresses.weth, addresses.dai);
      const hop1 = v2AmountOut(1000n * USDC, u, w1);
      expect(await router.getAmountsOut(1000n * USDC, path)).to.deep.equal([
        1000n * USDC,
        hop1,
        v2AmountOut(hop1, w2, d),
      ]);
      const wethNeeded = amountIn(500n * ONE, w2, d);
      expect(await router.getAmountsIn(500n * ONE, path)).to.deep.equal([
        amountIn(wethNeeded, u, w1),
        wethNeeded,
        500n * ONE,
      ]);
      await expect(router.getAmountsOut(1n, [addresses.usdc]))
        .to.be.revertedWithCustomError(router, "AmmInvalidPathLength")
        .withArgs(1n);
      await expect(router.getAmountsIn(1n, [addresses.usdc]))
        .to.be.revertedWithCustomError(router, "AmmInvalidPathLength")
        .withArgs(1n);
      await expect(router.getAmountsOut(1n, [addresses.usdc, addresses.usdc]))
        .to.be.revertedWithCustomError(router, "AmmIdenticalAddresses")
        .withArgs(addresses.usdc);
    });
  });

  describe("liquidity", function () {
    it("adds at the pool's price, taking only the matching amount of the other token", async function () {
      const { router, pairWethUsdc, usdc, addresses, actors } = await loadFixture(routerFixture);
      const { alice } = actors;
      const supply = await pairWethUsdc.totalSupply();
      // 1 WETH at 2,000 USDC per WETH: 2,000 of the 3,000 USDC offered.
      const tx = router
        .connect(alice)
        .addLiquidity(
          addresses.weth,
          addresses.usdc,
          ONE,
          3000n * USDC,
          ONE,
          2000n * USDC,
          alice.address,
          DEADLINE,
        );
      await expect(tx).to.changeTokenBalances(
        ethers,
        usdc,
        [alice, await pairWethUsdc.getAddress()],
        [-2000n * USDC, 2000n * USDC],
      );
      expect(await pairWethUsdc.balanceOf(alice.address)).to.equal((ONE * supply) / (100n * ONE));
    });

    it("takes less of token A when token B is the limit", async function () {
      const { router, weth, pairWethUsdc, addresses, actors } = await loadFixture(routerFixture);
      const { alice } = actors;
      const tx = router
        .connect(alice)
        .addLiquidity(
          addresses.weth,
          addresses.usdc,
          5n * ONE,
          1000n * USDC,
          0n,
          0n,
          alice.address,
          DEADLINE,
        );
      await expect(tx).to.changeTokenBalances(
        ethers,
        weth,
        [alice, await pairWethUsdc.getAddress()],
        [-ONE / 2n, ONE / 2n],
      );
    });

    it("reverts when the matching amount is below the caller's minimum, for either side", async function () {
      const { router, addresses, actors } = await loadFixture(routerFixture);
      const { alice } = actors;
      await expect(
        router
          .connect(alice)
          .addLiquidity(
            addresses.weth,
            addresses.usdc,
            ONE,
            3000n * USDC,
            0n,
            2001n * USDC,
            alice.address,
            DEADLINE,
          ),
      )
        .to.be.revertedWithCustomError(router, "AmmInsufficientBAmount")
        .withArgs(2000n * USDC, 2001n * USDC);
      await expect(
        router
          .connect(alice)
          .addLiquidity(
            addresses.weth,
            addresses.usdc,
            5n * ONE,
            1000n * USDC,
            ONE,
            0n,
            alice.address,
            DEADLINE,
          ),
      )
        .to.be.revertedWithCustomError(router, "AmmInsufficientAAmount")
        .withArgs(ONE / 2n, ONE);
    });

    it("creates the pair on the first deposit and takes the amounts as given", async function () {
      const { router, factory, actors, routerAddress } = await loadFixture(routerFixture);
      const { alice } = actors;
      const tokens = [];
      for (const symbol of ["NEW1", "NEW2"]) {
        const token = await new MockERC20__factory(alice).deploy(symbol, symbol, 18);
        await (await token.faucet(alice.address, 1000n * ONE)).wait();
        await (await token.approve(routerAddress, MaxUint256)).wait();
        tokens.push(await token.getAddress());
      }
      await expect(
        router
          .connect(alice)
          .addLiquidity(tokens[0], tokens[1], 4n * ONE, ONE, 0n, 0n, alice.address, DEADLINE),
      ).to.emit(factory, "PairCreated");
      const pair = AmmPair__factory.connect(await factory.getPair(tokens[0], tokens[1]), alice);
      expect(await pair.balanceOf(alice.address)).to.equal(2n * ONE - 1000n);
    });

    it("adds ETH liquidity, wrapping what is used and refunding the rest", async function () {
      const { router, pairWethUsdc, weth, addresses, actors } = await loadFixture(routerFixture);
      const { alice } = actors;
      const tx = router
        .connect(alice)
        .addLiquidityETH(addresses.usdc, 2000n * USDC, 0n, 0n, alice.address, DEADLINE, {
          value: 3n * ONE,
        });
      await expect(tx).to.changeEtherBalances(ethers, [alice], [-ONE], { includeFee: false });
      await expect(tx).to.changeTokenBalances(
        ethers,
        weth,
        [await pairWethUsdc.getAddress()],
        [ONE],
      );
    });

    it("removes liquidity pro rata and enforces both minimums", async function () {
      const { router, pairWethUsdc, usdc, addresses, actors } = await loadFixture(aliceLpFixture);
      const { alice } = actors;
      const liquidity = await pairWethUsdc.balanceOf(alice.address);
      await (
        await pairWethUsdc.connect(alice).approve(await router.getAddress(), liquidity)
      ).wait();
      const supply = await pairWethUsdc.totalSupply();
      const [r0, r1] = await pairWethUsdc.getReserves();
      const wethIs0 = (await pairWethUsdc.token0()) === addresses.weth;
      const [rw, ru] = wethIs0 ? [r0, r1] : [r1, r0];
      const outWeth = (liquidity * rw) / supply;
      const outUsdc = (liquidity * ru) / supply;
      const remove = (minA: bigint, minB: bigint) =>
        router
          .connect(alice)
          .removeLiquidity(
            addresses.weth,
            addresses.usdc,
            liquidity,
            minA,
            minB,
            alice.address,
            DEADLINE,
          );
      await expect(remove(outWeth + 1n, 0n))
        .to.be.revertedWithCustomError(router, "AmmInsufficientAAmount")
        .withArgs(outWeth, outWeth + 1n);
      await expect(remove(0n, outUsdc + 1n))
        .to.be.revertedWithCustomError(router, "AmmInsufficientBAmount")
        .withArgs(outUsdc, outUsdc + 1n);
      await expect(remove(outWeth, outUsdc)).to.changeTokenBalances(
        ethers,
        usdc,
        [alice],
        [outUsdc],
      );
      expect(await pairWethUsdc.balanceOf(alice.address)).to.equal(0n);
    });

    it("removes ETH liquidity, paying the WETH side as ETH", async function () {
      const { router, pairWethUsdc, usdc, addresses, actors } = await loadFixture(aliceLpFixture);
      const { alice } = actors;
      const liquidity = await pairWethUsdc.balanceOf(alice.address);
      await (
        await pairWethUsdc.connect(alice).approve(await router.getAddress(), liquidity)
      ).wait();
      const supply = await pairWethUsdc.totalSupply();
      const [r0, r1] = await pairWethUsdc.getReserves();
      const wethReserve = (await pairWethUsdc.token0()) === addresses.weth ? r0 : r1;
      const usdcBalance = await usdc.balanceOf(await pairWethUsdc.getAddress());
      const tx = router
        .connect(alice)
        .removeLiquidityETH(addresses.usdc, liquidity, 0n, 0n, alice.address, DEADLINE);
      await expect(tx).to.changeEtherBalances(
        ethers,
        [alice],
        [(liquidity * wethReserve) / supply],
        {
          includeFee: false,
        },
      );
      await expect(tx).to.changeTokenBalances(
        ethers,
        usdc,
        [alice],
        [(liquidity * usdcBalance) / supply],
      );
    });

    it("removes liquidity with a permit instead of an approval, tokens or ETH", async function () {
      const { router, pairWethUsdc, addresses, actors, routerAddress } =
        await loadFixture(aliceLpFixture);
      const { alice } = actors;
      const liquidity = await pairWethUsdc.balanceOf(alice.address);
      const half = liquidity / 2n;
      let sig = await signPermit(pairWethUsdc, alice, routerAddress, half, DEADLINE);
      await (
        await router
          .connect(alice)
          .removeLiquidityWithPermit(
            addresses.weth,
            addresses.usdc,
            half,
            0n,
            0n,
            alice.address,
            DEADLINE,
            false,
            sig.v,
            sig.r,
            sig.s,
          )
      ).wait();
      sig = await signPermit(pairWethUsdc, alice, routerAddress, MaxUint256, DEADLINE);
      await (
        await router
          .connect(alice)
          .removeLiquidityETHWithPermit(
            addresses.usdc,
            liquidity - half,
            0n,
            0n,
            alice.address,
            DEADLINE,
            true,
            sig.v,
            sig.r,
            sig.s,
          )
      ).wait();
      expect(await pairWethUsdc.balanceOf(alice.address)).to.equal(0n);
    });
  });

  describe("swaps", function () {
    it("swaps exact tokens over one hop for the closed-form output, and not one wei more", async function () {
      const { router, usdc, addresses, actors, reserves } = await loadFixture(routerFixture);
      const { alice, bob } = actors;
      const [rw, ru] = await reserves(addresses.weth, addresses.usdc);
      const expected = v2AmountOut(ONE, rw, ru);
      const path = [addresses.weth, addresses.usdc];
      await expect(
        router
          .connect(alice)
          .swapExactTokensForTokens(ONE, expected + 1n, path, bob.address, DEADLINE),
      )
        .to.be.revertedWithCustomError(router, "AmmInsufficientOutputAmount")
        .withArgs(expected, expected + 1n);
      await expect(
        router.connect(alice).swapExactTokensForTokens(ONE, expected, path, bob.address, DEADLINE),
      ).to.changeTokenBalances(ethers, usdc, [bob], [expected]);
    });

    it("swaps exact tokens over two hops, each pair paying into the next", async function () {
      const { router, dai, addresses, actors, reserves } = await loadFixture(routerFixture);
      const { alice } = actors;
      const [u, w1] = await reserves(addresses.usdc, addresses.weth);
      const [w2, d] = await reserves(addresses.weth, addresses.dai);
      const expected = v2AmountOut(v2AmountOut(5000n * USDC, u, w1), w2, d);
      await expect(
        router
          .connect(alice)
          .swapExactTokensForTokens(
            5000n * USDC,
            expected,
            [addresses.usdc, addresses.weth, addresses.dai],
            alice.address,
            DEADLINE,
          ),
      ).to.changeTokenBalances(ethers, dai, [alice], [expected]);
    });

    it("swaps tokens for an exact output, charging the closed-form input and refusing one wei less", async function () {
      const { router, weth, usdc, addresses, actors, reserves } = await loadFixture(routerFixture);
      const { alice } = actors;
      const [rw, ru] = await reserves(addresses.weth, addresses.usdc);
      const needed = amountIn(1000n * USDC, rw, ru);
      const path = [addresses.weth, addresses.usdc];
      await expect(
        router
          .connect(alice)
          .swapTokensForExactTokens(1000n * USDC, needed - 1n, path, alice.address, DEADLINE),
      )
        .to.be.revertedWithCustomError(router, "AmmExcessiveInputAmount")
        .withArgs(needed, needed - 1n);
      const tx = router
        .connect(alice)
        .swapTokensForExactTokens(1000n * USDC, needed, path, alice.address, DEADLINE);
      await expect(tx).to.changeTokenBalances(ethers, weth, [alice], [-needed]);
      await expect(tx).to.changeTokenBalances(ethers, usdc, [alice], [1000n * USDC]);
    });

    it("swaps exact ETH for tokens through WETH", async function () {
      const { router, usdc, addresses, actors, reserves } = await loadFixture(routerFixture);
      const { bob } = actors;
      const [rw, ru] = await reserves(addresses.weth, addresses.usdc);
      const expected = v2AmountOut(ONE, rw, ru);
      const tx = router
        .connect(bob)
        .swapExactETHForTokens(expected, [addresses.weth, addresses.usdc], bob.address, DEADLINE, {
          value: ONE,
        });
      await expect(tx).to.changeTokenBalances(ethers, usdc, [bob], [expected]);
      await expect(tx).to.changeEtherBalances(ethers, [bob], [-ONE], { includeFee: false });
    });

    it("swaps ETH for exact tokens and refunds the ETH not needed", async function () {
      const { router, usdc, addresses, actors, reserves } = await loadFixture(routerFixture);
      const { bob } = actors;
      const [rw, ru] = await reserves(addresses.weth, addresses.usdc);
      const needed = amountIn(1000n * USDC, rw, ru);
      const path = [addresses.weth, addresses.usdc];
      await expect(
        router
          .connect(bob)
          .swapETHForExactTokens(1000n * USDC, path, bob.address, DEADLINE, { value: needed - 1n }),
      )
        .to.be.revertedWithCustomError(router, "AmmExcessiveInputAmount")
        .withArgs(needed, needed - 1n);
      const tx = router
        .connect(bob)
        .swapETHForExactTokens(1000n * USDC, path, bob.address, DEADLINE, { value: 2n * ONE });
      await expect(tx).to.changeEtherBalances(ethers, [bob], [-needed], { includeFee: false });
      await expect(tx).to.changeTokenBalances(ethers, usdc, [bob], [1000n * USDC]);
    });

    it("swaps exact tokens for ETH and tokens for exact ETH", async function () {
      const { router, addresses, actors, reserves } = await loadFixture(routerFixture);
      const { alice, carol } = actors;
      const path = [addresses.usdc, addresses.weth];
      const [ru, rw] = await reserves(addresses.usdc, addresses.weth);
      const expected = v2AmountOut(2000n * USDC, ru, rw);
      await expect(
        router
          .connect(alice)
          .swapExactTokensForETH(2000n * USDC, expected, path, carol.address, DEADLINE),
      ).to.changeEtherBalances(ethers, [carol], [expected]);
      const [ru2, rw2] = await reserves(addresses.usdc, addresses.weth);
      const needed = amountIn(ONE / 2n, ru2, rw2);
      await expect(
        router
          .connect(alice)
          .swapTokensForExactETH(ONE / 2n, needed - 1n, path, carol.address, DEADLINE),
      )
        .to.be.revertedWithCustomError(router, "AmmExcessiveInputAmount")
        .withArgs(needed, needed - 1n);
      await expect(
        router
          .connect(alice)
          .swapTokensForExactETH(ONE / 2n, needed, path, carol.address, DEADLINE),
      ).to.changeEtherBalances(ethers, [carol], [ONE / 2n]);
    });

    it("refuses ETH swaps whose path does not start or end with WETH", async function () {
      const { router, addresses, actors } = await loadFixture(routerFixture);
      const { alice } = actors;
      const bad = [addresses.usdc, addresses.dai];
      await expect(
        router
          .connect(alice)
          .swapExactETHForTokens(0n, bad, alice.address, DEADLINE, { value: 1n }),
      )
        .to.be.revertedWithCustomError(router, "AmmInvalidPathToken")
        .withArgs(addresses.usdc, addresses.weth);
      await expect(
        router.connect(alice).swapExactTokensForETH(1n, 0n, bad, alice.address, DEADLINE),
      )
        .to.be.revertedWithCustomError(router, "AmmInvalidPathToken")
        .withArgs(addresses.dai, addresses.weth);
      await expect(
        router
          .connect(alice)
          .swapExactTokensForETH(1n, 0n, [addresses.weth], alice.address, DEADLINE),
      )
        .to.be.revertedWithCustomError(router, "AmmInvalidPathLength")
        .withArgs(1n);
      await expect(
        router
          .connect(alice)
          .swapExactETHForTokens(0n, [addresses.weth], alice.address, DEADLINE, { value: 1n }),
      )
        .to.be.revertedWithCustomError(router, "AmmInvalidPathLength")
        .withArgs(1n);
      await expect(
        router
          .connect(alice)
          .swapExactTokensForTokensSupportingFeeOnTransferTokens(
            1n,
            0n,
            [addresses.weth],
            alice.address,
            DEADLINE,
          ),
      )
        .to.be.revertedWithCustomError(router, "AmmInvalidPathLength")
        .withArgs(1n);
    });

    it("refuses a transaction mined after its deadline", async function () {
      const { router, addresses, actors } = await loadFixture(routerFixture);
      const now = BigInt(await networkHelpers.time.latest());
      await networkHelpers.time.setNextBlockTimestamp(now + 100n);
      await expect(
        router
          .connect(actors.alice)
          .swapExactTokensForTokens(
            ONE,
            0n,
            [addresses.weth, addresses.usdc],
            actors.alice.address,
            now + 99n,
          ),
      )
        .to.be.revertedWithCustomError(router, "AmmExpired")
        .withArgs(now + 99n, now + 100n);
    });

    it("reverts when the ETH payout bounces", async function () {
      const { router, addresses, actors, reserves } = await loadFixture(routerFixture);
      const rejecter = await new EthRejecter__factory(actors.alice).deploy();
      const rejecterAddress = await rejecter.getAddress();
      const [ru, rw] = await reserves(addresses.usdc, addresses.weth);
      const out = v2AmountOut(100n * USDC, ru, rw);
      await expect(
        router
          .connect(actors.alice)
          .swapExactTokensForETH(
            100n * USDC,
            0n,
            [addresses.usdc, addresses.weth],
            rejecterAddress,
            DEADLINE,
          ),
      )
        .to.be.revertedWithCustomError(router, "AmmEthTransferFailed")
        .withArgs(rejecterAddress, out);
    });

    it("accepts ETH from WETH only", async function () {
      const { router, routerAddress, actors } = await loadFixture(routerFixture);
      await expect(actors.alice.sendTransaction({ to: routerAddress, value: 1n }))
        .to.be.revertedWithCustomError(router, "AmmEthNotFromWeth")
        .withArgs(actors.alice.address);
    });
  });

  describe("fee-on-transfer tokens", function () {
    it("prices a swap on what reached the pair, where the plain swap fails the K check", async function () {
      const { router, factory, weth, fotAddress, addresses, actors, reserves } =
        await loadFixture(feeOnTransferFixture);
      const { alice } = actors;
      const path = [fotAddress, addresses.weth];
      const pair = AmmPair__factory.connect(
        await factory.getPair(fotAddress, addresses.weth),
        alice,
      );
      await expect(
        router
          .connect(alice)
          .swapExactTokensForTokens(10n * ONE, 0n, path, alice.address, DEADLINE),
      ).to.be.revertedWithCustomError(pair, "AmmK");

      const [rf, rw] = await reserves(fotAddress, addresses.weth);
      const arrived = 10n * ONE - (10n * ONE) / 100n;
      const expected = v2AmountOut(arrived, rf, rw);
      const swap = (min: bigint) =>
        router
          .connect(alice)
          .swapExactTokensForTokensSupportingFeeOnTransferTokens(
            10n * ONE,
            min,
            path,
            alice.address,
            DEADLINE,
          );
      await expect(swap(expected + 1n))
        .to.be.revertedWithCustomError(router, "AmmInsufficientOutputAmount")
        .withArgs(expected, expected + 1n);
      await expect(swap(expected)).to.changeTokenBalances(ethers, weth, [alice], [expected]);
    });

    it("swaps ETH for a fee-on-transfer token, checking what the receiver got", async function () {
      const { router, fot, fotAddress, addresses, actors, reserves } =
        await loadFixture(feeOnTransferFixture);
      const { bob } = actors;
      const [rw, rf] = await reserves(addresses.weth, fotAddress);
      const out = v2AmountOut(ONE, rw, rf);
      const received = out - out / 100n;
      const path = [addresses.weth, fotAddress];
      await expect(
        router
          .connect(bob)
          .swapExactETHForTokensSupportingFeeOnTransferTokens(
            received + 1n,
            path,
            bob.address,
            DEADLINE,
            { value: ONE },
          ),
      )
        .to.be.revertedWithCustomError(router, "AmmInsufficientOutputAmount")
        .withArgs(received, received + 1n);
      await expect(
        router
          .connect(bob)
          .swapExactETHForTokensSupportingFeeOnTransferTokens(
            received,
            path,
            bob.address,
            DEADLINE,
            { value: ONE },
          ),
      ).to.changeTokenBalances(ethers, fot, [bob], [received]);
    });

    it("swaps a fee-on-transfer token for ETH", async function () {
      const { router, fotAddress, addresses, actors, reserves } =
        await loadFixture(feeOnTransferFixture);
      const { alice, carol } = actors;
      const [rf, rw] = await reserves(fotAddress, addresses.weth);
      const expected = v2AmountOut(100n * ONE - ONE, rf, rw);
      await expect(
        router
          .connect(alice)
          .swapExactTokensForETHSupportingFeeOnTransferTokens(
            100n * ONE,
            expected,
            [fotAddress, addresses.weth],
            carol.address,
            DEADLINE,
          ),
      ).to.changeEtherBalances(ethers, [carol], [expected]);
    });

    it("removes fee-on-transfer liquidity for ETH, forwarding what reached the router", async function () {
      const { router, factory, fot, fotAddress, addresses, actors, routerAddress } =
        await loadFixture(feeOnTransferFixture);
      const { deployer, dave } = actors;
      const pair = AmmPair__factory.connect(
        await factory.getPair(fotAddress, addresses.weth),
        deployer,
      );
      const liquidity = (await pair.balanceOf(deployer.address)) / 2n;
      const supply = await pair.totalSupply();
      const fotOut = (liquidity * (await fot.balanceOf(await pair.getAddress()))) / supply;
      const atRouter = fotOut - fotOut / 100n;
      const sig = await signPermit(pair, deployer, routerAddress, liquidity, DEADLINE);
      const tx = router.removeLiquidityETHWithPermitSupportingFeeOnTransferTokens(
        fotAddress,
        liquidity,
        0n,
        0n,
        dave.address,
        DEADLINE,
        false,
        sig.v,
        sig.r,
        sig.s,
      );
      await expect(tx).to.changeTokenBalances(ethers, fot, [dave], [atRouter - atRouter / 100n]);
      expect(await fot.balanceOf(routerAddress)).to.equal(0n);
      await (await pair.approve(routerAddress, liquidity)).wait();
      await (
        await router.removeLiquidityETHSupportingFeeOnTransferTokens(
          fotAddress,
          liquidity,
          0n,
          0n,
          dave.address,
          DEADLINE,
        )
      ).wait();
      expect(await ethers.provider.getBalance(routerAddress)).to.equal(0n);
    });
  });
});
