import { expect } from "chai";

import { ethers, loadFixture, networkHelpers } from "../../helpers/connection.js";
import { sandboxFixture } from "../../helpers/fixtures.js";
import { v2AmountOut } from "../../helpers/closed-form.js";

const WAD = 10n ** 18n;
const USDC = 10n ** 6n;
const POOL = { str: 100_000n * WAD, usdc: 100_000n * USDC };

async function vaultFixture() {
  await loadFixture(sandboxFixture);
  const [owner, alice, stranger] = await ethers.getSigners();
  const str = await ethers.deployContract("MockERC20", ["Strategy Token", "STR", 18]);
  const usdc = await ethers.deployContract("MockERC20", ["USD Coin", "USDC", 6]);
  const factory = await ethers.deployContract("AmmFactory", [owner.address]);
  await factory.createPair(await str.getAddress(), await usdc.getAddress());
  const pair = await ethers.getContractAt(
    "AmmPair",
    await factory.getPair(await str.getAddress(), await usdc.getAddress()),
  );
  await str.faucet(await pair.getAddress(), POOL.str);
  await usdc.faucet(await pair.getAddress(), POOL.usdc);
  await pair.mint(owner.address);
  const twap = await ethers.deployContract("TwapOracle", [await pair.getAddress(), 60n]);
  await networkHelpers.time.increase(60);
  await twap.update();
  const args = [
    owner.address,
    await usdc.getAddress(),
    await str.getAddress(),
    await pair.getAddress(),
  ];
  const spot = await ethers.deployContract("SpotValuedVault", args);
  const hardened = await ethers.deployContract("TwapValuedVault", [
    ...args,
    await twap.getAddress(),
  ]);
  for (const vault of [spot, hardened]) {
    await usdc.faucet(alice.address, 10_000n * USDC);
    await usdc.connect(alice).approve(await vault.getAddress(), ethers.MaxUint256);
    await vault.connect(alice).deposit(10_000n * USDC, alice.address);
  }
  return { owner, alice, stranger, str, usdc, pair, spot, hardened };
}

/** Buys STR with `usdcIn` straight from the pair, moving its spot price. */
async function pump(
  pair: Awaited<ReturnType<typeof vaultFixture>>["pair"],
  usdc: Awaited<ReturnType<typeof vaultFixture>>["usdc"],
  usdcIn: bigint,
  to: string,
) {
  const [r0, r1] = await pair.getReserves();
  const usdcIs0 = (await pair.token0()) === (await usdc.getAddress());
  const [rIn, rOut] = usdcIs0 ? [r0, r1] : [r1, r0];
  const out = v2AmountOut(usdcIn, rIn, rOut);
  await usdc.faucet(await pair.getAddress(), usdcIn);
  await pair.swap(usdcIs0 ? 0n : out, usdcIs0 ? out : 0n, to, "0x");
}

describe("StrategyVault", function () {
  it("invests idle USDC in STR through the pair and values it at the spot price", async function () {
    const { owner, str, spot } = await loadFixture(vaultFixture);
    const out = v2AmountOut(5_000n * USDC, POOL.usdc, POOL.str);
    await expect(spot.connect(owner).invest(5_000n * USDC, out))
      .to.emit(spot, "Invested")
      .withArgs(5_000n * USDC, out);
    expect(await str.balanceOf(await spot.getAddress())).to.equal(out);
    const reserveUsdc = POOL.usdc + 5_000n * USDC;
    const reserveStr = POOL.str - out;
    expect(await spot.totalAssets()).to.equal(5_000n * USDC + (out * reserveUsdc) / reserveStr);
  });

  it("reverts an investment below the minimum output", async function () {
    const { owner, spot } = await loadFixture(vaultFixture);
    const out = v2AmountOut(5_000n * USDC, POOL.usdc, POOL.str);
    await expect(spot.connect(owner).invest(5_000n * USDC, out + 1n))
      .to.be.revertedWithCustomError(spot, "VaultInsufficientOutput")
      .withArgs(out, out + 1n);
  });

  it("refuses invest to anyone but the owner, on both vaults", async function () {
    const { stranger, spot, hardened } = await loadFixture(vaultFixture);
    for (const vault of [spot, hardened]) {
      await expect(vault.connect(stranger).invest(USDC, 0n))
        .to.be.revertedWithCustomError(vault, "OwnableUnauthorizedAccount")
        .withArgs(stranger.address);
    }
  });

  it("follows a pumped pool on the spot vault and ignores it on the TWAP vault until the bound trips", async function () {
    const { owner, alice, pair, usdc, spot, hardened } = await loadFixture(vaultFixture);
    await spot.connect(owner).invest(5_000n * USDC, 0n);
    await hardened.connect(owner).invest(5_000n * USDC, 0n);
    const spotBefore = await spot.totalAssets();
    await pump(pair, usdc, 50_000n * USDC, owner.address);
    expect(await spot.totalAssets(), "spot vault marks the pump").to.be.greaterThan(
      spotBefore + 5_000n * USDC,
    );
    await expect(hardened.totalAssets()).to.be.revertedWithCustomError(
      hardened,
      "VaultPriceDeviation",
    );
    await expect(
      hardened.connect(alice).redeem(USDC, alice.address, alice.address),
    ).to.be.revertedWithCustomError(hardened, "VaultPriceDeviation");
  });

  it("values nothing invested at zero without asking the TWAP", async function () {
    const { hardened } = await loadFixture(vaultFixture);
    expect(await hardened.totalAssets()).to.equal(10_000n * USDC);
  });
});
