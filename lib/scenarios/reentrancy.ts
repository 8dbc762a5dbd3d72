import {
  EtherVault__factory,
  IEtherVault__factory,
  NaiveEtherVault__factory,
  ReentrancyAttacker__factory,
  type IEtherVault,
} from "../../typechain-types/index.js";
import { depositEther, etherDepositsTracked, withdrawEther } from "./ether-deposits.js";
import { formatAmount } from "./format.js";
import { measureTracked } from "./measure.js";
import { commonChecks } from "./run.js";
import { send } from "./steps.js";
import type { Scenario, World } from "./types.js";

const ETHER = 10n ** 18n;

/** What alice, bob and carol keep in the vault when the attacker arrives. */
export const REENTRANCY_DEPOSITS = {
  alice: 4n * ETHER,
  bob: 35n * (ETHER / 10n),
  carol: 25n * (ETHER / 10n),
};
/** The stake the shipped exploit deposits and withdraws again and again. */
export const REENTRANCY_STAKE = ETHER;

export interface ReentrancyWorld extends World {
  /** The vault under attack (NaiveEtherVault or EtherVault: same interface). */
  vault: IEtherVault;
}

/** A vault that pays ETH before recording the withdrawal, drained by a receiver that re-enters. */
export const reentrancy: Scenario<ReentrancyWorld> = {
  name: "reentrancy",
  title: "Reentrancy: an ether vault drained through its own payout",
  incident:
    "The DAO, 2016-06-17: ~3.6M ETH drained by re-entering splitDAO before balances were zeroed",
  fix: "checks-effects-interactions + ReentrancyGuardTransient",

  async setup(env, side) {
    const { actors } = env;
    const factory =
      side === "vulnerable"
        ? new NaiveEtherVault__factory(actors.deployer)
        : new EtherVault__factory(actors.deployer);
    const deployed = await factory.deploy();
    await deployed.waitForDeployment();
    const address = await deployed.getAddress();
    const vault = IEtherVault__factory.connect(address, actors.deployer);
    const world: ReentrancyWorld = {
      side,
      env,
      attacker: actors.attacker,
      contract: side === "vulnerable" ? "NaiveEtherVault" : "EtherVault",
      vault,
      tracked: await etherDepositsTracked(env, address),
      errorInterfaces: [
        IEtherVault__factory.createInterface(),
        ReentrancyAttacker__factory.createInterface(),
      ],
    };
    await depositEther(world, vault, REENTRANCY_DEPOSITS);
    return world;
  },

  async exploit(world) {
    const { attacker, vault, env } = world;
    const contract = await new ReentrancyAttacker__factory(attacker).deploy(
      await vault.getAddress(),
      attacker.address,
    );
    await contract.waitForDeployment();
    env.log(
      `  attacker deploys ReentrancyAttacker and attacks with a ${formatAmount(REENTRANCY_STAKE, 18, "ETH")} stake`,
    );
    await send(contract.attack({ value: REENTRANCY_STAKE }));
  },

  async settle(world) {
    await withdrawEther(world, world.vault);
  },

  measure(world, sinceBlock) {
    return measureTracked(world.env.ethers, world.tracked, sinceBlock);
  },

  check: commonChecks,
};
