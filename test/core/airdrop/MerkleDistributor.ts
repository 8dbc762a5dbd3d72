import { expect } from "chai";
import { getAddress, keccak256, toUtf8Bytes } from "ethers";

import { CLAIM_PERIOD } from "../../../ignition/modules/Airdrop.js";
import { buildAirdrop, sandboxAirdrop } from "../../../lib/pure/airdrop.js";
import { ethers, loadFixture, networkHelpers } from "../../helpers/connection.js";
import { sandboxFixture } from "../../helpers/fixtures.js";

const ONE = 10n ** 18n;
// The sandbox airdrop in whole SGOV, by actor: a literal table, independent of lib/pure/airdrop.ts.
const ALLOCATION = { alice: 4_000n, bob: 4_000n, carol: 3_000n, dave: 3_000n, whale: 4_000n };
const TOTAL = 18_000n * ONE;

async function airdropFixture() {
  const sandbox = await loadFixture(sandboxFixture);
  const airdrop = sandboxAirdrop();
  const claimOf = (account: string) => {
    const claim = airdrop.claims.find((c) => c.account === account);
    if (claim === undefined) throw new Error(`no claim for ${account}`);
    return claim;
  };
  return { ...sandbox, tree: airdrop, claimOf };
}

/** A distributor of a mock token over `count` made-up accounts, each owed `index + 1` tokens. */
async function wideAirdropFixture() {
  const { actors } = await loadFixture(sandboxFixture);
  const count = 300;
  const entries = Array.from({ length: count }, (_, i) => ({
    account: getAddress(keccak256(toUtf8Bytes(`holder ${i}`)).slice(0, 42)),
    amount: BigInt(i + 1) * ONE,
  }));
  const airdrop = buildAirdrop(entries);
  const token = await ethers.deployContract("MockERC20", ["Drop", "DROP", 18]);
  const distributor = await ethers.deployContract("MerkleDistributor", [
    await token.getAddress(),
    airdrop.root,
    CLAIM_PERIOD,
    actors.treasury.address,
  ]);
  await token.faucet(await distributor.getAddress(), airdrop.total);
  return { airdrop, token, distributor, actors };
}

