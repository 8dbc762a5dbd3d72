import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { NetworkHelpers } from "@nomicfoundation/hardhat-network-helpers/types";
import type { Interface } from "ethers";

import type { Actors } from "../chain/actors.js";
import type { Sandbox } from "../chain/sandbox.js";

/** The two sides every scenario is played on. */
export type Side = "vulnerable" | "hardened";
export const SIDES: readonly Side[] = ["vulnerable", "hardened"];

/** What a scenario needs from the chain: the sandbox, the actors, and a narrator. */
export interface ScenarioEnv {
  ethers: HardhatEthers;
  networkHelpers: NetworkHelpers;
  actors: Actors;
  sandbox: Sandbox;
  /** Narrates a step (stderr in scripts, silent in tests). */
  log: (message: string) => void;
  /** Hears each party's holdings after setup, after the exploit and after settling (the dashboard's timeline). */
  onMeasured?: (side: Side, phase: Phase, holdings: Holdings) => void | Promise<void>;
}

/** The moments a side's holdings are measured. */
export type Phase = "setup" | "exploit" | "settle";

/** The asset a scenario's money is counted in: ETH, or an ERC-20 held by address. */
export type Asset =
  | { kind: "eth"; symbol: "ETH"; decimals: 18 }
  | {
      kind: "erc20";
      symbol: string;
      decimals: number;
      token: { balanceOf(account: string): Promise<bigint> };
    };

/** Converts amounts of the scenario's asset into a quote token at the pool's current prices. */
export interface QuotePrice {
  symbol: string;
  decimals: number;
  convert(amount: bigint): Promise<bigint>;
}

/** Whose balances decide the scenario, and in what. */
export interface Tracked {
  asset: Asset;
  /** Accounts whose gains are the attacker's (the attacker's own account at least). */
  attacker: string[];
  /** Accounts of the people who can lose. */
  victims: string[];
  /** The contract holding the money at risk. */
  protocol: string;
  /**
   * What the victims are owed beyond their wallets when the balances are first read: their deposits
   * in the protocol, or the output a quote promised them. Victims' loss = claims + wallets before
   * − wallets after everyone has left.
   */
  victimsClaims: bigint;
  /** Largest loss of the victims the hardened side allows (0 for most), and why it allows it. */
  dust: bigint;
  dustReason?: string;
  quote?: QuotePrice;
}

/** Everything a scenario's setup hands to the exploit and to its own later phases. */
export interface World {
  side: Side;
  env: ScenarioEnv;
  attacker: HardhatEthersSigner;
  /** Name of the contract under attack on this side. */
  contract: string;
  tracked: Tracked;
  /** ABIs used to name a custom error when the attack reverts. */
  errorInterfaces: Interface[];
}

/** An exploit: the attacker's moves against one side's world. Learners write their own. */
export type Exploit<W extends World> = (world: W) => Promise<void>;

/** Summed balances of each party, in the asset's base units. */
export interface Holdings {
  attacker: bigint;
  victims: bigint;
  protocol: bigint;
}

export interface Check {
  ok: boolean;
  message: string;
}

/** Figures of one side, in the asset's base units (and in the quote token when there is a pool). */
export interface Figures {
  attackerProfit: bigint;
  victimsLoss: bigint;
  protocolBefore: bigint;
  protocolAfter: bigint;
}

export interface SideResult extends Figures {
  side: Side;
  contract: string;
  asset: { symbol: string; decimals: number };
  /** Why the attack reverted, or null when it went through. */
  revert: string | null;
  quote: (Figures & { symbol: string; decimals: number }) | null;
  checks: Check[];
  passed: boolean;
}

export interface ScenarioResult {
  name: string;
  title: string;
  incident: string;
  fix: string;
  asset: { symbol: string; decimals: number };
  exploit: string;
  vulnerable: SideResult;
  hardened: SideResult;
}

/**
 * A scenario: how to build each side, the shipped exploit, what happens after the attack, and how
 * to judge the outcome. Tests, the play script and challenge mode all run these same functions.
 */
export interface Scenario<W extends World = World> {
  name: string;
  title: string;
  incident: string;
  fix: string;
  /** Deploys one side and brings the victims in: the state the attacker finds. */
  setup(env: ScenarioEnv, side: Side): Promise<W>;
  /** The shipped exploit: the one place the attack lives. */
  exploit: Exploit<W>;
  /**
   * Runs right after the exploit, outside it: the chain's own step, such as mining a block of
   * pending transactions when automine is off. Most scenarios have none.
   */
  afterExploit?(world: W): Promise<void>;
  /** What happens after the attack: the victims' queued actions, then everyone tries to leave. */
  settle(world: W): Promise<void>;
  /** Summed balances of attacker, victims and protocol. */
  measure(world: W, sinceBlock: number): Promise<Holdings>;
  /** The success checks of one side, with messages. */
  check(result: Omit<SideResult, "checks" | "passed">, world: W): Check[];
}
