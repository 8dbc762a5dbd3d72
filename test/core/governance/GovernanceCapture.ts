import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import { id } from "ethers";

import {
  GOVERNANCE_FARM_POOLS,
  GOVERNANCE_FARM_SCHEDULE,
} from "../../../ignition/modules/Farming.js";
import {
  QUORUM_PERCENT,
  TIMELOCK_DELAY,
  VOTING_DELAY,
  VOTING_PERIOD,
} from "../../../ignition/modules/Governance.js";
import { REPORTER_ACCOUNTS, STABLE_RISK } from "../../../ignition/modules/Lending.js";
import { sandboxAirdrop } from "../../../lib/pure/airdrop.js";
import { mintGovernance } from "../../helpers/admin.js";
import { ethers, loadFixture, networkHelpers } from "../../helpers/connection.js";
import { sandboxFixture } from "../../helpers/fixtures.js";

const { time } = networkHelpers;
const ONE = 10n ** 18n;
const USDC = 10n ** 6n;
const DAY = 86_400n;
const MAX = ethers.MaxUint256;
const DEFAULT_ADMIN_ROLE = ethers.ZeroHash;
const MINTER_ROLE = id("MINTER_ROLE");
const ORACLE_ROLE = id("ORACLE_ROLE");
const DEFEATED = 3n;
const SUCCEEDED = 4n;
const AGAINST = 0;
const FOR = 1;

/** The airdrop in whole SGOV: a literal table, independent of lib/pure/airdrop.ts. */
const AIRDROP = { alice: 4_000n, bob: 4_000n, carol: 3_000n, dave: 3_000n, whale: 4_000n } as const;
const AIRDROP_TOTAL = 18_000n * ONE;
type Holder = keyof typeof AIRDROP;
const HOLDERS = Object.keys(AIRDROP) as Holder[];
/** The deployment before the fix minted the whole supply, 10 million SGOV, to the deployer. */
const OLD_DEPLOYER_SUPPLY = 10_000_000n * ONE;

type Sandbox = Awaited<ReturnType<typeof sandboxFixture>>;

/** Alice and bob put money in the market: what a captured governance would steal. */
async function victimsFixture() {
  const sandbox = await loadFixture(sandboxFixture);
  const { lendingMarket, usdc, weth, actors } = sandbox;
  const market = await lendingMarket.getAddress();
  await usdc.connect(actors.alice).approve(market, MAX);
  await lendingMarket.connect(actors.alice).supply(await usdc.getAddress(), 50_000n * USDC);
  await weth.connect(actors.bob).approve(market, MAX);
  await lendingMarket.connect(actors.bob).supply(await weth.getAddress(), 20n * ONE);
  return sandbox;
}

async function claimAndDelegate(sandbox: Sandbox, signer: HardhatEthersSigner): Promise<void> {
  const claim = sandboxAirdrop().claims.find((c) => c.account === signer.address);
  if (claim === undefined) throw new Error(`no airdrop for ${signer.address}`);
  await sandbox.airdrop.claim(claim.index, claim.account, claim.amount, claim.proof);
  await sandbox.governance.connect(signer).delegate(signer.address);
}

/** Proposes one call through the governor and mines to the start of the vote. */
async function propose(
  sandbox: Sandbox,
  proposer: HardhatEthersSigner,
  target: { getAddress(): Promise<string> },
  calldata: string,
  description: string,
) {
  const targets = [await target.getAddress()];
  const values = [0n];
  const calldatas = [calldata];
  await sandbox.governor.connect(proposer).propose(targets, values, calldatas, description);
  const proposalId = await sandbox.governor.hashProposal(
    targets,
    values,
    calldatas,
    id(description),
  );
  await networkHelpers.mine(VOTING_DELAY + 1n);
  return { targets, values, calldatas, descriptionHash: id(description), proposalId };
}

