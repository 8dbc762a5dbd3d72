import { expect } from "chai";

import { ethers, loadFixture, networkHelpers } from "../../helpers/connection.js";
import { sandboxFixture } from "../../helpers/fixtures.js";

const WAD = 10n ** 18n;
const USDC = 10n ** 6n;
const POOL = { yld: 10_000n * WAD, usdc: 20_000n * USDC }; // $2 per YLD
const CAP = 1_000n * WAD;

async function minterFixture() {
  await loadFixture(sandboxFixture);
  const [deployer, payer, treasury, stranger] = await ethers.getSigners();
  const yld = await ethers.deployContract("MockERC20", ["Yield Token", "YLD", 18]);
  const usdc = await ethers.deployContract("MockERC20", ["USD Coin", "USDC", 6]);
  const factory = await ethers.deployContract("AmmFactory", [deployer.address]);
  await factory.createPair(await yld.getAddress(), await usdc.getAddress());
  const pair = await ethers.getContractAt(
    "AmmPair",
    await factory.getPair(await yld.getAddress(), await usdc.getAddress()),
  );
  await yld.faucet(await pair.getAddress(), POOL.yld);
  await usdc.faucet(await pair.getAddress(), POOL.usdc);
  await pair.mint(deployer.address);
  const twap = await ethers.deployContract("TwapOracle", [await pair.getAddress(), 60n]);
  await networkHelpers.time.increase(60);
  await twap.update();

  const spotBonus = await ethers.deployContract("BonusToken", [
    deployer.address,
    deployer.address,
    0n,
  ]);
  const twapBonus = await ethers.deployContract("BonusToken", [
    deployer.address,
    deployer.address,
    0n,
  ]);
  const common = [await yld.getAddress(), await usdc.getAddress()];
  const spot = await ethers.deployContract("SpotPerformanceFeeMinter", [
    ...common,
    await spotBonus.getAddress(),
    treasury.address,
    await pair.getAddress(),
  ]);
  const hardened = await ethers.deployContract("TwapPerformanceFeeMinter", [
    ...common,
    await twapBonus.getAddress(),
    treasury.address,
    await twap.getAddress(),
    CAP,
  ]);
  await spotBonus.transferOwnership(await spot.getAddress());
  await twapBonus.transferOwnership(await hardened.getAddress());
  await yld.faucet(payer.address, 10_000n * WAD);
  await yld.connect(payer).approve(await spot.getAddress(), ethers.MaxUint256);
  await yld.connect(payer).approve(await hardened.getAddress(), ethers.MaxUint256);
  return { deployer, payer, treasury, stranger, yld, spot, hardened, spotBonus, twapBonus };
}

describe("PerformanceFeeMinter", function () {
  it("takes the fee to the treasury and mints 0.5 BNS per dollar at the spot price", async function () {
    const { payer, treasury, yld, spot, spotBonus } = await loadFixture(minterFixture);
    const fee = 100n * WAD; // $200 at $2 per YLD
    const tx = spot.connect(payer).mintFor(fee, payer.address);
    await expect(tx)
      .to.emit(spot, "RewardMinted")
      .withArgs(payer.address, payer.address, fee, 200n * USDC, 100n * WAD);
    await expect(tx).to.changeTokenBalances(ethers, yld, [payer, treasury], [-fee, fee]);
    expect(await spotBonus.balanceOf(payer.address)).to.equal(100n * WAD);
  });

  it("mints at the TWAP on the hardened minter, capped at 1,000 BNS a call", async function () {
    const { payer, hardened, twapBonus } = await loadFixture(minterFixture);
    await hardened.connect(payer).mintFor(100n * WAD, payer.address);
    // The window's average, $2 through UQ112x112, may round down by a unit of USDC's last digit.
    expect(await twapBonus.balanceOf(payer.address)).to.be.within(
      100n * WAD - 10n ** 12n,
      100n * WAD,
    );
    await hardened.connect(payer).mintFor(5_000n * WAD, payer.address);
    expect(await twapBonus.balanceOf(payer.address)).to.be.within(
      1_100n * WAD - 10n ** 12n,
      1_100n * WAD,
    );
    expect(await hardened.MAX_MINT_PER_CALL()).to.equal(CAP);
  });

  it("reverts a zero fee and a zero recipient on both minters", async function () {
    const { payer, spot, hardened } = await loadFixture(minterFixture);
    for (const minter of [spot, hardened]) {
      await expect(minter.connect(payer).mintFor(0n, payer.address)).to.be.revertedWithCustomError(
        minter,
        "MinterZeroAmount",
      );
      await expect(
        minter.connect(payer).mintFor(WAD, ethers.ZeroAddress),
      ).to.be.revertedWithCustomError(minter, "MinterZeroAddress");
    }
  });

  it("refuses a zero treasury at deployment", async function () {
    const { yld, spotBonus } = await loadFixture(minterFixture);
    const factory = await ethers.getContractFactory("SpotPerformanceFeeMinter");
    await expect(
      factory.deploy(
        await yld.getAddress(),
        await yld.getAddress(),
        await spotBonus.getAddress(),
        ethers.ZeroAddress,
        await yld.getAddress(),
      ),
    ).to.be.revertedWithCustomError(factory, "MinterZeroAddress");
  });

  it("lets only the bonus token's owner mint", async function () {
    const { stranger, spotBonus } = await loadFixture(minterFixture);
    await expect(spotBonus.connect(stranger).mint(stranger.address, 1n))
      .to.be.revertedWithCustomError(spotBonus, "OwnableUnauthorizedAccount")
      .withArgs(stranger.address);
  });
});
