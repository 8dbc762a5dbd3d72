import type { NetworkConnection } from "hardhat/types/network";
import { MaxUint256 } from "ethers";

import SandboxModule from "../../ignition/modules/Sandbox.js";
import { getActors } from "../chain/actors.js";
import { type Sandbox, addressesOf, connectSandbox } from "../chain/sandbox.js";
import { VAULT_SETTINGS } from "../../ignition/modules/Vault.js";
import {
  AmmPair__factory,
  AutoCompoundingVault__factory,
  Farm__factory,
  PositionLens__factory,
  RewardToken__factory,
  TwapOracle__factory,
  TwapPriceOracle__factory,
} from "../../typechain-types/index.js";
import type {
  AmmPair,
  AutoCompoundingVault,
  AmmRouter,
  Farm,
  MockERC20,
  PositionLens,
  RewardToken,
  WETH,
} from "../../typechain-types/index.js";

const ONE = 10n ** 18n;
const DAY = 86_400n;

/** The RWD/WETH pool the simulation's reward token trades in: 1 RWD ≈ 1 USDC at 2,000 per WETH. */
export const SIM_REWARD_POOL = { reward: 100_000n * ONE, weth: 50n * ONE } as const;
/** The simulation's farm emits at a constant rate for ten years: no schedule end inside a run. */
export const SIM_FARM_DURATION = 3650n * DAY;
/**
 * The simulation's vault: its keeper harvests once a day, so each harvest's TWAP oracles close a
 * window of about a day (any window of at most a day does), and its profit unlocks within the day.
 * No performance fee, so that the vault and the farmers who compound by hand differ only in how
 * and how often they compound; the slippage bound and the oldest outside price are the sandbox
 * vault's. The simulation has no manipulator, so its outside prices come from its own pools: a
 * TwapPriceOracle over the vault's two TWAP oracles (RWD through RWD/WETH, WETH through WETH/USDC),
 * whose windows each harvest closes before it reads them.
 */
export const SIM_VAULT = {
  twapPeriod: 3_600n,
  profitUnlockTime: VAULT_SETTINGS.profitUnlockTime,
  performanceFeeBps: 0n,
  maxSlippageBps: VAULT_SETTINGS.maxSlippageBps,
  maxPriceAge: VAULT_SETTINGS.maxPriceAge,
} as const;

/** What the simulation trades and farms with. */
export interface SimContracts {
  weth: WETH;
  usdc: MockERC20;
  router: AmmRouter;
  /** The WETH/USDC pool, whose LP the farm's only pool (pid 0) takes. */
  pair: AmmPair;
  reward: RewardToken;
  farm: Farm;
  rewardPair: AmmPair;
  /** An auto-compounding vault over the farm's pool; the deployer is its keeper and owner. */
  vault: AutoCompoundingVault;
  /** Reads many farmers' balances and pending rewards in one call. */
  lens: PositionLens;
  /** LP the deployer seeded the pool with and stakes as the other farmers of the market. */
  backgroundLp: bigint;
  /** Which token is token0 of each pair: fixed at creation, so read once. */
  order: { wethFirst: boolean; rewardFirst: boolean };
}

/** Deploys the Sandbox Ignition module on a connection and returns typed handles on it. */
export async function deploySandboxInProcess(connection: NetworkConnection): Promise<Sandbox> {
  const actors = await getActors(connection.ethers);
  const deployed = await connection.ignition.deploy(SandboxModule);
  return connectSandbox(await addressesOf(deployed), actors.deployer);
}

/**
 * The simulation's market on a deployed sandbox: the sandbox's WETH, USDC, router and WETH/USDC
 * pool, and a farm of its own emitting `rewardPerDay` RWD of a reward token of its own to that
 * pool's LP, so that the emission rate is a parameter of the run and no sandbox admin power is
 * needed. The reward token gets a RWD/WETH pool to be priced and sold in, and the deployer stakes
 * whatever LP of the WETH/USDC pool it holds, so the simulated farmers share the rewards.
 */
