import {
  EtherFlashPool__factory,
  IEtherFlashPool__factory,
  NaiveEtherFlashPool__factory,
  SideEntranceAttacker__factory,
  type IEtherFlashPool,
} from "../../typechain-types/index.js";
import { formatAmount } from "./format.js";
import { ETH, measureTracked, poolPrice } from "./measure.js";
import { commonChecks } from "./run.js";
import { attempt, send } from "./steps.js";
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
    const { actors, log } = env;
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
      tracked: {
        asset: ETH,
        attacker: [actors.attacker.address],
        victims: [actors.alice.address, actors.bob.address, actors.carol.address],
        protocol: address,
        victimsClaims: 0n,
        dust: 0n,
        quote: poolPrice(env.sandbox.pairWethDai, await env.sandbox.weth.getAddress(), "DAI", 18),
      },
      errorInterfaces: [
        IEtherFlashPool__factory.createInterface(),
        SideEntranceAttacker__factory.createInterface(),
      ],
    };
    for (const name of ["alice", "bob", "carol"] as const) {
      const value = SIDE_ENTRANCE_DEPOSITS[name];
      await send(pool.connect(actors[name]).deposit({ value }));
      world.tracked.victimsClaims += value;
      log(`  ${name} deposits ${formatAmount(value, 18, "ETH")}`);
    }
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
    const { actors } = world.env;
    for (const name of ["alice", "bob", "carol"] as const) {
      const owed = await world.pool.balanceOf(actors[name].address);
      if (owed === 0n) continue;
      await attempt(world, `${name} withdraws ${formatAmount(owed, 18, "ETH")}`, () =>
        world.pool.connect(actors[name]).withdraw(owed),
      );
    }
  },

  measure(world, sinceBlock) {
    return measureTracked(world.env.ethers, world.tracked, sinceBlock);
  },

  check: commonChecks,
};