describe("MerkleDistributor", function () {
  it("is funded with the allocation of every named actor and owes each of them their share", async function () {
    const { airdrop, governance, timelock, tree, actors } = await loadFixture(airdropFixture);
    expect(await governance.balanceOf(await airdrop.getAddress())).to.equal(TOTAL);
    expect(await airdrop.merkleRoot()).to.equal(tree.root);
    expect(await airdrop.token()).to.equal(await governance.getAddress());
    // What nobody claims goes to the governance timelock, which holds it without voting.
    expect(await airdrop.treasury()).to.equal(await timelock.getAddress());
    const owed = Object.fromEntries(tree.claims.map((c) => [c.account, c.amount]));
    for (const [name, units] of Object.entries(ALLOCATION)) {
      expect(owed[actors[name as keyof typeof ALLOCATION].address]).to.equal(units * ONE);
    }
  });

  it("pays a valid claim to its account and marks it claimed", async function () {
    const { airdrop, governance, actors, claimOf } = await loadFixture(airdropFixture);
    const { index, account, amount, proof } = claimOf(actors.alice.address);
    const tx = airdrop.connect(actors.alice).claim(index, account, amount, proof);
    await expect(tx)
      .to.emit(airdrop, "Claimed")
      .withArgs(index, account, ALLOCATION.alice * ONE);
    await expect(tx).to.changeTokenBalances(
      ethers,
      governance,
      [airdrop, actors.alice],
      [-ALLOCATION.alice * ONE, ALLOCATION.alice * ONE],
    );
    expect(await airdrop.isClaimed(index)).to.equal(true);
    expect(await airdrop.totalClaimed()).to.equal(ALLOCATION.alice * ONE);
  });

  it("sends the tokens to the account of the leaf whoever submits the claim", async function () {
    const { airdrop, governance, actors, claimOf } = await loadFixture(airdropFixture);
    const { index, account, amount, proof } = claimOf(actors.bob.address);
    await expect(
      airdrop.connect(actors.attacker).claim(index, account, amount, proof),
    ).to.changeTokenBalances(
      ethers,
      governance,
      [actors.bob, actors.attacker],
      [ALLOCATION.bob * ONE, 0n],
    );
  });

  it("refuses a second claim of the same leaf", async function () {
    const { airdrop, actors, claimOf } = await loadFixture(airdropFixture);
    const { index, account, amount, proof } = claimOf(actors.carol.address);
    await airdrop.claim(index, account, amount, proof);
    await expect(airdrop.claim(index, account, amount, proof))
      .to.be.revertedWithCustomError(airdrop, "AirdropAlreadyClaimed")
      .withArgs(index);
    expect(await airdrop.totalClaimed()).to.equal(ALLOCATION.carol * ONE);
  });

  it("refuses a claim of more than the leaf holds", async function () {
    const { airdrop, actors, claimOf } = await loadFixture(airdropFixture);
    const { index, account, amount, proof } = claimOf(actors.dave.address);
    await expect(airdrop.claim(index, account, amount + 1n, proof))
      .to.be.revertedWithCustomError(airdrop, "AirdropInvalidProof")
      .withArgs(index, account, amount + 1n);
    expect(await airdrop.isClaimed(index)).to.equal(false);
  });

  it("refuses a proof made for another leaf, and a leaf claimed for another account", async function () {
    const { airdrop, actors, claimOf } = await loadFixture(airdropFixture);
    const alice = claimOf(actors.alice.address);
    const whale = claimOf(actors.whale.address);
    await expect(airdrop.claim(alice.index, alice.account, alice.amount, whale.proof))
      .to.be.revertedWithCustomError(airdrop, "AirdropInvalidProof")
      .withArgs(alice.index, alice.account, alice.amount);
    await expect(airdrop.claim(whale.index, actors.attacker.address, whale.amount, whale.proof))
      .to.be.revertedWithCustomError(airdrop, "AirdropInvalidProof")
      .withArgs(whale.index, actors.attacker.address, whale.amount);
    expect(await airdrop.totalClaimed()).to.equal(0n);
  });

  it("accepts a claim at the deadline and refuses one a second after it", async function () {
    const { airdrop, actors, claimOf } = await loadFixture(airdropFixture);
    const deadline = await airdrop.claimDeadline();
    const bob = claimOf(actors.bob.address);
    await networkHelpers.time.setNextBlockTimestamp(deadline);
    await airdrop.claim(bob.index, bob.account, bob.amount, bob.proof);

    const alice = claimOf(actors.alice.address);
    await networkHelpers.time.setNextBlockTimestamp(deadline + 1n);
    await expect(airdrop.claim(alice.index, alice.account, alice.amount, alice.proof))
      .to.be.revertedWithCustomError(airdrop, "AirdropClaimExpired")
      .withArgs(deadline, deadline + 1n);
  });

  it("refuses to sweep before the deadline has passed", async function () {
    const { airdrop, governance, actors } = await loadFixture(airdropFixture);
    const deadline = await airdrop.claimDeadline();
    await networkHelpers.time.setNextBlockTimestamp(deadline);
    await expect(airdrop.connect(actors.treasury).sweep())
      .to.be.revertedWithCustomError(airdrop, "AirdropSweepTooEarly")
      .withArgs(deadline, deadline);
    expect(await governance.balanceOf(await airdrop.getAddress())).to.equal(TOTAL);
  });

  it("sweeps what was not claimed to the timelock after the deadline, once, where it casts no vote", async function () {
    const { airdrop, governance, timelock, actors, claimOf } = await loadFixture(airdropFixture);
    const whale = claimOf(actors.whale.address);
    await airdrop.claim(whale.index, whale.account, whale.amount, whale.proof);
    const rest = TOTAL - ALLOCATION.whale * ONE;

    await networkHelpers.time.setNextBlockTimestamp((await airdrop.claimDeadline()) + 1n);
    const tx = airdrop.connect(actors.keeper).sweep();
    await expect(tx)
      .to.emit(airdrop, "Swept")
      .withArgs(await timelock.getAddress(), rest);
    await expect(tx).to.changeTokenBalances(ethers, governance, [airdrop, timelock], [-rest, rest]);
    await expect(airdrop.sweep()).to.be.revertedWithCustomError(airdrop, "AirdropNothingToSweep");
    expect(await governance.getVotes(await timelock.getAddress())).to.equal(0n);
  });

  it("keeps one bit per leaf across bitmap words", async function () {
    const { airdrop, distributor, token } = await loadFixture(wideAirdropFixture);
    for (const index of [0, 255, 256, 299]) {
      const { account, amount, proof } = airdrop.claims[index];
      await distributor.claim(index, account, amount, proof);
      expect(await token.balanceOf(account)).to.equal(BigInt(index + 1) * ONE);
    }
    const claimed = await Promise.all(
      [0, 1, 254, 255, 256, 257, 298, 299].map((i) => distributor.isClaimed(i)),
    );
    expect(claimed).to.deep.equal([true, false, false, true, true, false, false, true]);
    expect(await distributor.totalClaimed()).to.equal((1n + 256n + 257n + 300n) * ONE);
  });

  it("sets its deadline one claim period after deployment", async function () {
    const { distributor } = await loadFixture(wideAirdropFixture);
    const receipt = await distributor.deploymentTransaction()!.wait();
    const block = await ethers.provider.getBlock(receipt!.blockNumber);
    expect(await distributor.claimDeadline()).to.equal(BigInt(block!.timestamp) + CLAIM_PERIOD);
  });

  it("refuses to deploy with a zero token or treasury or a zero claim period", async function () {
    const { token, actors } = await loadFixture(wideAirdropFixture);
    const factory = await ethers.getContractFactory("MerkleDistributor");
    const tokenAddress = await token.getAddress();
    const root = ethers.ZeroHash;
    await expect(
      factory.deploy(ethers.ZeroAddress, root, CLAIM_PERIOD, actors.treasury.address),
    ).to.be.revertedWithCustomError(factory, "AirdropZeroAddress");
    await expect(
      factory.deploy(tokenAddress, root, CLAIM_PERIOD, ethers.ZeroAddress),
    ).to.be.revertedWithCustomError(factory, "AirdropZeroAddress");
    await expect(
      factory.deploy(tokenAddress, root, 0n, actors.treasury.address),
    ).to.be.revertedWithCustomError(factory, "AirdropZeroClaimPeriod");
  });
});