export async function deploySimMarket(
  sandbox: Sandbox,
  rewardPerDay: bigint,
): Promise<SimContracts> {
  const deployer = sandbox.weth.runner;
  if (
    deployer === null ||
    !("getAddress" in deployer) ||
    typeof deployer.getAddress !== "function"
  ) {
    throw new Error("the sandbox handles need a signer");
  }
  const signer = deployer as unknown as Parameters<typeof RewardToken__factory.connect>[1] & {
    getAddress(): Promise<string>;
  };
  const me = await signer.getAddress();
  const wait = async (tx: Promise<{ wait(): Promise<unknown> }>) => {
    await (await tx).wait();
  };

  const reward = await new RewardToken__factory(signer as never).deploy(me, 10n ** 30n);
  const farm = await new Farm__factory(signer as never).deploy(
    await reward.getAddress(),
    (rewardPerDay * ONE) / DAY,
    0n,
    SIM_FARM_DURATION,
    0n,
    1n,
    me,
  );
  const minter = await reward.MINTER_ROLE();
  await wait(reward.grantRole(minter, await farm.getAddress()));
  await wait(farm.add(100n, await sandbox.pairWethUsdc.getAddress()));

  await wait(reward.grantRole(minter, me));
  await wait(reward.mint(me, SIM_REWARD_POOL.reward));
  await wait(reward.renounceRole(minter, me));
  await wait(sandbox.weth.deposit({ value: SIM_REWARD_POOL.weth }));
  const router = await sandbox.router.getAddress();
  await wait(reward.approve(router, MaxUint256));
  await wait(sandbox.weth.approve(router, MaxUint256));
  await wait(
    sandbox.router.addLiquidity(
      await reward.getAddress(),
      await sandbox.weth.getAddress(),
      SIM_REWARD_POOL.reward,
      SIM_REWARD_POOL.weth,
      0n,
      0n,
      me,
      MaxUint256,
    ),
  );
  const rewardPairAddress = await sandbox.factory.getPair(
    await reward.getAddress(),
    await sandbox.weth.getAddress(),
  );

  const backgroundLp = await sandbox.pairWethUsdc.balanceOf(me);
  if (backgroundLp > 0n) {
    await wait(sandbox.pairWethUsdc.approve(await farm.getAddress(), backgroundLp));
    await wait(farm.deposit(0n, backgroundLp, me));
  }
  const wethAddress = await sandbox.weth.getAddress();
  const rewardPair = AmmPair__factory.connect(rewardPairAddress, signer as never);
  const twap = (pair: string) =>
    new TwapOracle__factory(signer as never).deploy(pair, SIM_VAULT.twapPeriod);
  const [rewardOracle, pairOracle] = [
    await twap(rewardPairAddress),
    await twap(await sandbox.pairWethUsdc.getAddress()),
  ];
  const priceOracle = await new TwapPriceOracle__factory(signer as never).deploy(
    me,
    await sandbox.usdc.getAddress(),
  );
  await wait(priceOracle.setTwap(wethAddress, await pairOracle.getAddress()));
  await wait(priceOracle.setTwap(await reward.getAddress(), await rewardOracle.getAddress()));
  const vault = await new AutoCompoundingVault__factory(signer as never).deploy(
    {
      lpToken: await sandbox.pairWethUsdc.getAddress(),
      farm: await farm.getAddress(),
      pid: 0n,
      router,
      rewardOracle: await rewardOracle.getAddress(),
      pairOracle: await pairOracle.getAddress(),
      priceOracle: await priceOracle.getAddress(),
      maxPriceAge: SIM_VAULT.maxPriceAge,
      profitUnlockTime: SIM_VAULT.profitUnlockTime,
      treasury: me,
      keeper: me,
      performanceFeeBps: SIM_VAULT.performanceFeeBps,
      maxSlippageBps: SIM_VAULT.maxSlippageBps,
    },
    "Simulation Auto-Compounding WETH/USDC LP",
    "simWETH-USDC",
    me,
  );
  await vault.waitForDeployment();
  const lens = await new PositionLens__factory(signer as never).deploy();
  await lens.waitForDeployment();
  const order = {
    wethFirst: (await sandbox.pairWethUsdc.token0()) === wethAddress,
    rewardFirst: (await rewardPair.token0()) !== wethAddress,
  };
  return {
    order,
    weth: sandbox.weth,
    usdc: sandbox.usdc,
    router: sandbox.router,
    pair: sandbox.pairWethUsdc,
    reward,
    farm,
    rewardPair,
    vault,
    lens,
    backgroundLp,
  };
}
