import { ZeroAddress } from "ethers";

import {
  DrainingVaultLogic__factory,
  SandboxTimelock__factory,
  UpgradeableVault__factory,
  VaultProxy__factory,
  type UpgradeableVault,
} from "../../typechain-types/index.js";
import { keyPath, pendingCallsTo, timelockPath, type AdminPath } from "./admin-path.js";
import { formatAmount } from "./format.js";
import { measureTracked } from "./measure.js";
import { commonChecks, describeRevert } from "./run.js";
import { attempt, send } from "./steps.js";
import type { Scenario, World } from "./types.js";

const DAI = 10n ** 18n;

/** What alice, bob and carol keep in the vault when its deployer turns on them. */
export const UPGRADE_RUG_DEPOSITS = {
  alice: 30_000n * DAI,
  bob: 20_000n * DAI,
  carol: 10_000n * DAI,
} as const;
/** The hardened vault's upgrade delay. */
export const UPGRADE_TIMELOCK_DELAY = 2n * 24n * 3_600n;
const DEPOSITORS = ["alice", "bob", "carol"] as const;

export interface UpgradeRugWorld extends World {
  /** The vault, through its proxy. */
  vault: UpgradeableVault;
  /** The upgrader: the deployer's own key, or a timelock the deployer proposes to. */
  admin: AdminPath;
  watchFrom: number;
}

/** An upgradeable vault whose deployer swaps in draining logic and calls it in one transaction. */
export const upgradeRug: Scenario<UpgradeRugWorld> = {
  name: "upgrade-rug",
  title: "Upgrade rug: the deployer swaps the vault's logic for one that drains it",
  incident:
    "Meerkat Finance, 2021-03-04: ~$31M; a day after launch the deployer upgraded the vault contracts and drained them",
  fix: "the upgrader is a 2-day timelock: the upgrade is public before it can run, depositors leave",

  async setup(env, side) {
    const { actors, sandbox, log } = env;
    const { attacker } = actors;
    const dai = await sandbox.dai.getAddress();
    const logic = await new UpgradeableVault__factory(attacker).deploy();
    await logic.waitForDeployment();
    let upgrader: string;
    let admin: AdminPath;
    if (side === "vulnerable") {
      upgrader = attacker.address;
      admin = keyPath(attacker);
    } else {
      const timelock = await new SandboxTimelock__factory(attacker).deploy(
        UPGRADE_TIMELOCK_DELAY,
        [attacker.address],
        [ZeroAddress],
        ZeroAddress,
      );
      await timelock.waitForDeployment();
      upgrader = await timelock.getAddress();
      admin = timelockPath(env, timelock, attacker, UPGRADE_TIMELOCK_DELAY);
    }
    const init = logic.interface.encodeFunctionData("initialize", [dai, upgrader]);
    const proxy = await new VaultProxy__factory(attacker).deploy(await logic.getAddress(), init);
    await proxy.waitForDeployment();
    const address = await proxy.getAddress();
    const vault = UpgradeableVault__factory.connect(address, attacker);
    log(
      `  the deployer (attacker) launches an UpgradeableVault of DAI behind an ERC-1967 proxy; upgrader: ${admin.label}`,
    );
    const world: UpgradeRugWorld = {
      side,
      env,
      attacker,
      contract:
        side === "vulnerable"
          ? "UpgradeableVault, upgrader = deployer key"
          : "UpgradeableVault, upgrader = 2-day timelock",
      vault,
      admin,
      watchFrom: 0,
      tracked: {
        asset: { kind: "erc20", symbol: "DAI", decimals: 18, token: sandbox.dai },
        attacker: [attacker.address],
        victims: DEPOSITORS.map((name) => actors[name].address),
        protocol: address,
        victimsClaims: 0n,
        dust: 0n,
      },
      errorInterfaces: [
        sandbox.dai.interface,
        UpgradeableVault__factory.createInterface(),
        DrainingVaultLogic__factory.createInterface(),
        SandboxTimelock__factory.createInterface(),
      ],
    };
    for (const name of DEPOSITORS) {
      const amount = UPGRADE_RUG_DEPOSITS[name];
      const account = actors[name];
      await send(sandbox.dai.faucet(account.address, amount));
      await send(sandbox.dai.connect(account).approve(address, amount));
      await send(vault.connect(account).deposit(amount));
      world.tracked.victimsClaims += amount;
      log(`  ${name} deposits ${formatAmount(amount, 18, "DAI")}`);
    }
    world.watchFrom = await env.ethers.provider.getBlockNumber();
    return world;
  },

  async exploit(world) {
    const { vault, admin, attacker, env } = world;
    const drainer = await new DrainingVaultLogic__factory(attacker).deploy(attacker.address);
    await drainer.waitForDeployment();
    const drain = drainer.interface.encodeFunctionData("drain", [
      await env.sandbox.dai.getAddress(),
    ]);
    env.log(
      `  the deployer upgrades to DrainingVaultLogic and calls drain() through ${admin.label}`,
    );
    await admin.act([
      {
        target: await vault.getAddress(),
        data: vault.interface.encodeFunctionData("upgradeToAndCall", [
          await drainer.getAddress(),
          drain,
        ]),
      },
    ]);
  },

  async settle(world) {
    const { vault, admin, env } = world;
    if (admin.timelock !== null) {
      const pending = await pendingCallsTo(
        admin.timelock,
        await vault.getAddress(),
        world.watchFrom,
      );
      env.log(
        `  the depositors see ${pending.length} pending upgrade(s) of the vault in the timelock and leave`,
      );
    }
    for (const name of DEPOSITORS) {
      const account = env.actors[name];
      // Their deposits, as they recorded them: after a rug the proxy no longer answers balanceOf.
      const owed = UPGRADE_RUG_DEPOSITS[name];
      await attempt(world, `${name} withdraws ${formatAmount(owed, 18, "DAI")}`, () =>
        vault.connect(account).withdraw(owed),
      );
    }
    if (admin.timelock !== null) {
      const error = await admin.executeQueued();
      env.log(
        `  two days later the upgrade executes: ${error === null ? "it went through, on an empty vault" : `reverted (${describeRevert(error, world.errorInterfaces)})`}`,
      );
    }
  },

  measure(world, sinceBlock) {
    return measureTracked(world.env.ethers, world.tracked, sinceBlock);
  },

  check: commonChecks,
};
