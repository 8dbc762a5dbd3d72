import { Decimal } from "decimal.js";

import { impermanentLoss } from "../pure/analytics/impermanent-loss.js";
import {
  AmmPair__factory,
  AmmRouter__factory,
  MockERC20__factory,
  TwapOracle__factory,
  type AmmPair,
  type AmmRouter,
  type MockERC20,
  type TwapOracle,
} from "../../typechain-types/index.js";
import { formatAmount } from "./format.js";
import { commonChecks } from "./run.js";
import { attempt, send } from "./steps.js";
import type { Check, Holdings, Scenario, World } from "./types.js";

const ONE = 10n ** 18n;

/** The whale's side of the PRJ/DAI pool (90% of it) and the bag of PRJ it holds beside. */
export const WHALE_LIQUIDITY = 900_000n * ONE;
export const WHALE_DUMP = 100_000n * ONE;
/** The small LPs' deposits, in PRJ and in DAI each, at the entry price of 1 DAI per PRJ. */
export const SMALL_LPS = {
  alice: 50_000n * ONE,
  bob: 30_000n * ONE,
  carol: 20_000n * ONE,
} as const;
/** Window of the TWAP oracle over the pool. */
export const TWAP_PERIOD = 1_800n;
/** The small LPs' exit limit on the hardened side: at least 99% of what they put in, per token. */
export const EXIT_TOLERANCE_BPS = 100n;
/**
 * How far the small LPs' measured loss may sit from IL(r) × their HODL value, as a fraction of that
 * value: the 0.3% fee on the whale's sale stays in the pool and is theirs (about 0.06% here).
 */
export const IL_TOLERANCE_BPS = 10n;

type Group = "attacker" | "victims";

export interface WhaleWorld extends World {
  prj: MockERC20;
  dai: MockERC20;
  pair: AmmPair;
  router: AmmRouter;
  twap: TwapOracle;
  whale: string;
  /** PRJ and DAI each group held after the faucet, before adding liquidity: the HODL baseline. */
  baseline: Record<Group, { prj: bigint; dai: bigint }>;
  /** Figures the checks read, filled in as the scenario plays. */
  figures: {
    entryPrice: Decimal;
    spotAfterDump: Decimal | null;
    twapAfterDump: Decimal | null;
    twapAfterWindow: Decimal | null;
    exitsReverted: number;
    /** Measured loss of the small LPs over their HODL value, and IL(r) for the final price. */
    lossFraction: Decimal | null;
    impermanentLoss: Decimal | null;
  };
  /**
   * Reserves (PRJ, DAI) right after the dump. Nobody trades afterwards, so later valuations use this
   * price rather than the dust the pool keeps once every LP has left.
   */
  pricedAt: [bigint, bigint] | null;
}

const victimsOf = (world: WhaleWorld) => world.tracked.victims;

async function reservesPrjDai(world: WhaleWorld): Promise<[bigint, bigint]> {
  const [r0, r1] = await world.pair.getReserves();
  const prjIsToken0 = (await world.pair.token0()) === (await world.prj.getAddress());
  return prjIsToken0 ? [r0, r1] : [r1, r0];
}

/** DAI per PRJ at the pool's mid price. */
async function spotPrice(world: WhaleWorld): Promise<Decimal> {
  const [rPrj, rDai] = await reservesPrjDai(world);
  return new Decimal(rDai.toString()).div(rPrj.toString());
}

/** PRJ and DAI of `accounts`: wallets plus their share of the pool's reserves. */
async function holdings(world: WhaleWorld, accounts: string[]) {
  const [rPrj, rDai] = await reservesPrjDai(world);
  const supply = await world.pair.totalSupply();
  let prj = 0n;
  let dai = 0n;
  for (const account of accounts) {
    const lp = await world.pair.balanceOf(account);
    prj += (await world.prj.balanceOf(account)) + (lp * rPrj) / supply;
    dai += (await world.dai.balanceOf(account)) + (lp * rDai) / supply;
  }
  return { prj, dai, rPrj, rDai };
}

/** What a group gained over holding its baseline, both valued in DAI at the pool's current price. */
async function gainOverHodl(world: WhaleWorld, group: Group): Promise<bigint> {
  const accounts = group === "attacker" ? [world.whale] : victimsOf(world);
  const now = await holdings(world, accounts);
  const base = world.baseline[group];
  const [rPrj, rDai] = world.pricedAt ?? [now.rPrj, now.rDai];
  return now.dai - base.dai + ((now.prj - base.prj) * rDai) / rPrj;
}

