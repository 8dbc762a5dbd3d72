import { expect } from "chai";
import { id } from "ethers";

import { SANDBOX_AIRDROP_UNITS } from "../../../lib/pure/airdrop.js";
import { impersonate, mintGovernance } from "../../helpers/admin.js";
import { ethers, loadFixture, networkHelpers } from "../../helpers/connection.js";
import { sandboxFixture } from "../../helpers/fixtures.js";

const ONE = 10n ** 18n;
const MINTER_ROLE = id("MINTER_ROLE");
const DEFAULT_ADMIN_ROLE = ethers.ZeroHash;
/** 4,000 + 4,000 + 3,000 + 3,000 + 4,000: the airdrop's total, the whole supply at deployment. */
const AIRDROP_TOTAL = 18_000n * ONE;

async function governanceFixture() {
  const sandbox = await loadFixture(sandboxFixture);
  const { actors } = sandbox;
  await mintGovernance(sandbox, actors.alice.address, 1_000n * ONE);
  await mintGovernance(sandbox, actors.bob.address, 500n * ONE);
  return sandbox;
}

describe("GovernanceToken", function () {
  it("starts with the airdrop's 18,000 SGOV in the distributor and not a token, vote or role for the deployer", async function () {
    const { governance, airdrop, governanceFarm, timelock, actors } =
      await loadFixture(sandboxFixture);
    const { deployer } = actors;
    expect(SANDBOX_AIRDROP_UNITS.reduce((sum, a) => sum + a.units, 0n) * ONE).to.equal(
      AIRDROP_TOTAL,
    );
    expect(await governance.totalSupply(), "supply").to.equal(AIRDROP_TOTAL);
    expect(await governance.balanceOf(await airdrop.getAddress()), "distributor").to.equal(
      AIRDROP_TOTAL,
    );
    expect(await governance.balanceOf(deployer.address), "deployer's SGOV").to.equal(0n);
    expect(await governance.getVotes(deployer.address), "deployer's votes").to.equal(0n);
    expect(await governance.hasRole(MINTER_ROLE, deployer.address), "deployer mints").to.equal(
      false,
    );
    expect(
      await governance.hasRole(DEFAULT_ADMIN_ROLE, deployer.address),
      "deployer admin",
    ).to.equal(false);
    expect(await governance.hasRole(MINTER_ROLE, await governanceFarm.getAddress())).to.equal(true);
    expect(await governance.hasRole(DEFAULT_ADMIN_ROLE, await timelock.getAddress())).to.equal(
      true,
    );
    // The airdrop's funding was the only mint: one Transfer from the zero address.
    const mints = await governance.queryFilter(governance.filters.Transfer(ethers.ZeroAddress), 0);
    expect(mints.map((e) => [e.args.to, e.args.value])).to.deep.equal([
      [await airdrop.getAddress(), AIRDROP_TOTAL],
    ]);
  });

  it("counts no votes until a holder delegates", async function () {
    const { governance, actors } = await loadFixture(governanceFixture);
    expect(await governance.getVotes(actors.alice.address)).to.equal(0n);
    await expect(governance.connect(actors.alice).delegate(actors.alice.address))
      .to.emit(governance, "DelegateVotesChanged")
      .withArgs(actors.alice.address, 0n, 1_000n * ONE);
    expect(await governance.getVotes(actors.alice.address)).to.equal(1_000n * ONE);
  });

  it("moves votes with transfers and keeps a checkpoint per block", async function () {
    const { governance, actors } = await loadFixture(governanceFixture);
    const { alice, bob, carol } = actors;
    await governance.connect(alice).delegate(alice.address);
    await governance.connect(bob).delegate(carol.address);
    const blockDelegated = await ethers.provider.getBlockNumber();

    await networkHelpers.mine(5);
    await governance.connect(alice).transfer(bob.address, 300n * ONE);
    const blockMoved = await ethers.provider.getBlockNumber();
    await networkHelpers.mine(1);

    expect(await governance.getPastVotes(alice.address, blockDelegated)).to.equal(1_000n * ONE);
    expect(await governance.getPastVotes(carol.address, blockDelegated)).to.equal(500n * ONE);
    expect(await governance.getPastVotes(alice.address, blockMoved)).to.equal(700n * ONE);
    expect(await governance.getPastVotes(carol.address, blockMoved)).to.equal(800n * ONE);
    expect(await governance.getPastVotes(bob.address, blockMoved)).to.equal(0n);
    expect(await governance.numCheckpoints(alice.address)).to.equal(2n);
  });

  it("reads past total supply and refuses lookups of the current or a future block", async function () {
    const { governance } = await loadFixture(governanceFixture);
    const now = BigInt(await ethers.provider.getBlockNumber());
    await expect(governance.getPastVotes(ethers.ZeroAddress, now + 1n))
      .to.be.revertedWithCustomError(governance, "ERC5805FutureLookup")
      .withArgs(now + 1n, now);
    await networkHelpers.mine(1);
    expect(await governance.getPastTotalSupply(now)).to.equal(AIRDROP_TOTAL + 1_500n * ONE);
  });

  it("uses block numbers as its clock", async function () {
    const { governance } = await loadFixture(governanceFixture);
    expect(await governance.clock()).to.equal(BigInt(await ethers.provider.getBlockNumber()));
    expect(await governance.CLOCK_MODE()).to.equal("mode=blocknumber&from=default");
  });

  it("accepts a delegation signed off-chain, once", async function () {
    const { governance, actors } = await loadFixture(governanceFixture);
    const { alice, carol } = actors;
    const expiry = BigInt(await networkHelpers.time.latest()) + 3600n;
    const nonce = await governance.nonces(alice.address);
    const domain = {
      name: "Sandbox Governance",
      version: "1",
      chainId: (await ethers.provider.getNetwork()).chainId,
      verifyingContract: await governance.getAddress(),
    };
    const types = {
      Delegation: [
        { name: "delegatee", type: "address" },
        { name: "nonce", type: "uint256" },
        { name: "expiry", type: "uint256" },
      ],
    };
    const sig = ethers.Signature.from(
      await alice.signTypedData(domain, types, { delegatee: carol.address, nonce, expiry }),
    );
    await governance.delegateBySig(carol.address, nonce, expiry, sig.v, sig.r, sig.s);
    expect(await governance.delegates(alice.address)).to.equal(carol.address);
    expect(await governance.getVotes(carol.address)).to.equal(1_000n * ONE);
    await expect(governance.delegateBySig(carol.address, nonce, expiry, sig.v, sig.r, sig.s))
      .to.be.revertedWithCustomError(governance, "InvalidAccountNonce")
      .withArgs(alice.address, nonce + 1n);
  });

  it("lets a holder of MINTER_ROLE mint, and no one else", async function () {
    const { governance, timelock, actors } = await loadFixture(governanceFixture);
    const { bob, attacker } = actors;
    const role = await governance.MINTER_ROLE();
    await expect(governance.connect(attacker).mint(attacker.address, ONE))
      .to.be.revertedWithCustomError(governance, "AccessControlUnauthorizedAccount")
      .withArgs(attacker.address, role);
    const admin = await impersonate(await timelock.getAddress());
    await governance.connect(admin).grantRole(role, bob.address);
    await expect(governance.connect(bob).mint(bob.address, ONE)).to.changeTokenBalances(
      ethers,
      governance,
      [bob],
      [ONE],
    );
  });
});
