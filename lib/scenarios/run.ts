import { Interface } from "ethers";

import { formatAmount } from "./format.js";
import type {
  Check,
  Exploit,
  Figures,
  Holdings,
  Scenario,
  ScenarioEnv,
  ScenarioResult,
  Side,
  SideResult,
  World,
} from "./types.js";

/** Finds the revert data somewhere inside an error thrown by ethers or by the node. */
function revertData(error: unknown): string | null {
  const seen = new Set<unknown>();
  const stack: unknown[] = [error];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === null || typeof item !== "object" || seen.has(item)) continue;
    seen.add(item);
    const data = (item as { data?: unknown }).data;
    if (typeof data === "string" && /^0x[0-9a-fA-F]{8,}$/.test(data)) return data;
    for (const key of ["error", "info", "cause", "data"]) stack.push((item as never)[key]);
  }
  return null;
}

/** Names a revert: the custom error and its arguments when an interface knows it. */
export function describeRevert(error: unknown, interfaces: Interface[]): string {
  const data = revertData(error);
  if (data !== null) {
    for (const iface of [...interfaces, new Interface(["error Error(string)"])]) {
      const parsed = iface.parseError(data);
      if (parsed !== null) {
        const args = parsed.args.map((a: unknown) => String(a)).join(", ");
        return `${parsed.name}(${args})`;
      }
    }
    return `revert ${data.slice(0, 10)}`;
  }
  const message = (error as { shortMessage?: string; message?: string }).shortMessage;
  return (message ?? (error as Error).message ?? String(error)).split("\n")[0];
}

/** The checks every scenario shares: profit and loss on the vulnerable side, none on the hardened. */
export function commonChecks(result: Omit<SideResult, "checks" | "passed">, world: World): Check[] {
  const { symbol, decimals } = world.tracked.asset;
  const show = (raw: bigint) => formatAmount(raw, decimals, symbol);
  if (result.side === "vulnerable") {
    return [
      {
        ok: result.revert === null,
        message: `the attack goes through${result.revert === null ? "" : ` (it reverted: ${result.revert})`}`,
      },
      {
        ok: result.attackerProfit > 0n,
        message: `the attacker profits (profit ${show(result.attackerProfit)})`,
      },
      {
        ok: result.victimsLoss > 0n,
        message: `the victims lose (loss ${show(result.victimsLoss)})`,
      },
    ];
  }
  const dust = world.tracked.dust;
  return [
    {
      ok: result.revert !== null || result.attackerProfit <= 0n,
      message: `the attack reverts or does not pay (${result.revert ?? `profit ${show(result.attackerProfit)}`})`,
    },
    {
      ok: result.victimsLoss <= dust,
      message:
        dust === 0n
          ? `the victims lose nothing (loss ${show(result.victimsLoss)})`
          : `the victims lose at most ${show(dust)}, ${world.tracked.dustReason ?? "rounding"} (loss ${show(result.victimsLoss)})`,
    },
  ];
}

function figures(
  before: Holdings,
  afterExploit: Holdings,
  afterSettle: Holdings,
  claims: bigint,
): Figures {
  return {
    attackerProfit: afterSettle.attacker - before.attacker,
    victimsLoss: before.victims + claims - afterSettle.victims,
    protocolBefore: before.protocol,
    protocolAfter: afterExploit.protocol,
  };
}

/** A side right after the exploit: the balances before and after it, and why it reverted. */
export interface Exploited {
  startBlock: number;
  /** Balances when the attacker arrives. */
  before: Holdings;
  /** Why the attack reverted, or null when it went through. */
  revert: string | null;
  /** Balances right after the exploit (and the chain's own step after it). */
  afterExploit: Holdings;
}

/** One side played on a world already set up: the result and the balances at each phase. */
export interface PlayedWorld extends Exploited {
  result: SideResult;
  /** Balances after the victims have acted and everyone has tried to leave. */
  afterSettle: Holdings;
}

/** The exploit phase on `world`: balances → exploit (a revert is recorded, not thrown) → balances. */
export async function exploitWorld<W extends World>(
  scenario: Scenario<W>,
  world: W,
  exploit: Exploit<W> = scenario.exploit,
): Promise<Exploited> {
  const { ethers, log } = world.env;
  const side = world.side;
  const startBlock = await ethers.provider.getBlockNumber();
  const before = await scenario.measure(world, startBlock);
  await world.env.onMeasured?.(side, "setup", before);

  log(`[${scenario.name} · ${side}] exploit against ${world.contract}`);
  let revert: string | null = null;
  try {
    await exploit(world);
  } catch (error) {
    revert = describeRevert(error, world.errorInterfaces);
    log(`[${scenario.name} · ${side}] the attack reverted: ${revert}`);
  }
  if (scenario.afterExploit !== undefined) await scenario.afterExploit(world);
  const afterExploit = await scenario.measure(world, startBlock);
  await world.env.onMeasured?.(side, "exploit", afterExploit);
  return { startBlock, before, revert, afterExploit };
}