/** A whale pulls its liquidity, then dumps into the thin pool the small LPs are left in. */
export const whaleManipulation: Scenario<WhaleWorld> = {
  name: "whale-manipulation",
  title: "Whale manipulation: liquidity pulled, then a dump into the thin pool",
  incident:
    "every thin pool's whale exit: the holder of most of a pool's liquidity and supply leaves first and the small LPs keep the impermanent loss",
  fix: "none removes the loss: slippage limits on the LPs' exits and a 30-min TWAP only stop others acting on the moved price",

  async setup(env, side) {
    const { actors, sandbox, networkHelpers, log } = env;
    const { deployer, whale } = actors;
    const dai = sandbox.dai;
    const prj = await new MockERC20__factory(deployer).deploy("Sandbox Project", "PRJ", 18);
    await prj.waitForDeployment();
    const prjAddress = await prj.getAddress();
    const daiAddress = await dai.getAddress();
    await send(sandbox.factory.createPair(prjAddress, daiAddress));
    const pair = AmmPair__factory.connect(
      await sandbox.factory.getPair(prjAddress, daiAddress),
      deployer,
    );
    const router = AmmRouter__factory.connect(await sandbox.router.getAddress(), deployer);
    const routerAddress = await router.getAddress();

    await send(prj.faucet(whale.address, WHALE_LIQUIDITY + WHALE_DUMP));
    for (const name of ["alice", "bob", "carol"] as const) {
      await send(prj.faucet(actors[name].address, SMALL_LPS[name]));
    }
    const victims = [actors.alice.address, actors.bob.address, actors.carol.address];
    const snapshot = async (accounts: string[]) => {
      let p = 0n;
      let d = 0n;
      for (const a of accounts) {
        p += await prj.balanceOf(a);
        d += await dai.balanceOf(a);
      }
      return { prj: p, dai: d };
    };
    const baseline = {
      attacker: await snapshot([whale.address]),
      victims: await snapshot(victims),
    };

    const deadline = 2n ** 40n;
    const add = async (name: "whale" | keyof typeof SMALL_LPS, amount: bigint) => {
      const signer = actors[name];
      await send(prj.connect(signer).approve(routerAddress, amount));
      await send(dai.connect(signer).approve(routerAddress, amount));
      await send(
        router
          .connect(signer)
          .addLiquidity(prjAddress, daiAddress, amount, amount, 0n, 0n, signer.address, deadline),
      );
    };
    await add("whale", WHALE_LIQUIDITY);
    log(
      `  the whale seeds PRJ/DAI with ${formatAmount(WHALE_LIQUIDITY, 18, "PRJ")} + ${formatAmount(WHALE_LIQUIDITY, 18, "DAI")} and keeps ${formatAmount(WHALE_DUMP, 18, "PRJ")} beside`,
    );
    for (const name of ["alice", "bob", "carol"] as const) {
      await add(name, SMALL_LPS[name]);
      log(`  ${name} adds ${formatAmount(SMALL_LPS[name], 18, "PRJ")} + the same in DAI`);
    }

    const twap = await new TwapOracle__factory(deployer).deploy(
      await pair.getAddress(),
      TWAP_PERIOD,
    );
    await twap.waitForDeployment();
    await networkHelpers.time.increase(TWAP_PERIOD);
    await send(twap.update());
    log(`  half an hour on, the TWAP oracle's first window closes at 1 DAI per PRJ`);

    const world: WhaleWorld = {
      side,
      env,
      attacker: whale,
      contract:
        side === "vulnerable"
          ? "AmmPair; LPs exit with no limit"
          : "AmmPair; LPs exit with a 1% limit, TWAP oracle",
      prj,
      dai,
      pair,
      router,
      twap,
      whale: whale.address,
      baseline,
      pricedAt: null,
      figures: {
        entryPrice: new Decimal(0),
        spotAfterDump: null,
        twapAfterDump: null,
        twapAfterWindow: null,
        exitsReverted: 0,
        lossFraction: null,
        impermanentLoss: null,
      },
      tracked: {
        asset: { kind: "erc20", symbol: "DAI", decimals: 18, token: dai },
        attacker: [whale.address],
        victims,
        protocol: await pair.getAddress(),
        victimsClaims: 0n,
        dust: 0n,
      },
      errorInterfaces: [router.interface, pair.interface, twap.interface],
    };
    world.figures.entryPrice = await spotPrice(world);
    return world;
  },

  async exploit(world) {
    const { attacker, pair, router, prj, dai, env } = world;
    const routerAddress = await router.getAddress();
    const prjAddress = await prj.getAddress();
    const daiAddress = await dai.getAddress();
    const deadline = 2n ** 40n;
    const liquidity = await pair.balanceOf(attacker.address);
    env.log("  the whale pulls all its liquidity");
    await send(pair.connect(attacker).approve(routerAddress, liquidity));
    await send(
      router
        .connect(attacker)
        .removeLiquidity(prjAddress, daiAddress, liquidity, 0n, 0n, attacker.address, deadline),
    );
    env.log(
      `  then sells ${formatAmount(WHALE_DUMP, 18, "PRJ")} into the pool the small LPs are left in`,
    );
    await send(prj.connect(attacker).approve(routerAddress, WHALE_DUMP));
    await send(
      router
        .connect(attacker)
        .swapExactTokensForTokens(
          WHALE_DUMP,
          0n,
          [prjAddress, daiAddress],
          attacker.address,
          deadline,
        ),
    );
  },

  async afterExploit(world) {
    const { figures, twap, prj, env } = world;
    figures.spotAfterDump = await spotPrice(world);
    world.pricedAt = await reservesPrjDai(world);
    figures.twapAfterDump = new Decimal(
      (await twap.consult(await prj.getAddress(), ONE)).toString(),
    ).div(ONE.toString());
    env.log(
      `  spot price ${figures.spotAfterDump.toFixed(4)} DAI per PRJ (was ${figures.entryPrice.toFixed(4)}); the TWAP still reads ${figures.twapAfterDump.toFixed(4)}`,
    );
  },

  async settle(world) {
    const { actors, networkHelpers, log } = world.env;
    const { pair, router, prj, dai, twap, figures } = world;
    const routerAddress = await router.getAddress();
    const prjAddress = await prj.getAddress();
    const daiAddress = await dai.getAddress();
    for (const name of ["alice", "bob", "carol"] as const) {
      const signer = actors[name];
      const liquidity = await pair.balanceOf(signer.address);
      const min =
        world.side === "vulnerable"
          ? 0n
          : (SMALL_LPS[name] * (10_000n - EXIT_TOLERANCE_BPS)) / 10_000n;
      await send(pair.connect(signer).approve(routerAddress, liquidity));
      const ok = await attempt(
        world,
        `${name} removes liquidity${min === 0n ? " with no minimum" : `, at least ${formatAmount(min, 18, "")}of each token`}`,
        () =>
          router
            .connect(signer)
            .removeLiquidity(
              prjAddress,
              daiAddress,
              liquidity,
              min,
              min,
              signer.address,
              2n ** 40n,
            ),
      );
      if (!ok) figures.exitsReverted += 1;
    }

    // Measured against holding, both at the pool's price now; IL(r) for the same price move.
    const [rPrj, rDai] = world.pricedAt ?? (await reservesPrjDai(world));
    const deposited = Object.values(SMALL_LPS).reduce((a, b) => a + b, 0n);
    const hodlValue = deposited + (deposited * rDai) / rPrj;
    const loss = -(await gainOverHodl(world, "victims"));
    figures.lossFraction = new Decimal(loss.toString()).div(hodlValue.toString());
    const ratio = new Decimal(rDai.toString()).div(rPrj.toString()).div(figures.entryPrice);
    figures.impermanentLoss = impermanentLoss(ratio);
    log(
      `  the small LPs are ${figures.lossFraction.mul(100).toFixed(4)}% below holding; IL(r = ${ratio.toFixed(4)}) = ${figures.impermanentLoss.mul(100).toFixed(4)}%`,
    );

    await networkHelpers.time.increase(TWAP_PERIOD);
    await send(twap.update());
    figures.twapAfterWindow = new Decimal((await twap.consult(prjAddress, ONE)).toString()).div(
      ONE.toString(),
    );
    log(
      `  half an hour later nobody has bought the price back: the TWAP reads ${figures.twapAfterWindow.toFixed(4)} DAI per PRJ`,
    );
  },

  async measure(world): Promise<Holdings> {
    return {
      attacker: await gainOverHodl(world, "attacker"),
      victims: await gainOverHodl(world, "victims"),
      protocol: await world.dai.balanceOf(world.tracked.protocol),
    };
  },

  check(result, world) {
    const f = world.figures;
    const pct = (x: Decimal | null) => `${(x ?? new Decimal(0)).mul(100).toFixed(4)}%`;
    const tolerance = new Decimal(IL_TOLERANCE_BPS.toString()).div(10_000);
    const matchesIl =
      f.lossFraction !== null &&
      f.impermanentLoss !== null &&
      f.lossFraction.minus(f.impermanentLoss.neg()).abs().lte(tolerance);
    const ilCheck: Check = {
      ok: matchesIl,
      message: `the small LPs' loss is IL(r) within ${pct(tolerance)} of their HODL value (${pct(f.lossFraction)} against ${pct(f.impermanentLoss?.neg() ?? null)})`,
    };
    if (world.side === "vulnerable") return [...commonChecks(result, world), ilCheck];
    const spot = f.spotAfterDump ?? new Decimal(0);
    const twapNow = f.twapAfterDump ?? new Decimal(0);
    const twapLater = f.twapAfterWindow ?? new Decimal(0);
    return [
      {
        ok: f.exitsReverted === Object.keys(SMALL_LPS).length,
        message: `every slippage-limited exit reverts rather than filling at the moved price (${f.exitsReverted} of ${Object.keys(SMALL_LPS).length})`,
      },
      {
        ok: twapNow.minus(f.entryPrice).abs().lte(f.entryPrice.mul("0.01")),
        message: `the TWAP ignores the move inside its window (${twapNow.toFixed(4)} against spot ${spot.toFixed(4)})`,
      },
      {
        ok: twapLater.minus(spot).abs().lte(spot.mul("0.01")),
        message: `once the price has stood a window, the TWAP reads it (${twapLater.toFixed(4)}): the move is real`,
      },
      {
        ok: matchesIl && result.victimsLoss > 0n,
        message: `neither prevents the loss: ${ilCheck.message}`,
      },
    ];
  },
};
