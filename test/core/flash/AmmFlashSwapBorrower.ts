import { expect } from "chai";

import { ethers, loadFixture } from "../../helpers/connection.js";
import { sandboxFixture } from "../../helpers/fixtures.js";
import { PAIR_USDC } from "../oracles/pairs.js";

const USDC = 10n ** 6n;

/** Alice's flash-swap borrower holding 1,000 USDC to pay fees. */
async function flashSwapFixture() {
  const f = await loadFixture(sandboxFixture);
  const { usdc, actors } = f;
  const borrower = await ethers.deployContract("AmmFlashSwapBorrower", [actors.alice.address]);
  await usdc.connect(actors.alice).transfer(await borrower.getAddress(), 1_000n * USDC);
  return { ...f, borrower };
}

describe("AmmFlashSwapBorrower", function () {
  it("borrows from a pair and pays back the same token plus the 0.3% swap fee", async function () {
    const { borrower, usdc, pairWethUsdc, actors } = await loadFixture(flashSwapFixture);
    const amount = 100_000n * USDC;
    // ceil(amount × 1000 / 997)
    const repayment = (amount * 1000n + 996n) / 997n;
    const fee = repayment - amount;
    expect(fee).to.equal(300_902_709n); // 100,000 × 3 / 997 = 300.9027…, rounded up
    const pair = await pairWethUsdc.getAddress();
    const token = await usdc.getAddress();
    const tx = borrower.connect(actors.alice).flashSwap(pair, token, amount);
    await expect(tx)
      .to.emit(borrower, "FlashSwapReceived")
      .withArgs(token, amount, fee, amount + 1_000n * USDC);
    await expect(tx).to.changeTokenBalances(
      ethers,
      usdc,
      [pair, await borrower.getAddress()],
      [fee, -fee],
    );
    const [r0, r1] = await pairWethUsdc.getReserves();
    const usdcReserve = (await pairWethUsdc.token0()) === token ? r0 : r1;
    expect(usdcReserve).to.equal(PAIR_USDC + fee);
  });

  it("refuses callbacks from anything but the pair it is calling, and swaps it did not start", async function () {
    const { borrower, usdc, pairWethUsdc, actors } = await loadFixture(flashSwapFixture);
    const { attacker, alice } = actors;
    const token = await usdc.getAddress();
    const data = ethers.AbiCoder.defaultAbiCoder().encode(["address"], [token]);
    await expect(borrower.connect(attacker).uniswapV2Call(attacker.address, USDC, 0n, data))
      .to.be.revertedWithCustomError(borrower, "FlashSwapUntrustedPair")
      .withArgs(attacker.address);
    // A swap started by someone else that names the borrower as recipient.
    const out = (await pairWethUsdc.token0()) === token ? [USDC, 0n] : [0n, USDC];
    await expect(
      pairWethUsdc.connect(attacker).swap(out[0], out[1], await borrower.getAddress(), data),
    )
      .to.be.revertedWithCustomError(borrower, "FlashSwapUntrustedPair")
      .withArgs(await pairWethUsdc.getAddress());
    await expect(borrower.connect(attacker).flashSwap(await pairWethUsdc.getAddress(), token, USDC))
      .to.be.revertedWithCustomError(borrower, "OwnableUnauthorizedAccount")
      .withArgs(attacker.address);
    expect(await borrower.owner()).to.equal(alice.address);
  });
});
