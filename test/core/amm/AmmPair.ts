import { expect } from "chai";
import { AbiCoder, ZeroAddress } from "ethers";

import {
  FlashSwapCallee__factory,
  ReentrantCallee__factory,
} from "../../../typechain-types/index.js";
import { ethers, loadFixture, networkHelpers } from "../../helpers/connection.js";
import { signPermit } from "../../helpers/permit.js";
import { emptyPairFixture, MINIMUM_LIQUIDITY, ONE } from "./fixtures.js";
import { isqrt, v2AmountOut } from "../../helpers/closed-form.js";

const LOCKED = "0x000000000000000000000000000000000000dEaD";
const Q112 = 2n ** 112n;

type Ctx = Awaited<ReturnType<typeof emptyPairFixture>>;

async function addLiquidity(ctx: Ctx, amount0: bigint, amount1: bigint, to?: string) {
  const pairAddress = await ctx.pair.getAddress();
  await (await ctx.token0.transfer(pairAddress, amount0)).wait();
  await (await ctx.token1.transfer(pairAddress, amount1)).wait();
  await (await ctx.pair.mint(to ?? ctx.actors.deployer.address)).wait();
}

async function seededPairFixture() {
  const ctx = await loadFixture(emptyPairFixture);
  await addLiquidity(ctx, 1000n * ONE, 1000n * ONE);
  return ctx;
}

// [amountIn, reserve0, reserve1, literal output of V2 when token0 goes in] — V2's own table, plus
// asymmetric, tiny and huge pools (for those the literal is the closed form's value, checked by hand).
const SWAP_CASES: [string, bigint, bigint, bigint, bigint | null][] = [
  ["1 into 5/10", ONE, 5n * ONE, 10n * ONE, 1662497915624478906n],
  ["1 into 10/5", ONE, 10n * ONE, 5n * ONE, 453305446940074565n],
  ["2 into 5/10", 2n * ONE, 5n * ONE, 10n * ONE, 2851015155847869602n],
  ["2 into 10/5", 2n * ONE, 10n * ONE, 5n * ONE, 831248957812239453n],
  ["1 into 10/10", ONE, 10n * ONE, 10n * ONE, 906610893880149131n],
  ["1 into 100/100", ONE, 100n * ONE, 100n * ONE, 987158034397061298n],
  ["1 into 1000/1000", ONE, 1000n * ONE, 1000n * ONE, 996006981039903216n],
  ["10 wei into a 1001/1001 wei pool", 10n, 1001n, 1001n, 9n],
  [
    "1,000 USDC (6 decimals) into 2M USDC / 1,000 WETH",
    1000n * 10n ** 6n,
    2_000_000n * 10n ** 6n,
    1000n * ONE,
    null,
  ],
  ["2^100 into a 2^111 / 2^100 pool", 2n ** 100n, 2n ** 111n, 2n ** 100n, null],
  ["1 wei into 10^30 / 10^30", 1n, 10n ** 30n, 10n ** 30n, 0n],
];