/** The settle phase after `exploitWorld`: settle → balances → figures and checks. */
export async function settleWorld<W extends World>(
  scenario: Scenario<W>,
  world: W,
  exploited: Exploited,
): Promise<PlayedWorld> {
  const { log } = world.env;
  const side = world.side;
  const { startBlock, before, revert, afterExploit } = exploited;
  log(`[${scenario.name} · ${side}] settle: the victims act and everyone tries to leave`);
  await scenario.settle(world);
  const afterSettle = await scenario.measure(world, startBlock);
  await world.env.onMeasured?.(side, "settle", afterSettle);

  const base = figures(before, afterExploit, afterSettle, world.tracked.victimsClaims);
  const quotePrice = world.tracked.quote;
  let quote: SideResult["quote"] = null;
  if (quotePrice !== undefined) {
    const toQuote = async (x: bigint) =>
      x < 0n ? -(await quotePrice.convert(-x)) : quotePrice.convert(x);
    quote = {
      symbol: quotePrice.symbol,
      decimals: quotePrice.decimals,
      attackerProfit: await toQuote(base.attackerProfit),
      victimsLoss: await toQuote(base.victimsLoss),
      protocolBefore: await toQuote(base.protocolBefore),
      protocolAfter: await toQuote(base.protocolAfter),
    };
  }
  const { symbol, decimals } = world.tracked.asset;
  const partial = {
    side,
    contract: world.contract,
    asset: { symbol, decimals },
    revert,
    quote,
    ...base,
  };
  const checks = scenario.check(partial, world);
  for (const c of checks)
    log(`[${scenario.name} · ${side}] ${c.ok ? "ok  " : "FAIL"} ${c.message}`);
  const result = { ...partial, checks, passed: checks.every((c) => c.ok) };
  return { ...exploited, result, afterSettle };
}

/** Plays one side on a world already set up: `exploitWorld`, then `settleWorld`. */
export async function playWorld<W extends World>(
  scenario: Scenario<W>,
  world: W,
  exploit: Exploit<W> = scenario.exploit,
): Promise<PlayedWorld> {
  return settleWorld(scenario, world, await exploitWorld(scenario, world, exploit));
}

/** Plays one side from scratch: setup, then `playWorld`. */
export async function playSide<W extends World>(
  scenario: Scenario<W>,
  env: ScenarioEnv,
  side: Side,
  exploit: Exploit<W> = scenario.exploit,
): Promise<SideResult> {
  env.log(`[${scenario.name} · ${side}] setup`);
  const world = await scenario.setup(env, side);
  return (await playWorld(scenario, world, exploit)).result;
}

/** Plays both sides of a scenario with the same exploit. */
export async function playScenario<W extends World>(
  scenario: Scenario<W>,
  env: ScenarioEnv,
  exploit: Exploit<W> = scenario.exploit,
  exploitName = "shipped",
): Promise<ScenarioResult> {
  const vulnerable = await playSide(scenario, env, "vulnerable", exploit);
  const hardened = await playSide(scenario, env, "hardened", exploit);
  return {
    name: scenario.name,
    title: scenario.title,
    incident: scenario.incident,
    fix: scenario.fix,
    asset: vulnerable.asset,
    exploit: exploitName,
    vulnerable,
    hardened,
  };
}

/**
 * Plays scenarios one after another. With `fresh`, each starts from the chain as it was when the
 * call began (a snapshot restored between them): the time one scenario travels would otherwise age
 * the next one's setup (the airdrop's claim period ends 30 days after the deployment).
 */
export async function playEach(
  scenarios: Scenario<World>[],
  env: ScenarioEnv,
  options: { fresh: boolean; exploit?: Exploit<World>; exploitName?: string },
): Promise<ScenarioResult[]> {
  const start = options.fresh ? await env.networkHelpers.takeSnapshot() : undefined;
  const results: ScenarioResult[] = [];
  for (const [i, scenario] of scenarios.entries()) {
    if (i > 0) await start?.restore();
    env.log(`\n== ${scenario.title}`);
    results.push(
      await playScenario(
        scenario,
        env,
        options.exploit ?? scenario.exploit,
        options.exploitName ?? "shipped",
      ),
    );
  }
  return results;
}
