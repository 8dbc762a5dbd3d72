import { expect } from "chai";

import { AMM_SEED } from "../../../ignition/modules/Amm.js";
import { STAKING_REWARD } from "../../../ignition/modules/Farming.js";
import { REWARD_CAP } from "../../../ignition/modules/Tokens.js";
import { impersonate } from "../../helpers/admin.js";
import { ethers, loadFixture, networkHelpers } from "../../helpers/connection.js";
import { sandboxFixture } from "../../helpers/fixtures.js";
import { signPermit } from "../../helpers/permit.js";

const ONE = 10n ** 18n;
/** RWD minted once by the deployer for the AMM's RWD/WETH pool and the staking's first week. */
const SEEDED = AMM_SEED.rewardWeth.reward + STAKING_REWARD;

async function rewardFixture() {
  const sandbox = await loadFixture(sandboxFixture);
  const { reward, actors } = sandbox;
  // Bob stands in for a farm: the only minter.
  const admin = await impersonate(await sandbox.timelock.getAddress());
  await reward.connect(admin).grantRole(await reward.MINTER_ROLE(), actors.bob.address);
  return sandbox;
}

describe("RewardToken", function () {
  it("is capped at 100 million tokens and starts with only the AMM pool's and the staking's seed", async function () {
    const { reward, actors } = await loadFixture(rewardFixture);
    expect(await reward.cap()).to.equal(100_000_000n * ONE);
    expect(await reward.totalSupply()).to.equal(SEEDED);
    expect(await reward.hasRole(await reward.MINTER_ROLE(), actors.deployer.address)).to.equal(
      false,
    );
    expect([await reward.name(), await reward.symbol()]).to.deep.equal(["Sandbox Reward", "RWD"]);
  });

  it("lets a holder of MINTER_ROLE mint", async function () {
    const { reward, actors } = await loadFixture(rewardFixture);
    await expect(reward.connect(actors.bob).mint(actors.alice.address, 5n * ONE))
      .to.emit(reward, "Transfer")
      .withArgs(ethers.ZeroAddress, actors.alice.address, 5n * ONE);
    expect(await reward.totalSupply()).to.equal(SEEDED + 5n * ONE);
  });

  it("reverts a mint by an account without MINTER_ROLE", async function () {
    const { reward, actors } = await loadFixture(rewardFixture);
    const { attacker } = actors;
    await expect(reward.connect(attacker).mint(attacker.address, ONE))
      .to.be.revertedWithCustomError(reward, "AccessControlUnauthorizedAccount")
      .withArgs(attacker.address, await reward.MINTER_ROLE());
    expect(await reward.totalSupply()).to.equal(SEEDED);
  });

  it("reverts a role grant by an account that is not the admin", async function () {
    const { reward, actors } = await loadFixture(rewardFixture);
    const { attacker } = actors;
    await expect(reward.connect(attacker).grantRole(await reward.MINTER_ROLE(), attacker.address))
      .to.be.revertedWithCustomError(reward, "AccessControlUnauthorizedAccount")
      .withArgs(attacker.address, await reward.DEFAULT_ADMIN_ROLE());
  });

  it("mints exactly up to the cap and reverts one wei beyond it", async function () {
    const { reward, actors } = await loadFixture(rewardFixture);
    const minter = reward.connect(actors.bob);
    await minter.mint(actors.alice.address, REWARD_CAP - SEEDED - 1n);
    await minter.mint(actors.alice.address, 1n);
    await expect(minter.mint(actors.alice.address, 1n))
      .to.be.revertedWithCustomError(reward, "ERC20ExceededCap")
      .withArgs(REWARD_CAP + 1n, REWARD_CAP);
  });

  it("frees room under the cap when tokens are burned", async function () {
    const { reward, actors } = await loadFixture(rewardFixture);
    const { alice, bob } = actors;
    await reward.connect(bob).mint(alice.address, REWARD_CAP - SEEDED);
    await reward.connect(alice).burn(10n * ONE);
    expect(await reward.totalSupply()).to.equal(REWARD_CAP - 10n * ONE);
    await reward.connect(bob).mint(alice.address, 10n * ONE);
    expect(await reward.totalSupply()).to.equal(REWARD_CAP);
  });

  it("burns from another holder only within the allowance", async function () {
    const { reward, actors } = await loadFixture(rewardFixture);
    const { alice, bob, carol } = actors;
    await reward.connect(bob).mint(alice.address, 10n * ONE);
    await reward.connect(alice).approve(carol.address, 4n * ONE);
    await expect(reward.connect(carol).burnFrom(alice.address, 4n * ONE)).to.changeTokenBalances(
      ethers,
      reward,
      [alice],
      [-4n * ONE],
    );
    await expect(reward.connect(carol).burnFrom(alice.address, 1n))
      .to.be.revertedWithCustomError(reward, "ERC20InsufficientAllowance")
      .withArgs(carol.address, 0n, 1n);
  });

  it("refuses a zero cap at deployment", async function () {
    const { actors } = await loadFixture(rewardFixture);
    const factory = await ethers.getContractFactory("RewardToken");
    await expect(factory.deploy(actors.deployer.address, 0n))
      .to.be.revertedWithCustomError(factory, "ERC20InvalidCap")
      .withArgs(0n);
  });

  describe("permit", function () {
    it("sets an allowance from a valid signature", async function () {
      const { reward, actors } = await loadFixture(rewardFixture);
      const { alice, carol } = actors;
      const deadline = BigInt(await networkHelpers.time.latest()) + 3600n;
      const sig = await signPermit(reward, alice, carol.address, 7n * ONE, deadline);
      await reward.permit(alice.address, carol.address, 7n * ONE, deadline, sig.v, sig.r, sig.s);
      expect(await reward.allowance(alice.address, carol.address)).to.equal(7n * ONE);
      expect(await reward.nonces(alice.address)).to.equal(1n);
    });

    it("reverts an expired signature", async function () {
      const { reward, actors } = await loadFixture(rewardFixture);
      const { alice, carol } = actors;
      const deadline = BigInt(await networkHelpers.time.latest()) - 1n;
      const sig = await signPermit(reward, alice, carol.address, ONE, deadline);
      await expect(reward.permit(alice.address, carol.address, ONE, deadline, sig.v, sig.r, sig.s))
        .to.be.revertedWithCustomError(reward, "ERC2612ExpiredSignature")
        .withArgs(deadline);
    });

    it("reverts a replayed signature", async function () {
      const { reward, actors } = await loadFixture(rewardFixture);
      const { alice, carol } = actors;
      const deadline = BigInt(await networkHelpers.time.latest()) + 3600n;
      const sig = await signPermit(reward, alice, carol.address, ONE, deadline);
      await reward.permit(alice.address, carol.address, ONE, deadline, sig.v, sig.r, sig.s);
      // The nonce moved on, so the same signature now recovers to some other address.
      await expect(
        reward.permit(alice.address, carol.address, ONE, deadline, sig.v, sig.r, sig.s),
      ).to.be.revertedWithCustomError(reward, "ERC2612InvalidSigner");
    });

    it("reverts a signature by someone other than the owner", async function () {
      const { reward, actors } = await loadFixture(rewardFixture);
      const { alice, attacker } = actors;
      const deadline = BigInt(await networkHelpers.time.latest()) + 3600n;
      const sig = await signPermit(
        reward,
        attacker,
        attacker.address,
        ONE,
        deadline,
        alice.address,
      );
      await expect(
        reward.permit(alice.address, attacker.address, ONE, deadline, sig.v, sig.r, sig.s),
      )
        .to.be.revertedWithCustomError(reward, "ERC2612InvalidSigner")
        .withArgs(attacker.address, alice.address);
    });
  });
});