describe("AmmPair", function () {
  describe("mint", function () {
    it("mints √(x·y) − 1000 on the first deposit and locks 1000 for ever", async function () {
      const ctx = await loadFixture(emptyPairFixture);
      const { pair, token0, token1, actors } = ctx;
      const amount0 = 1n * ONE;
      const amount1 = 4n * ONE;
      const pairAddress = await pair.getAddress();
      await (await token0.transfer(pairAddress, amount0)).wait();
      await (await token1.transfer(pairAddress, amount1)).wait();
      const expected = 2n * ONE - MINIMUM_LIQUIDITY; // √(1·4) = 2
      const tx = pair.mint(actors.alice.address);
      await expect(tx).to.emit(pair, "Transfer").withArgs(ZeroAddress, LOCKED, MINIMUM_LIQUIDITY);
      await expect(tx)
        .to.emit(pair, "Transfer")
        .withArgs(ZeroAddress, actors.alice.address, expected);
      await expect(tx).to.emit(pair, "Sync").withArgs(amount0, amount1);
      await expect(tx).to.emit(pair, "Mint").withArgs(actors.deployer.address, amount0, amount1);
      expect(await pair.totalSupply()).to.equal(2n * ONE);
      expect(await pair.balanceOf(actors.alice.address)).to.equal(expected);
      expect(await pair.balanceOf(LOCKED)).to.equal(MINIMUM_LIQUIDITY);
      const [r0, r1] = await pair.getReserves();
      expect([r0, r1]).to.deep.equal([amount0, amount1]);
      expect(await pair.MINIMUM_LIQUIDITY()).to.equal(MINIMUM_LIQUIDITY);
    });

    it("mints min(dx·S/x, dy·S/y) on later deposits, keeping the surplus in the pool", async function () {
      const ctx = await loadFixture(seededPairFixture);
      const { pair, actors } = ctx;
      const supply = await pair.totalSupply();
      // 10 of token0 but 30 of token1 into a 1000/1000 pool: the token0 side limits the mint.
      await addLiquidity(ctx, 10n * ONE, 30n * ONE, actors.bob.address);
      expect(await pair.balanceOf(actors.bob.address)).to.equal(
        (10n * ONE * supply) / (1000n * ONE),
      );
      const [r0, r1] = await pair.getReserves();
      expect([r0, r1]).to.deep.equal([1010n * ONE, 1030n * ONE]);
    });

    it("reverts a first deposit worth no more than the locked minimum", async function () {
      const ctx = await loadFixture(emptyPairFixture);
      const { pair, token0, token1 } = ctx;
      const pairAddress = await pair.getAddress();
      await (await token0.transfer(pairAddress, 1000n)).wait();
      await (await token1.transfer(pairAddress, 1000n)).wait();
      await expect(pair.mint(ctx.actors.deployer.address))
        .to.be.revertedWithCustomError(pair, "AmmInsufficientLiquidityMinted")
        .withArgs(1000n, 1000n);
      expect(await pair.totalSupply()).to.equal(0n);
    });

    it("reverts a later deposit that would mint nothing", async function () {
      const ctx = await loadFixture(seededPairFixture);
      const { pair, token0 } = ctx;
      await (await token0.transfer(await pair.getAddress(), ONE)).wait();
      await expect(pair.mint(ctx.actors.deployer.address))
        .to.be.revertedWithCustomError(pair, "AmmInsufficientLiquidityMinted")
        .withArgs(ONE, 0n);
    });
  });

  describe("burn", function () {
    it("pays out the pro-rata share of both balances and burns the LP tokens", async function () {
      const ctx = await loadFixture(seededPairFixture);
      const { pair, token0, token1, actors } = ctx;
      const liquidity = 1000n * ONE - MINIMUM_LIQUIDITY;
      const pairAddress = await pair.getAddress();
      await (await pair.transfer(pairAddress, liquidity)).wait();
      const tx = pair.burn(actors.alice.address);
      await expect(tx)
        .to.emit(pair, "Burn")
        .withArgs(actors.deployer.address, liquidity, liquidity, actors.alice.address);
      await expect(tx).to.emit(pair, "Sync").withArgs(MINIMUM_LIQUIDITY, MINIMUM_LIQUIDITY);
      await expect(tx).to.changeTokenBalances(
        ethers,
        token0,
        [actors.alice, pairAddress],
        [liquidity, -liquidity],
      );
      await expect(tx).to.changeTokenBalances(
        ethers,
        token1,
        [actors.alice, pairAddress],
        [liquidity, -liquidity],
      );
      expect(await pair.totalSupply()).to.equal(MINIMUM_LIQUIDITY);
    });

    it("reverts when no LP tokens were sent in", async function () {
      const ctx = await loadFixture(seededPairFixture);
      await expect(ctx.pair.burn(ctx.actors.alice.address))
        .to.be.revertedWithCustomError(ctx.pair, "AmmInsufficientLiquidityBurned")
        .withArgs(0n, 0n);
    });
  });

  describe("swap", function () {
    for (const [title, amountIn, reserve0, reserve1, literal] of SWAP_CASES) {
      it(`pays the closed-form output for ${title}, and not one wei more`, async function () {
        const ctx = await loadFixture(emptyPairFixture);
        const { pair, token0, actors } = ctx;
        await addLiquidity(ctx, reserve0, reserve1);
        const expected = v2AmountOut(amountIn, reserve0, reserve1);
        if (literal !== null) expect(expected).to.equal(literal);
        await (await token0.transfer(await pair.getAddress(), amountIn)).wait();

        const tooMuch = expected + 1n;
        const balanceProduct =
          ((reserve0 + amountIn) * 1000n - amountIn * 3n) * ((reserve1 - tooMuch) * 1000n);
        await expect(pair.swap(0n, tooMuch, actors.bob.address, "0x"))
          .to.be.revertedWithCustomError(pair, "AmmK")
          .withArgs(balanceProduct, reserve0 * reserve1 * 1_000_000n);

        if (expected === 0n) return;
        const tx = pair.swap(0n, expected, actors.bob.address, "0x");
        await expect(tx)
          .to.emit(pair, "Swap")
          .withArgs(actors.deployer.address, amountIn, 0n, 0n, expected, actors.bob.address);
        await expect(tx)
          .to.emit(pair, "Sync")
          .withArgs(reserve0 + amountIn, reserve1 - expected);
      });
    }

    it("swaps token1 for token0 with the mirrored formula", async function () {
      const ctx = await loadFixture(emptyPairFixture);
      const { pair, token1, actors } = ctx;
      await addLiquidity(ctx, 5n * ONE, 10n * ONE);
      const expected = v2AmountOut(ONE, 10n * ONE, 5n * ONE);
      expect(expected).to.equal(453305446940074565n);
      await (await token1.transfer(await pair.getAddress(), ONE)).wait();
      await expect(pair.swap(expected, 0n, actors.bob.address, "0x"))
        .to.emit(pair, "Swap")
        .withArgs(actors.deployer.address, 0n, ONE, expected, 0n, actors.bob.address);
    });

    it("reverts when no output is asked for", async function () {
      const ctx = await loadFixture(seededPairFixture);
      await expect(ctx.pair.swap(0n, 0n, ctx.actors.bob.address, "0x"))
        .to.be.revertedWithCustomError(ctx.pair, "AmmInsufficientOutput")
        .withArgs(0n, 0n);
    });

    it("reverts when the output is a whole reserve or more", async function () {
      const ctx = await loadFixture(seededPairFixture);
      await expect(ctx.pair.swap(1000n * ONE, 0n, ctx.actors.bob.address, "0x"))
        .to.be.revertedWithCustomError(ctx.pair, "AmmInsufficientLiquidity")
        .withArgs(1000n * ONE, 0n, 1000n * ONE, 1000n * ONE);
    });

    it("reverts when the output would go to one of the pair's tokens", async function () {
      const ctx = await loadFixture(seededPairFixture);
      const token0 = await ctx.token0.getAddress();
      await expect(ctx.pair.swap(1n, 0n, token0, "0x"))
        .to.be.revertedWithCustomError(ctx.pair, "AmmInvalidTo")
        .withArgs(token0);
    });

    it("reverts when nothing was paid in", async function () {
      const ctx = await loadFixture(seededPairFixture);
      await expect(ctx.pair.swap(1n, 0n, ctx.actors.bob.address, "0x"))
        .to.be.revertedWithCustomError(ctx.pair, "AmmInsufficientInput")
        .withArgs(0n, 0n);
    });
  });

  describe("flash swaps", function () {
    async function calleeFixture() {
      const ctx = await loadFixture(seededPairFixture);
      const callee = await new FlashSwapCallee__factory(ctx.actors.deployer).deploy();
      await (await ctx.token0.transfer(await callee.getAddress(), 10n * ONE)).wait();
      return { ...ctx, callee };
    }
    const coder = AbiCoder.defaultAbiCoder();

    it("lends token0 to a callee that repays amount·1000/997 rounded up in the same token", async function () {
      const { pair, callee, token0, actors } = await loadFixture(calleeFixture);
      const borrowed = ONE;
      const repay = (borrowed * 1000n + 996n) / 997n; // ceil(borrowed / 0.997)
      const data = coder.encode(["uint256", "uint256"], [repay, 0n]);
      const calleeAddress = await callee.getAddress();
      await expect(pair.swap(borrowed, 0n, calleeAddress, data))
        .to.emit(pair, "Swap")
        .withArgs(actors.deployer.address, repay, 0n, borrowed, 0n, calleeAddress);
      expect(await token0.balanceOf(calleeAddress)).to.equal(10n * ONE + borrowed - repay);
      expect(await callee.lastSender()).to.equal(actors.deployer.address);
      expect(await callee.lastAmount0()).to.equal(borrowed);
    });

    it("reverts a flash swap repaid one wei short, leaving the reserves as they were", async function () {
      const { pair, callee } = await loadFixture(calleeFixture);
      const borrowed = ONE;
      const repay = (borrowed * 1000n + 996n) / 997n - 1n;
      const data = coder.encode(["uint256", "uint256"], [repay, 0n]);
      const b0 = 1000n * ONE - borrowed + repay;
      await expect(pair.swap(borrowed, 0n, await callee.getAddress(), data))
        .to.be.revertedWithCustomError(pair, "AmmK")
        .withArgs(
          (b0 * 1000n - repay * 3n) * 1000n * ONE * 1000n,
          1000n * ONE * 1000n * ONE * 1_000_000n,
        );
      const [r0, r1] = await pair.getReserves();
      expect([r0, r1]).to.deep.equal([1000n * ONE, 1000n * ONE]);
    });

    it("lends token0 against a repayment in token1 at the exact-out price", async function () {
      const { pair, callee, token1, actors } = await loadFixture(calleeFixture);
      await (await token1.transfer(await callee.getAddress(), 10n * ONE)).wait();
      const borrowed = ONE;
      const reserve = 1000n * ONE;
      // Least token1 that keeps the fee-adjusted K: reserve1·out·1000 / ((reserve0 − out)·997) + 1.
      const repay = (reserve * borrowed * 1000n) / ((reserve - borrowed) * 997n) + 1n;
      const short = coder.encode(["uint256", "uint256"], [0n, repay - 1n]);
      await expect(
        pair.swap(borrowed, 0n, await callee.getAddress(), short),
      ).to.be.revertedWithCustomError(pair, "AmmK");
      const exact = coder.encode(["uint256", "uint256"], [0n, repay]);
      await expect(pair.swap(borrowed, 0n, await callee.getAddress(), exact))
        .to.emit(pair, "Sync")
        .withArgs(reserve - borrowed, reserve + repay);
      expect(await callee.lastAmount1()).to.equal(0n);
    });

    it("refuses a callee that re-enters the pair", async function () {
      const ctx = await loadFixture(seededPairFixture);
      const callee = await new ReentrantCallee__factory(ctx.actors.deployer).deploy();
      await expect(
        ctx.pair.swap(1n, 0n, await callee.getAddress(), "0x01"),
      ).to.be.revertedWithCustomError(ctx.pair, "ReentrancyGuardReentrantCall");
    });
  });

  describe("skim and sync", function () {
    it("skim sends a donation out and sync folds it into the reserves", async function () {
      const ctx = await loadFixture(seededPairFixture);
      const { pair, token0, token1, actors } = ctx;
      const pairAddress = await pair.getAddress();
      await (await token0.transfer(pairAddress, 7n)).wait();
      await (await token1.transfer(pairAddress, 9n)).wait();
      const tx = pair.skim(actors.carol.address);
      await expect(tx).to.changeTokenBalances(
        ethers,
        token0,
        [actors.carol, pairAddress],
        [7n, -7n],
      );
      await expect(tx).to.changeTokenBalances(
        ethers,
        token1,
        [actors.carol, pairAddress],
        [9n, -9n],
      );

      await (await token0.transfer(pairAddress, 5n)).wait();
      await expect(pair.sync())
        .to.emit(pair, "Sync")
        .withArgs(1000n * ONE + 5n, 1000n * ONE);
      expect(await token0.balanceOf(pairAddress)).to.equal(1000n * ONE + 5n);
    });

    it("refuses balances that do not fit 112 bits", async function () {
      const ctx = await loadFixture(seededPairFixture);
      const { pair, token0 } = ctx;
      const huge = 2n ** 112n;
      await (await token0.faucet(await pair.getAddress(), huge)).wait();
      await expect(pair.sync())
        .to.be.revertedWithCustomError(pair, "AmmOverflow")
        .withArgs(1000n * ONE + huge, 1000n * ONE);
      await expect(pair.swap(0n, 1n, ctx.actors.bob.address, "0x"))
        .to.be.revertedWithCustomError(pair, "AmmOverflow")
        .withArgs(1000n * ONE + huge, 1000n * ONE - 1n);
    });
  });

  describe("price accumulators", function () {
    it("add each price times the seconds it held, once per block", async function () {
      const ctx = await loadFixture(emptyPairFixture);
      const { pair } = ctx;
      await addLiquidity(ctx, 3n * ONE, 6n * ONE);
      const [, , t0] = await pair.getReserves();
      await networkHelpers.time.increase(100);
      await (await pair.sync()).wait();
      const [, , t1] = await pair.getReserves();
      const elapsed = t1 - t0;
      expect(elapsed).to.be.greaterThanOrEqual(100n);
      expect(await pair.price0CumulativeLast()).to.equal(((6n * Q112) / 3n) * elapsed);
      expect(await pair.price1CumulativeLast()).to.equal(((3n * Q112) / 6n) * elapsed);
    });
  });

  describe("protocol fee", function () {
    // V2's own test: 1000/1000, swap 1 token1 in, burn everything but the locked minimum.
    async function feeRun(feeOn: boolean) {
      const ctx = await loadFixture(emptyPairFixture);
      const { factory, pair, token1, actors } = ctx;
      if (feeOn) await (await factory.setFeeTo(actors.treasury.address)).wait();
      await addLiquidity(ctx, 1000n * ONE, 1000n * ONE);
      await (await token1.transfer(await pair.getAddress(), ONE)).wait();
      await (await pair.swap(996006981039903216n, 0n, actors.deployer.address, "0x")).wait();
      await (await pair.transfer(await pair.getAddress(), 1000n * ONE - MINIMUM_LIQUIDITY)).wait();
      await (await pair.burn(actors.deployer.address)).wait();
      return ctx;
    }

    it("mints nothing to anyone while feeTo is off", async function () {
      const { pair, actors } = await feeRun(false);
      expect(await pair.totalSupply()).to.equal(MINIMUM_LIQUIDITY);
      expect(await pair.balanceOf(actors.treasury.address)).to.equal(0n);
      expect(await pair.kLast()).to.equal(0n);
    });

    it("mints feeTo 1/6 of the growth of √k when on", async function () {
      const { pair, token0, token1, actors } = await feeRun(true);
      // Closed form: S·(√k − √kLast) / (5·√k + √kLast) at the burn.
      const r0 = 1000n * ONE - 996006981039903216n;
      const r1 = 1001n * ONE;
      const rootK = isqrt(r0 * r1);
      const rootKLast = 1000n * ONE;
      const fee = (1000n * ONE * (rootK - rootKLast)) / (5n * rootK + rootKLast);
      expect(fee).to.equal(249750499251388n); // V2's published figure
      expect(await pair.balanceOf(actors.treasury.address)).to.equal(fee);
      expect(await pair.totalSupply()).to.equal(MINIMUM_LIQUIDITY + fee);
      expect(await token0.balanceOf(await pair.getAddress())).to.equal(1000n + 249501683697445n);
      expect(await token1.balanceOf(await pair.getAddress())).to.equal(1000n + 250000187312969n);
      const [b0, b1] = [1000n + 249501683697445n, 1000n + 250000187312969n];
      expect(await pair.kLast()).to.equal(b0 * b1);
    });

    it("clears kLast at the next liquidity event once the fee is switched off", async function () {
      const ctx = await feeRun(true);
      expect(await ctx.pair.kLast()).to.not.equal(0n);
      await (await ctx.factory.setFeeTo(ZeroAddress)).wait();
      await addLiquidity(ctx, ONE, ONE);
      expect(await ctx.pair.kLast()).to.equal(0n);
    });
  });

  describe("LP token", function () {
    it("accepts an EIP-2612 permit signed by the holder", async function () {
      const ctx = await loadFixture(seededPairFixture);
      const { pair, actors } = ctx;
      const deadline = 2n ** 40n;
      const sig = await signPermit(pair, actors.deployer, actors.bob.address, 123n, deadline);
      await (
        await pair.permit(
          actors.deployer.address,
          actors.bob.address,
          123n,
          deadline,
          sig.v,
          sig.r,
          sig.s,
        )
      ).wait();
      expect(await pair.allowance(actors.deployer.address, actors.bob.address)).to.equal(123n);
      expect(await pair.PERMIT_TYPEHASH()).to.equal(
        ethers.id(
          "Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)",
        ),
      );
      expect(await pair.name()).to.equal("Sandbox AMM LP");
    });
  });
});
