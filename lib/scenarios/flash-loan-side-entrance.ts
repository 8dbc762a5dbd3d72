import {
  EtherFlashPool__factory,
  IEtherFlashPool__factory,
  NaiveEtherFlashPool__factory,
  SideEntranceAttacker__factory,
  type IEtherFlashPool,
} from "../../typechain-types/index.js";
import { depositEther, etherDepositsTracked, withdrawEther } from "./ether-deposits.js";
import { measureTracked } from "./measure.js";
import { commonChecks } from "./run.js";
import { send } from "./steps.js";
import type { Scenario, World } from "./types.js";

const ETHER = 10n ** 18n;

/** What the pool's depositors have in it when the attacker arrives: 1,000 ETH together. */
export const SIDE_ENTRANCE_DEPOSITS = {
  alice: 400n * ETHER,
  bob: 350n * ETHER,
  carol: 250n * ETHER,
};

export interface SideEntranceWorld extends World {
  /** The pool under attack (NaiveEtherFlashPool or EtherFlashPool: same interface). */
  pool: IEtherFlashPool;
}

/** An ether flash pool that counts a deposit made during the loan as the loan's repayment. */
export const flashLoanSideEntrance: Scenario<SideEntranceWorld> = {
  name: "flash-loan-side-entrance",
  title: "Flash-loan pool accounting: the loan repaid as the borrower's deposit",
  incident:
    "Hundred Finance, 2023-04-15: ~$7M; balance-based accounting on an empty market, the same flaw of judging by balanceOf",
  fix: "repayment judged on the balance beyond deposits (separate accounting)",

  async setup(env, side) {
    const { actors } = env;
    const factory =
      side === "vulnerable"
        ? new NaiveEtherFlashPool__factory(actors.deployer)
        : new EtherFlashPool__factory(actors.deployer);
    const deployed = await factory.deploy();
    await deployed.waitForDeployment();
    const address = await deployed.getAddress();
    const pool = IEtherFlashPool__factory.connect(address, actors.deployer);
    const world: SideEntranceWorld = {
      side,
      env,
      attacker: actors.attacker,
      contract: side === "vulnerable" ? "NaiveEtherFlashPool" : "EtherFlashPool",
      pool,
      tracked: await etherDepositsTracked(env, address),
      errorInterfaces: [
        IEtherFlashPool__factory.createInterface(),
        SideEntranceAttacker__factory.createInterface(),
      ],
    };
    await depositEther(world, pool, SIDE_ENTRANCE_DEPOSITS);
    return world;
  },

  async exploit(world) {
    const { attacker, pool, env } = world;
    const contract = await new SideEntranceAttacker__factory(attacker).deploy(
      await pool.getAddress(),
      attacker.address,
    );
    await contract.waitForDeployment();
    env.log("  attacker borrows the whole pool, deposits the loan back, then withdraws it");
    await send(contract.attack());
  },

  async settle(world) {
    await withdrawEther(world, world.pool);
  },

  measure(world, sinceBlock) {
    return measureTracked(world.env.ethers, world.tracked, sinceBlock);
  },

  check: commonChecks,
};
