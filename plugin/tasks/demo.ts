import { SandboxError } from "../../lib/chain/errors.js";
import { connectNetwork, networkNameOf } from "../../lib/chain/network.js";
import {
  D,
  aprFromRewardRate,
  aprToApy,
  feeApr,
  impermanentLoss,
} from "../../lib/pure/analytics/index.js";
import { scenarioEnv } from "../../lib/scenarios/env.js";
import { findScenario, playScenario } from "../../lib/scenarios/index.js";
import type { ScenarioResult } from "../../lib/scenarios/index.js";
import {
  summaryTable as scenarioSummary,
  toJson as scenarioJson,
} from "../../lib/scenarios/report.js";
import { DEMO_SCENARIOS } from "../../lib/sim/demo.js";
import { deploySimMarket } from "../../lib/sim/deploy.js";
import { STRATEGIES, rewardPrice, wethPrice } from "../../lib/sim/valuation.js";
import { summaryTable, toJson as simJson } from "../../lib/sim/output.js";
import { DEFAULT_CONFIG, readMarket, runSimulation } from "../../lib/sim/run.js";
import { newTable } from "../../lib/terminal/table.js";
import { sandboxAction, wholeNumber } from "../../lib/terminal/task.js";

interface DemoArgs {
  seed: number;
  days: number;
  json: boolean;
}

const pct = (x: D) => `${x.mul(100).toFixed(2)}%`;

/**
 * The narrated tour: deploy the sandbox on the in-process chain, farm the WETH/USDC pool for a
 * simulated year with four strategies, compare the quoted APR with the realised APY and the closed
 * form, show impermanent loss against holding, then play a rug, a flash-loan manipulation and a
 * stolen key, vulnerable and hardened. Narration on stderr, the figures on stdout (or --json).
 */