async function farmWeightProposal(sandbox: Sandbox, proposer: HardhatEthersSigner, tag: string) {
  const calldata = sandbox.farm.interface.encodeFunctionData("set", [3n, 500n]);
  return propose(sandbox, proposer, sandbox.farm, calldata, `Weight the RWD pool 500 (${tag})`);
}

/**
 * The deployer's capture of the market: one proposal lists a token of its own and moves the market
 * to an oracle that prices it at will; then it supplies a little of the token and borrows every wei.
 */
async function captureMarket(sandbox: Sandbox) {
  const { lendingMarket, governor, rateModelStable, usdc, dai, weth, actors } = sandbox;
  const { deployer } = actors;
  const rigged = await ethers.deployContract("MockPriceOracle");
  const junk = await ethers.deployContract("MockERC20", ["Junk", "JUNK", 18]);
  await sandbox.governance.connect(deployer).delegate(deployer.address);
  await networkHelpers.mine(1);
  const targets = [await lendingMarket.getAddress(), await lendingMarket.getAddress()];
  const values = [0n, 0n];
  const calldatas = [
    lendingMarket.interface.encodeFunctionData("listAsset", [
      await junk.getAddress(),
      await rateModelStable.getAddress(),
      STABLE_RISK,
    ]),
    lendingMarket.interface.encodeFunctionData("setOracle", [await rigged.getAddress()]),
  ];
  const description = "List JUNK and use a better oracle";
  await governor.connect(deployer).propose(targets, values, calldatas, description);
  const proposalId = await governor.hashProposal(targets, values, calldatas, id(description));
  await networkHelpers.mine(VOTING_DELAY + 1n);
  await governor.connect(deployer).castVote(proposalId, FOR);
  await networkHelpers.mine(VOTING_PERIOD);
  const proposal = { targets, values, calldatas, descriptionHash: id(description), proposalId };
  return { rigged, junk, proposal, tokens: [usdc, dai, weth] };
}

