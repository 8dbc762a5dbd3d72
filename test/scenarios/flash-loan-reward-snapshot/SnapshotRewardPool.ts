import { expect } from "chai";
import { ZeroAddress } from "ethers";

import {
  FlashLender__factory,
  MockERC20__factory,
  RewardSnapshotAttacker__factory,
  RewardToken__factory,
  SnapshotRewardPool__factory,
} from "../../../typechain-types/index.js";
import { getActors } from "../../../lib/chain/actors.js";
import { ethers, loadFixture, networkHelpers } from "../../helpers/connection.js";

const ONE = 10n ** 18n;
const ROUND = 5n * 86_400n;
const REWARDS = 10_800n * ONE;

async function snapshotPoolFixture() {
  const actors = await getActors(ethers);
  const { deployer, alice, bob } = actors;
  const token = await new MockERC20__factory(deployer).deploy("Dai Stablecoin", "DAI", 18);
  const reward = await new RewardToken__factory(deployer).deploy(deployer.address, 10n ** 30n);
  const pool = await new SnapshotRewardPool__factory(deployer).deploy(
    await token.getAddress(),
    await reward.getAddress(),
  );
  await reward.grantRole(await reward.MINTER_ROLE(), await pool.getAddress());
  for (const user of [alice, bob]) {
    await token.faucet(user.address, 1_000_000n * ONE);
    await token.connect(user).approve(await pool.getAddress(), ethers.MaxUint256);
  }
  return { ...actors, token, reward, pool };
}

