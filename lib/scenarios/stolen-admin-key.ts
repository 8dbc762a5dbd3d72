import { ZeroAddress } from "ethers";

import {
  CappedSweepPool__factory,
  ISweepPool__factory,
  SandboxTimelock__factory,
  UncappedSweepPool__factory,
  type ISweepPool,
} from "../../typechain-types/index.js";
import { keyPath, timelockPath, type AdminPath } from "./admin-path.js";
import { formatAmount } from "./format.js";
import { measureTracked } from "./measure.js";
import { commonChecks } from "./run.js";
import { attempt, send } from "./steps.js";
import type { Scenario, World } from "./types.js";

const USDC = 10n ** 6n;

/** What alice, bob and carol keep in the pool when the key is stolen. */
export const STOLEN_KEY_DEPOSITS = {
  alice: 20_000n * USDC,
  bob: 15_000n * USDC,
  carol: 10_000n * USDC,
} as const;
/** The hardened pool's sweep cap: 1,000 USDC a day. */
export const SWEEP_CAP = 1_000n * USDC;
/** The hardened pool's timelock delay. */
export const STOLEN_KEY_TIMELOCK_DELAY = 2n * 24n * 3_600n;
const DEPOSITORS = ["alice", "bob", "carol"] as const;

export interface StolenKeyWorld extends World {
  pool: ISweepPool;
  /**
   * What the stolen key can do as admin: everything at once (the key owns the vulnerable pool), or
   * propose to the hardened pool's timelock — which it has no right to.
   */
  admin: AdminPath;
}

/** The team's admin key is stolen and sweeps every deposit out of the pool it owns. */
export const stolenAdminKey: Scenario<StolenKeyWorld> = {
  name: "stolen-admin-key",
  title: "Stolen admin key: one key sweeps the pool",
  incident:
    "EasyFi, 2021-04-19: ~$59–81M; the admin mnemonic was stolen from the founder's machine, and one EOA with no timelock could move the protocol's funds",
  fix: "owner = timelock proposed to by the Governor (no single key), sweeps capped at 1,000 USDC a day",

  async setup(env, side) {
    const { actors, sandbox, log } = env;
    // The team's admin key: the sandbox's deployer. The attacker has stolen it.
    const key = actors.deployer;
    const usdc = await sandbox.usdc.getAddress();
    let address: string;
    let admin: AdminPath;
    if (side === "vulnerable") {
      const pool = await new UncappedSweepPool__factory(key).deploy(usdc, key.address);
      await pool.waitForDeployment();
      address = await pool.getAddress();
      admin = keyPath(key);
      log("  an UncappedSweepPool of USDC, owned by the team's key");
    } else {
      const timelock = await new SandboxTimelock__factory(key).deploy(
        STOLEN_KEY_TIMELOCK_DELAY,
        [await sandbox.governor.getAddress()],
        [ZeroAddress],
        ZeroAddress,
      );
      await timelock.waitForDeployment();
      const pool = await new CappedSweepPool__factory(key).deploy(
        usdc,
        await timelock.getAddress(),
        SWEEP_CAP,
      );
      await pool.waitForDeployment();
      address = await pool.getAddress();
      admin = timelockPath(env, timelock, key, STOLEN_KEY_TIMELOCK_DELAY);
      log(
        `  a CappedSweepPool of USDC (cap ${formatAmount(SWEEP_CAP, 6, "USDC")} a day), owned by a 2-day timelock the Governor proposes to`,
      );
    }
    const pool = ISweepPool__factory.connect(address, key);
    const world: StolenKeyWorld = {
      side,
      env,
      attacker: actors.attacker,
      contract:
        side === "vulnerable"
          ? "UncappedSweepPool, one owner key"
          : "CappedSweepPool, Governor + timelock",
      pool,
      admin,
      tracked: {
        asset: { kind: "erc20", symbol: "USDC", decimals: 6, token: sandbox.usdc },
        attacker: [actors.attacker.address],
        victims: DEPOSITORS.map((name) => actors[name].address),
        protocol: address,
        victimsClaims: 0n,
        dust: 0n,
      },
      errorInterfaces: [
        sandbox.usdc.interface,
        ISweepPool__factory.createInterface(),
        UncappedSweepPool__factory.createInterface(),
        SandboxTimelock__factory.createInterface(),
      ],
    };
    for (const name of DEPOSITORS) {
      const amount = STOLEN_KEY_DEPOSITS[name];
      const account = actors[name];
      await send(sandbox.usdc.faucet(account.address, amount));
      await send(sandbox.usdc.connect(account).approve(address, amount));
      await send(pool.connect(account).deposit(amount));
      world.tracked.victimsClaims += amount;
      log(`  ${name} deposits ${formatAmount(amount, 6, "USDC")}`);
    }
    return world;
  },

  async exploit(world) {
    const { pool, admin, attacker, env } = world;
    const balance = await env.sandbox.usdc.balanceOf(await pool.getAddress());
    env.log(
      `  with the stolen key, the attacker sweeps ${formatAmount(balance, 6, "USDC")} to itself through ${admin.label}`,
    );
    await admin.act([
      {
        target: await pool.getAddress(),
        data: pool.interface.encodeFunctionData("sweep", [attacker.address, balance]),
      },
    ]);
  },

  async settle(world) {
    const { actors } = world.env;
    for (const name of DEPOSITORS) {
      const owed = await world.pool.balanceOf(actors[name].address);
      if (owed === 0n) continue;
      await attempt(world, `${name} withdraws ${formatAmount(owed, 6, "USDC")}`, () =>
        world.pool.connect(actors[name]).withdraw(owed),
      );
    }
  },

  measure(world, sinceBlock) {
    return measureTracked(world.env.ethers, world.tracked, sinceBlock);
  },

  check: commonChecks,
};
