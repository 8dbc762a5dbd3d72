import { MaxUint256 } from "ethers";

import { FARM_POOLS, GOVERNANCE_FARM_POOLS } from "../../../ignition/modules/Farming.js";
import type { SeedContext } from "./context.js";
import { GAS_RESERVE, ensureEth } from "./eth.js";

const ONE = 10n ** 18n;
const USDC_UNIT = 10n ** 6n;

/** The users who farm on a seeded node, and what each puts in each pool (2,000 a WETH, as seeded). */
export const SEEDED_FARMERS = ["alice", "bob", "carol", "dave"] as const;
export const SEEDED_LP = {
  wethUsdc: { weth: 10n * ONE, stable: 20_000n * USDC_UNIT },
  wethDai: { weth: 10n * ONE, stable: 20_000n * ONE },
  /** A second, smaller WETH/DAI position each, staked in the governance farm: votes for farmers. */
  wethDaiGovernance: { weth: 5n * ONE, stable: 10_000n * ONE },
} as const;

/**
 * Gives the market its farmers: each seeded user adds liquidity to WETH/USDC and WETH/DAI and stakes
 * the LP in the farm, and adds a smaller WETH/DAI position to the governance farm, with tokens minted
 * and wrapped for the purpose (their starting bags stay whole). A user who already has a stake in a
 * pool is left alone, so seeding twice adds nothing.
 */
export async function seedFarming(ctx: SeedContext): Promise<void> {
  const { sandbox, actors, log } = ctx;
  const { weth, usdc, dai, router, farm, governanceFarm } = sandbox;
  const pools = [
    {
      name: "WETH/USDC",
      farm,
      farmName: "farm",
      pid: FARM_POOLS.wethUsdc.pid,
      stable: usdc,
      pair: sandbox.pairWethUsdc,
      amounts: SEEDED_LP.wethUsdc,
    },
    {
      name: "WETH/DAI",
      farm,
      farmName: "farm",
      pid: FARM_POOLS.wethDai.pid,
      stable: dai,
      pair: sandbox.pairWethDai,
      amounts: SEEDED_LP.wethDai,
    },
    {
      name: "WETH/DAI",
      farm: governanceFarm,
      farmName: "governance farm",
      pid: GOVERNANCE_FARM_POOLS.wethDai.pid,
      stable: dai,
      pair: sandbox.pairWethDai,
      amounts: SEEDED_LP.wethDaiGovernance,
    },
  ];
  const [routerAddress, wethAddress] = await Promise.all([router.getAddress(), weth.getAddress()]);
  let staked = 0;
  for (const name of SEEDED_FARMERS) {
    const account = actors[name];
    for (const { name: pool, farm, farmName, pid, stable, pair, amounts } of pools) {
      const farmAddress = await farm.getAddress();
      const [stake] = await farm.userInfo(pid, account.address);
      if (stake > 0n) continue;
      await ensureEth(ctx, account.address, amounts.weth + GAS_RESERVE);
      const lpBefore = await pair.balanceOf(account.address);
      await (await stable.faucet(account.address, amounts.stable)).wait();
      await (await weth.connect(account).deposit({ value: amounts.weth })).wait();
      await (await weth.connect(account).approve(routerAddress, amounts.weth)).wait();
      await (await stable.connect(account).approve(routerAddress, amounts.stable)).wait();
      await (
        await router
          .connect(account)
          .addLiquidity(
            wethAddress,
            await stable.getAddress(),
            amounts.weth,
            amounts.stable,
            0n,
            0n,
            account.address,
            MaxUint256,
          )
      ).wait();
      const lp = (await pair.balanceOf(account.address)) - lpBefore;
      await (await pair.connect(account).approve(farmAddress, lp)).wait();
      await (await farm.connect(account).deposit(pid, lp, account.address)).wait();
      staked += 1;
      log(`  ${name}: liquidity in ${pool}, LP staked in ${farmName} pool ${pid}`);
    }
  }
  if (staked === 0) log("  every seeded farmer already has its stakes");
}