export default sandboxAction<DemoArgs>(async (args, hre, io) => {
  const seed = wholeNumber("seed", args.seed, 0, 0xffff_ffff);
  const days = wholeNumber("days", args.days, 1, 3650);
  const started = performance.now();
  const say = io.say;
  const out = (line: string) => {
    if (!args.json) io.out(`${line}\n`);
  };

  const connection = await connectNetwork(hre, networkNameOf(hre, "default"));
  if (connection.networkConfig.type !== "edr-simulated") {
    await connection.close();
    throw new SandboxError("the demo runs on the in-process chain; drop --network");
  }
  say("1. Deploying the whole sandbox (tokens, AMM, farm, lending, governance…) in-process.");
  const env = await scenarioEnv(connection, () => {});
  const beforeFarming = await connection.networkHelpers.takeSnapshot();

  const config = { ...DEFAULT_CONFIG, seed, days, tradesPerDay: 4 };
  say(
    `2. Farming for ${days} days (seed ${seed}): ${config.farmers} farmers put ${config.depositUsdc} USDC each ` +
      `into WETH/USDC and stake the LP (${STRATEGIES.join(", ")}); ${config.traders} traders swap about ` +
      `${config.dailyVolumeUsdc} USDC a day; the farm emits ${config.rewardPerDay} RWD a day to the pool.`,
  );
  const contracts = await deploySimMarket(env.sandbox, config.rewardPerDay);
  const opening = await readMarket(contracts);
  const staked = await contracts.farm.poolInfo(0n);
  const farmerStake = new D(config.depositUsdc.toString()).mul(config.farmers);
  const tvlUsdc = new D(staked.totalStaked.toString())
    .div(opening.lpSupply.toString())
    .mul(new D(opening.usdc.toString()).div(1e6).mul(2))
    .plus(farmerStake);
  const rewardApr = aprFromRewardRate({
    rewardPerSecond: await contracts.farm.rewardPerSecond(),
    rewardDecimals: 18,
    rewardPriceUsd: rewardPrice(opening),
    tvlUsd: tvlUsdc,
  });
  const baseApr = feeApr({
    dailyVolumeUsd: config.dailyVolumeUsdc,
    tvlUsd: new D(opening.usdc.toString()).div(1e6).mul(2).plus(farmerStake),
  });
  const quotedApr = rewardApr.plus(baseApr);
  let lastShown = 0;
  const result = await runSimulation(connection, contracts, config, (day) => {
    if (day - lastShown >= 73 || day === days) {
      say(`   … day ${day}`);
      lastShown = day;
    }
  });
  const last = result.rows.filter((r) => r.day === days);
  const row = (s: string) => last.find((r) => r.strategy === s);
  const daily = row("compound-daily");
  const hold = row("never-harvest");
  if (daily === undefined || hold === undefined) throw new Error("the run lost a strategy");
  const closing = await readMarket(contracts);
  const ratio = wethPrice(closing).div(wethPrice(opening));
  const closedFormApy = aprToApy(quotedApr, 365);
  const ilShare = hold.il.div(hold.hodl);

  out(`Farming WETH/USDC for ${days} days (seed ${seed})`);
  out(summaryTable(result));
  const returns = newTable(["figure", "value", "source"]);
  returns.push(
    [
      "quoted APR at the start",
      pct(quotedApr),
      `rewards ${pct(rewardApr)} + fees ${pct(baseApr)} on the staked TVL`,
    ],
    ["closed-form APY, daily compounding", pct(closedFormApy), "(1 + APR/365)^365 − 1"],
    ["realised APY, compound-daily", pct(daily.apy), "fees + rewards over HODL, annualised"],
    ["realised APR, never-harvest", pct(hold.apr), "same, simple"],
  );
  out(returns.toString());
  const il = newTable(["figure", "value"]);
  il.push(
    [
      "WETH price, start → end",
      `${wethPrice(opening).toFixed(2)} → ${wethPrice(closing).toFixed(2)} USDC (r = ${ratio.toFixed(4)})`,
    ],
    ["impermanent loss, closed form 2√r/(1+r) − 1", pct(impermanentLoss(ratio))],
    [
      "impermanent loss of the never-harvest farmer",
      `${hold.il.toFixed(2)} USDC (${pct(ilShare)} of HODL)`,
    ],
    [
      "its fees + rewards − IL = PnL vs HODL",
      `${hold.fees.toFixed(2)} + ${hold.rewards.toFixed(2)} − ${hold.il.neg().toFixed(2)} = ${hold.pnlVsHodl.toFixed(2)} USDC`,
    ],
  );
  out(il.toString());
  say(
    `   The quoted APR does not compound into the realised APY: the reward token's price moves as ` +
      `farmers sell it (${rewardPrice(opening).toFixed(3)} → ${rewardPrice(closing).toFixed(3)} USDC), ` +
      `the staked TVL grows, and the pool's price moved by r = ${ratio.toFixed(3)}.`,
  );

  say("3. Attacks, each on a vulnerable contract and on its hardened twin.");
  await beforeFarming.restore();
  const results: ScenarioResult[] = [];
  const played: { kind: string; scenario: string }[] = [];
  for (const pick of DEMO_SCENARIOS) {
    const scenario = findScenario(pick.name);
    if (scenario === undefined) throw new SandboxError(`no scenario named ${pick.name}`);
    say(`   ${pick.kind}: ${scenario.title}`);
    results.push(await playScenario(scenario, env));
    played.push({ kind: pick.kind, scenario: scenario.name });
  }
  out(scenarioSummary(results));
  const seconds = (performance.now() - started) / 1000;
  say(`Demo done in ${seconds.toFixed(1)} s.`);
  await connection.close();
  if (args.json) {
    io.out(
      `${JSON.stringify(
        {
          seconds: Number(seconds.toFixed(1)),
          quotedApr: quotedApr.toFixed(6),
          closedFormApy: closedFormApy.toFixed(6),
          realisedApyCompoundDaily: daily.apy.toFixed(6),
          priceRatio: ratio.toFixed(6),
          impermanentLossClosedForm: impermanentLoss(ratio).toFixed(6),
          ilShare: ilShare.toFixed(6),
          simulation: simJson(result).summary,
          attacks: played,
          scenarios: scenarioJson(results),
        },
        null,
        2,
      )}\n`,
    );
  }
  if (!results.every((r) => r.vulnerable.passed && r.hardened.passed)) {
    throw new SandboxError("a scenario's checks failed (see the table)");
  }
});
