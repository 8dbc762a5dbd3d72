import { expect } from "chai";

import { ethers, loadFixture, networkHelpers } from "../../helpers/connection.js";
import { sandboxFixture } from "../../helpers/fixtures.js";

const ONE = 10n ** 18n;
const DAY = 86_400n;

/** A DevCutFarm minting a fresh RWD at 1 RWD a second for 10 days, its cut to `dev` (carol). */
async function devCutFarmFixture() {
  const { actors } = await loadFixture(sandboxFixture);
  const { keeper: owner, carol: dev } = actors;
  const reward = await ethers.deployContract("RewardToken", [owner.address, 10n ** 27n]);
  const start = BigInt(await networkHelpers.time.latest()) + 100n;
  const farm = await ethers.deployContract("DevCutFarm", [
    await reward.getAddress(),
    ONE,
    start,
    10n * DAY,
    0n,
    1n,
    owner.address,
    dev.address,
  ]);
  await (
    await reward.connect(owner).grantRole(await reward.MINTER_ROLE(), await farm.getAddress())
  ).wait();
  return { farm, reward, start, dev, owner, actors };
}

describe("DevCutFarm", function () {
  it("refuses a zero dev fund", async function () {
    const { reward, owner, farm } = await loadFixture(devCutFarmFixture);
    await expect(
      ethers.deployContract("DevCutFarm", [
        await reward.getAddress(),
        ONE,
        0n,
        DAY,
        0n,
        1n,
        owner.address,
        ethers.ZeroAddress,
      ]),
    ).to.be.revertedWithCustomError(farm, "FarmZeroAddress");
  });

  it("mints nothing before the start", async function () {
    const { farm, reward, dev } = await loadFixture(devCutFarmFixture);
    await expect(farm.mintDevCutDown()).to.not.emit(farm, "DevCutMinted");
    expect(await reward.balanceOf(dev.address)).to.equal(0n);
  });

  it("mints a tenth of the emission since the last mint, to anyone's call", async function () {
    const { farm, reward, start, dev, actors } = await loadFixture(devCutFarmFixture);
    await networkHelpers.time.setNextBlockTimestamp(start + 1_000n);
    // 1,000 seconds at 1 RWD: 100 RWD.
    await expect(farm.connect(actors.bob).mintDevCutDown())
      .to.emit(farm, "DevCutMinted")
      .withArgs(dev.address, 100n * ONE);
    await networkHelpers.time.setNextBlockTimestamp(start + 1_005n);
    await expect(farm.mintDevCutDown()).to.changeTokenBalances(ethers, reward, [dev], [ONE / 2n]);
    expect(await farm.devCutMinted()).to.equal(100n * ONE + ONE / 2n);
    expect(await farm.devCutUntil()).to.equal(start + 1_005n);
  });

  it("stops at the end of the schedule: the whole cut is a tenth of the whole emission", async function () {
    const { farm, dev, reward, start } = await loadFixture(devCutFarmFixture);
    await networkHelpers.time.increaseTo(start + 20n * DAY);
    await (await farm.mintDevCutDown()).wait();
    await (await farm.mintDevCutDown()).wait();
    expect(await reward.balanceOf(dev.address)).to.equal((10n * DAY * ONE) / 10n);
  });
});

describe("DevVestingWallet", function () {
  it("releases nothing before the cliff, then what vested linearly from the start", async function () {
    const { reward, owner, actors } = await loadFixture(devCutFarmFixture);
    const dev = actors.dave;
    const start = BigInt(await networkHelpers.time.latest()) + 10n;
    const wallet = await ethers.deployContract("DevVestingWallet", [
      dev.address,
      start,
      100n * DAY,
      30n * DAY,
    ]);
    await (await reward.connect(owner).grantRole(await reward.MINTER_ROLE(), owner.address)).wait();
    await (await reward.connect(owner).mint(await wallet.getAddress(), 1_000n * ONE)).wait();
    const token = await reward.getAddress();
    await networkHelpers.time.setNextBlockTimestamp(start + 30n * DAY - 1n);
    await expect(wallet["release(address)"](token)).to.changeTokenBalances(
      ethers,
      reward,
      [dev],
      [0n],
    );
    await networkHelpers.time.setNextBlockTimestamp(start + 30n * DAY);
    await expect(wallet["release(address)"](token)).to.changeTokenBalances(
      ethers,
      reward,
      [dev],
      [300n * ONE],
    );
    await networkHelpers.time.setNextBlockTimestamp(start + 100n * DAY);
    await expect(wallet["release(address)"](token)).to.changeTokenBalances(
      ethers,
      reward,
      [dev],
      [700n * ONE],
    );
  });
});