describe("Governance capture", function () {
  it("leaves the deployer without a token, a vote or a role anywhere once deployed", async function () {
    const sandbox = await loadFixture(sandboxFixture);
    const { governance, reward, liquidStaking, reporterOracle, vault, actors } = sandbox;
    const { deployer } = actors;
    expect(await governance.balanceOf(deployer.address), "SGOV").to.equal(0n);
    expect(await governance.getVotes(deployer.address), "votes").to.equal(0n);
    for (const [name, token] of [
      ["SGOV", governance],
      ["RWD", reward],
    ] as const) {
      expect(await token.hasRole(MINTER_ROLE, deployer.address), `${name} minter`).to.equal(false);
      expect(await token.hasRole(DEFAULT_ADMIN_ROLE, deployer.address), `${name} admin`).to.equal(
        false,
      );
    }
    expect(await liquidStaking.hasRole(ORACLE_ROLE, deployer.address), "LST oracle").to.equal(
      false,
    );
    expect(await reporterOracle.isReporter(deployer.address), "price reporter").to.equal(false);
    expect(await vault.keeper(), "vault keeper").to.not.equal(deployer.address);
    const signers = await ethers.getSigners();
    expect(await reporterOracle.reporters()).to.deep.equal(
      REPORTER_ACCOUNTS.map((i) => signers[i].address),
    );
  });

  it("with the whole supply in the deployer's hands, one delegate and one proposal steal the market (the old deployment)", async function () {
    const sandbox = await loadFixture(victimsFixture);
    const { lendingMarket, governor, actors } = sandbox;
    const { deployer, alice, bob } = actors;
    await mintGovernance(sandbox, deployer.address, OLD_DEPLOYER_SUPPLY);
    const { rigged, junk, proposal, tokens } = await captureMarket(sandbox);
    expect(await governor.state(proposal.proposalId), "99.8% of the votes").to.equal(SUCCEEDED);
    await governor.queue(
      proposal.targets,
      proposal.values,
      proposal.calldatas,
      proposal.descriptionHash,
    );
    await time.increase(TIMELOCK_DELAY);
    await governor.execute(
      proposal.targets,
      proposal.values,
      proposal.calldatas,
      proposal.descriptionHash,
    );
    expect(await lendingMarket.oracle()).to.equal(await rigged.getAddress());

    // The rigged oracle tells the truth about USDC, DAI and WETH, and prices JUNK at $10^12.
    await rigged.setPrice(await sandbox.usdc.getAddress(), ONE);
    await rigged.setPrice(await sandbox.dai.getAddress(), ONE);
    await rigged.setPrice(await sandbox.weth.getAddress(), 2_000n * ONE);
    await rigged.setPrice(await junk.getAddress(), 10n ** 12n * ONE);
    await junk.faucet(deployer.address, ONE);
    await junk.connect(deployer).approve(await lendingMarket.getAddress(), ONE);
    await lendingMarket.connect(deployer).supply(await junk.getAddress(), ONE);
    for (const token of tokens) {
      const asset = await token.getAddress();
      const [cash] = await lendingMarket.marketState(asset);
      const before = await token.balanceOf(deployer.address);
      await lendingMarket.connect(deployer).borrow(asset, cash, deployer.address);
      expect((await token.balanceOf(deployer.address)) - before, "every wei of cash").to.equal(
        cash,
      );
    }
    // Alice's USDC and bob's WETH are gone with it.
    await expect(
      lendingMarket
        .connect(alice)
        .withdraw(await sandbox.usdc.getAddress(), 50_000n * USDC, alice.address),
    ).to.be.revertedWithCustomError(lendingMarket, "LendingInsufficientCash");
    await expect(
      lendingMarket.connect(bob).withdraw(await sandbox.weth.getAddress(), 20n * ONE, bob.address),
    ).to.be.revertedWithCustomError(lendingMarket, "LendingInsufficientCash");
  });

  it("with the sandbox's distribution, the same attack finds no votes, fails the quorum and steals nothing", async function () {
    const sandbox = await loadFixture(victimsFixture);
    const { lendingMarket, governor, usdc, weth, reporterOracle, actors } = sandbox;
    const { deployer, alice, bob } = actors;
    const walletBefore = await Promise.all(
      [usdc, sandbox.dai, weth].map((t) => t.balanceOf(deployer.address)),
    );
    const { proposal } = await captureMarket(sandbox);
    const [against, forVotes] = await governor.proposalVotes(proposal.proposalId);
    expect([against, forVotes], "the deployer's vote weighs nothing").to.deep.equal([0n, 0n]);
    expect(await governor.state(proposal.proposalId)).to.equal(DEFEATED);
    await expect(
      governor.queue(
        proposal.targets,
        proposal.values,
        proposal.calldatas,
        proposal.descriptionHash,
      ),
    ).to.be.revertedWithCustomError(governor, "GovernorUnexpectedProposalState");
    expect(await lendingMarket.oracle()).to.equal(await reporterOracle.getAddress());
    const walletAfter = await Promise.all(
      [usdc, sandbox.dai, weth].map((t) => t.balanceOf(deployer.address)),
    );
    expect(walletAfter, "the deployer's wallet").to.deep.equal(walletBefore);
    // The victims leave with everything they supplied.
    await lendingMarket
      .connect(alice)
      .withdraw(await usdc.getAddress(), 50_000n * USDC, alice.address);
    await lendingMarket.connect(bob).withdraw(await weth.getAddress(), 20n * ONE, bob.address);
    expect(await usdc.balanceOf(alice.address)).to.equal(100_000n * USDC);
    expect(await weth.balanceOf(bob.address)).to.equal(50n * ONE);
  });

  it("lets no airdrop holder pass a proposal alone, and any two together", async function () {
    const sandbox = await loadFixture(sandboxFixture);
    const { governor, actors } = sandbox;
    for (const name of HOLDERS) await claimAndDelegate(sandbox, actors[name]);
    await networkHelpers.mine(1);
    // 25% of the 18,000 in existence (claimed or not) is 4,500; the largest airdrop is 4,000.
    const quorum = (AIRDROP_TOTAL * QUORUM_PERCENT) / 100n;
    expect(quorum).to.equal(4_500n * ONE);
    for (const name of HOLDERS) {
      const { proposalId } = await farmWeightProposal(sandbox, actors[name], `${name} alone`);
      await governor.connect(actors[name]).castVote(proposalId, FOR);
      await networkHelpers.mine(VOTING_PERIOD);
      expect(await governor.quorum(await governor.proposalSnapshot(proposalId))).to.equal(quorum);
      expect(await governor.state(proposalId), `${name} alone`).to.equal(DEFEATED);
    }
    // The two smallest allocations together: 6,000 of 18,000.
    const { carol, dave } = actors;
    const pair = await farmWeightProposal(sandbox, carol, "carol and dave");
    await governor.connect(carol).castVote(pair.proposalId, FOR);
    await governor.connect(dave).castVote(pair.proposalId, FOR);
    await networkHelpers.mine(VOTING_PERIOD);
    expect(await governor.state(pair.proposalId)).to.equal(SUCCEEDED);
    await governor.queue(pair.targets, pair.values, pair.calldatas, pair.descriptionHash);
    await time.increase(TIMELOCK_DELAY);
    await governor.execute(pair.targets, pair.values, pair.calldatas, pair.descriptionHash);
    expect((await sandbox.farm.poolInfo(3n)).allocPoint).to.equal(500n);
  });

  describe("votes earned in the governance farm", function () {
    const pid = GOVERNANCE_FARM_POOLS.wethDai.pid;
    const rate = GOVERNANCE_FARM_SCHEDULE.rewardPerSecond;

    /** Each seeded farmer adds the same WETH/DAI liquidity (5 WETH + 10,000 DAI) and stakes it. */
    async function farmersFixture() {
      const sandbox = await loadFixture(sandboxFixture);
      const { governanceFarm, pairWethDai, weth, dai, actors } = sandbox;
      const farmers = [actors.alice, actors.bob, actors.carol, actors.dave];
      const pair = await pairWethDai.getAddress();
      for (const farmer of farmers) {
        await weth.connect(farmer).transfer(pair, 5n * ONE);
        await dai.connect(farmer).transfer(pair, 10_000n * ONE);
        await pairWethDai.mint(farmer.address);
        const lp = await pairWethDai.balanceOf(farmer.address);
        await pairWethDai.connect(farmer).approve(await governanceFarm.getAddress(), lp);
        await governanceFarm.connect(farmer).deposit(pid, lp, farmer.address);
        await claimAndDelegate(sandbox, farmer);
      }
      return { ...sandbox, farmers };
    }

    it("after 30 days of equal farming, no seeded farmer passes a proposal alone and any two do", async function () {
      const sandbox = await loadFixture(farmersFixture);
      const { governanceFarm, governance, governor, farmers } = sandbox;
      await time.increase(30n * DAY);
      for (const farmer of farmers)
        await governanceFarm.connect(farmer).harvest(pid, farmer.address);
      await networkHelpers.mine(1);
      // 30 days at 0.01 SGOV a second shared four ways: about 6,480 each, less per-share dust.
      const supply = await governance.totalSupply();
      const harvested = supply - AIRDROP_TOTAL;
      const emitted = rate * 30n * DAY;
      expect(emitted - harvested < emitted / 1_000n, "the farm paid its emission").to.equal(true);
      for (const farmer of farmers) {
        const { proposalId } = await farmWeightProposal(sandbox, farmer, `${farmer.address} alone`);
        await governor.connect(farmer).castVote(proposalId, FOR);
        await networkHelpers.mine(VOTING_PERIOD);
        // Alone: at most 4,000 + a quarter of the harvest, under 4,500 + a quarter of it.
        expect(await governor.state(proposalId)).to.equal(DEFEATED);
      }
      const [alice, , carol] = farmers;
      const pair = await farmWeightProposal(sandbox, carol, "alice and carol");
      await governor.connect(alice).castVote(pair.proposalId, FOR);
      await governor.connect(carol).castVote(pair.proposalId, FOR);
      await networkHelpers.mine(VOTING_PERIOD);
      expect(await governor.state(pair.proposalId)).to.equal(SUCCEEDED);
    });

    it("votes follow capital: the whale farming with 1,000 WETH passes a proposal alone within a day, and against everyone else after twelve", async function () {
      const sandbox = await loadFixture(farmersFixture);
      const { governanceFarm, governor, pairWethDai, weth, dai, actors, farmers } = sandbox;
      const { whale } = actors;
      await claimAndDelegate(sandbox, whale);
      const pair = await pairWethDai.getAddress();
      await weth.connect(whale).transfer(pair, 1_000n * ONE);
      await dai.connect(whale).transfer(pair, 2_000_000n * ONE);
      await pairWethDai.mint(whale.address);
      const whaleLp = await pairWethDai.balanceOf(whale.address);
      await pairWethDai.connect(whale).approve(await governanceFarm.getAddress(), whaleLp);
      await governanceFarm.connect(whale).deposit(pid, whaleLp, whale.address);
      const totalLp = (await governanceFarm.poolInfo(pid)).totalStaked;
      // The whale's share s of the emission r: alone it needs 4,000 + s·r·t ≥ 25% of
      // 18,000 + r·t, that is t ≥ 500 / ((s − 1/4)·r); against the four others' 14,000 + (1 − s)·r·t
      // it needs 4,000 + s·r·t > 14,000 + (1 − s)·r·t, that is t > 10,000 / ((2s − 1)·r).
      const s = Number(whaleLp) / Number(totalLp);
      const r = Number(rate) / 1e18;
      const aloneSeconds = Math.ceil(500 / ((s - 0.25) * r));
      const againstSeconds = Math.ceil(10_000 / ((2 * s - 1) * r));
      expect(aloneSeconds / 3600, "hours to reach the quorum alone").to.be.within(18, 20);
      expect(againstSeconds / 86_400, "days to outvote everyone").to.be.within(11, 13);

      const voteAfter = async (seconds: number, opponents: HardhatEthersSigner[], tag: string) => {
        await time.increase(seconds);
        for (const farmer of [whale, ...farmers]) {
          await governanceFarm.connect(farmer).harvest(pid, farmer.address);
        }
        await networkHelpers.mine(1);
        const proposal = await farmWeightProposal(sandbox, whale, tag);
        await governor.connect(whale).castVote(proposal.proposalId, FOR);
        for (const o of opponents) await governor.connect(o).castVote(proposal.proposalId, AGAINST);
        await networkHelpers.mine(VOTING_PERIOD);
        return governor.state(proposal.proposalId);
      };
      const snapshot = await networkHelpers.takeSnapshot();
      expect(await voteAfter(Math.floor(aloneSeconds * 0.9), [], "alone, early")).to.equal(
        DEFEATED,
      );
      await snapshot.restore();
      expect(await voteAfter(Math.ceil(aloneSeconds * 1.1), [], "alone, later")).to.equal(
        SUCCEEDED,
      );
      await snapshot.restore();
      expect(await voteAfter(Math.floor(againstSeconds * 0.9), farmers, "opposed, early")).to.equal(
        DEFEATED,
      );
      await snapshot.restore();
      expect(await voteAfter(Math.ceil(againstSeconds * 1.1), farmers, "opposed, later")).to.equal(
        SUCCEEDED,
      );
    });
  });
});
