import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { ContractTransactionResponse } from "ethers";

import { formatAmount } from "./format.js";
import { ETH, poolPrice } from "./measure.js";
import { attempt, send } from "./steps.js";
import type { ScenarioEnv, Tracked, World } from "./types.js";

/** The people whose ether sits in the pool when the attacker arrives. */
export const ETHER_DEPOSITORS = ["alice", "bob", "carol"] as const;
export type EtherDepositor = (typeof ETHER_DEPOSITORS)[number];

/** What the ether pools of the scenarios take: a deposit with value, a withdrawal, a balance. */
export interface EtherDepositPool {
  balanceOf(account: string): Promise<bigint>;
  connect(runner: HardhatEthersSigner): {
    deposit(overrides: { value: bigint }): Promise<ContractTransactionResponse>;
    withdraw(amount: bigint): Promise<ContractTransactionResponse>;
  };
}

/** The balances an ether pool's scenario judges: the attacker against the depositors, in ETH. */
export async function etherDepositsTracked(env: ScenarioEnv, pool: string): Promise<Tracked> {
  const { actors, sandbox } = env;
  return {
    asset: ETH,
    attacker: [actors.attacker.address],
    victims: ETHER_DEPOSITORS.map((name) => actors[name].address),
    protocol: pool,
    victimsClaims: 0n,
    dust: 0n,
    quote: poolPrice(sandbox.pairWethDai, await sandbox.weth.getAddress(), "DAI", 18),
  };
}

/** Each depositor puts their ether in; what they put in becomes their claim. */
export async function depositEther(
  world: World,
  pool: EtherDepositPool,
  deposits: Record<EtherDepositor, bigint>,
): Promise<void> {
  const { actors, log } = world.env;
  for (const name of ETHER_DEPOSITORS) {
    const value = deposits[name];
    await send(pool.connect(actors[name]).deposit({ value }));
    world.tracked.victimsClaims += value;
    log(`  ${name} deposits ${formatAmount(value, 18, "ETH")}`);
  }
}

/** Each depositor tries to withdraw what the pool still records for them. */
export async function withdrawEther(world: World, pool: EtherDepositPool): Promise<void> {
  const { actors } = world.env;
  for (const name of ETHER_DEPOSITORS) {
    const owed = await pool.balanceOf(actors[name].address);
    if (owed === 0n) continue;
    await attempt(world, `${name} withdraws ${formatAmount(owed, 18, "ETH")}`, () =>
      pool.connect(actors[name]).withdraw(owed),
    );
  }
}