describe("SnapshotRewardPool", function () {
  it("starts round 1 at deployment and refuses zero addresses", async function () {
    const { pool, token, deployer } = await loadFixture(snapshotPoolFixture);
    expect(await pool.round()).to.equal(1n);
    expect(await pool.REWARDS_PER_ROUND()).to.equal(REWARDS);
    expect(await pool.ROUND_DURATION()).to.equal(ROUND);
    const factory = new SnapshotRewardPool__factory(deployer);
    await expect(
      factory.deploy(ZeroAddress, await token.getAddress()),
    ).to.be.revertedWithCustomError(pool, "RewardPoolZeroAddress");
  });

  it("credits a deposit and emits Deposited", async function () {
    const { pool, token, alice, bob } = await loadFixture(snapshotPoolFixture);
    const tx = pool.connect(alice).deposit(0n, 100n * ONE, bob.address);
    await expect(tx)
      .to.emit(pool, "Deposited")
      .withArgs(alice.address, 100n * ONE, bob.address);
    await expect(tx).to.changeTokenBalances(
      ethers,
      token,
      [alice, pool],
      [-100n * ONE, 100n * ONE],
    );
    expect(await pool.depositOf(bob.address)).to.equal(100n * ONE);
    expect(await pool.totalDeposits()).to.equal(100n * ONE);
  });

  it("rejects an unknown pool, a zero amount and a zero recipient, changing nothing", async function () {
    const { pool, alice } = await loadFixture(snapshotPoolFixture);
    await expect(pool.connect(alice).deposit(1n, ONE, alice.address))
      .to.be.revertedWithCustomError(pool, "RewardPoolUnknownPool")
      .withArgs(1n);
    await expect(pool.connect(alice).deposit(0n, 0n, alice.address)).to.be.revertedWithCustomError(
      pool,
      "RewardPoolZeroAmount",
    );
    await expect(pool.connect(alice).deposit(0n, ONE, ZeroAddress)).to.be.revertedWithCustomError(
      pool,
      "RewardPoolZeroAddress",
    );
    await expect(pool.connect(alice).harvest(0n, ZeroAddress)).to.be.revertedWithCustomError(
      pool,
      "RewardPoolZeroAddress",
    );
    await expect(
      pool.connect(alice).withdrawAndHarvest(2n, ONE, alice.address),
    ).to.be.revertedWithCustomError(pool, "RewardPoolUnknownPool");
    expect(await pool.totalDeposits()).to.equal(0n);
    await pool.connect(alice).deposit(0n, ONE, alice.address);
    await expect(
      pool.connect(alice).withdrawAndHarvest(0n, ONE, ZeroAddress),
    ).to.be.revertedWithCustomError(pool, "RewardPoolZeroAddress");
    await expect(pool.connect(alice).withdraw(0n, ONE, ZeroAddress)).to.be.revertedWithCustomError(
      pool,
      "RewardPoolZeroAddress",
    );
    expect(await pool.depositOf(alice.address)).to.equal(ONE);
  });

  it("withdraws a deposit and refuses more than the caller has, with the values", async function () {
    const { pool, token, alice } = await loadFixture(snapshotPoolFixture);
    await pool.connect(alice).deposit(0n, 10n * ONE, alice.address);
    await expect(pool.connect(alice).withdraw(0n, 11n * ONE, alice.address))
      .to.be.revertedWithCustomError(pool, "RewardPoolInsufficientDeposit")
      .withArgs(alice.address, 10n * ONE, 11n * ONE);
    await expect(pool.connect(alice).withdraw(0n, 0n, alice.address)).to.be.revertedWithCustomError(
      pool,
      "RewardPoolZeroAmount",
    );
    const tx = pool.connect(alice).withdraw(0n, 4n * ONE, alice.address);
    await expect(tx)
      .to.emit(pool, "Withdrawn")
      .withArgs(alice.address, 4n * ONE, alice.address);
    await expect(tx).to.changeTokenBalances(ethers, token, [pool, alice], [-4n * ONE, 4n * ONE]);
    expect(await pool.depositOf(alice.address)).to.equal(6n * ONE);
  });

  it("pays each deposit its share of the snapshot once per round", async function () {
    const { pool, reward, alice, bob } = await loadFixture(snapshotPoolFixture);
    await pool.connect(alice).deposit(0n, 300n * ONE, alice.address);
    await pool.connect(bob).deposit(0n, 100n * ONE, bob.address);
    // Round 1's snapshot was the empty pool at deployment: nothing to pay yet.
    expect(await pool.pendingReward(0n, alice.address), "an empty snapshot pays nothing").to.equal(
      0n,
    );
    await pool.connect(alice).harvest(0n, alice.address);
    expect(await reward.balanceOf(alice.address)).to.equal(0n);

    await networkHelpers.time.increase(ROUND);
    expect(await pool.isRoundDue()).to.equal(true);
    expect(await pool.pendingReward(0n, alice.address)).to.equal((REWARDS * 3n) / 4n);
    await expect(pool.connect(alice).harvest(0n, alice.address))
      .to.emit(pool, "Harvested")
      .withArgs(alice.address, 2n, (REWARDS * 3n) / 4n, alice.address);
    expect(await pool.round()).to.equal(2n);
    expect(await pool.depositAtRound(alice.address, 2n)).to.equal(300n * ONE);
    expect(await pool.totalAtRound(2n)).to.equal(400n * ONE);
    // Once per round, and a deposit after the snapshot does not change this round's shares.
    await pool.connect(alice).deposit(0n, 1_000n * ONE, alice.address);
    await pool.connect(alice).harvest(0n, alice.address);
    expect(await reward.balanceOf(alice.address)).to.equal((REWARDS * 3n) / 4n);
    expect(await pool.pendingReward(0n, alice.address), "harvested this round").to.equal(0n);
    expect(await pool.pendingReward(0n, bob.address)).to.equal(REWARDS / 4n);
    await pool.connect(bob).withdrawAndHarvest(0n, 100n * ONE, bob.address);
    expect(await reward.balanceOf(bob.address)).to.equal(REWARDS / 4n);
    expect(await pool.depositOf(bob.address)).to.equal(0n);
  });

  it("counts a deposit made in the transaction that starts the round: the flaw", async function () {
    const { pool, reward, alice, bob } = await loadFixture(snapshotPoolFixture);
    await pool.connect(alice).deposit(0n, 100n * ONE, alice.address);
    await networkHelpers.time.increase(ROUND);
    await pool.connect(bob).deposit(0n, 900n * ONE, bob.address);
    await pool.connect(bob).withdrawAndHarvest(0n, 900n * ONE, bob.address);
    expect(await reward.balanceOf(bob.address)).to.equal((REWARDS * 9n) / 10n);
  });

  it("has no privileged functions: the round schedule and the reward are fixed at deployment", async function () {
    const { pool } = await loadFixture(snapshotPoolFixture);
    const names: string[] = [];
    pool.interface.forEachFunction((f) => names.push(f.name));
    expect(names, "the ABI was read").to.include("deposit");
    expect(names.filter((n) => /owner|set|admin|grant/i.test(n))).to.deep.equal([]);
  });
});

describe("RewardSnapshotAttacker", function () {
  it("lets only its owner attack and only its lender call back", async function () {
    const { pool, token, reward, deployer, alice } = await loadFixture(snapshotPoolFixture);
    const lender = await new FlashLender__factory(deployer).deploy(
      deployer.address,
      deployer.address,
      0n,
    );
    const attacker = await new RewardSnapshotAttacker__factory(deployer).deploy(
      await lender.getAddress(),
      await pool.getAddress(),
      await token.getAddress(),
      await reward.getAddress(),
    );
    await expect(attacker.connect(alice).attack())
      .to.be.revertedWithCustomError(attacker, "AttackerNotOwner")
      .withArgs(alice.address);
    await expect(
      attacker.connect(alice).onFlashLoan(alice.address, await token.getAddress(), 1n, 0n, "0x"),
    )
      .to.be.revertedWithCustomError(attacker, "AttackerNotLender")
      .withArgs(alice.address);
  });
});
