import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import { devAddress } from "../../lib/pure/hd.js";
import AmmModule from "./Amm.js";
import FarmingModule, { FARM_POOLS } from "./Farming.js";
import LendingModule, { MAX_PRICE_AGE, TWAP_PERIOD } from "./Lending.js";

const HOUR = 3_600n;

/**
 * The vault's settings: profit unlocks over 6 hours, 10% of what each harvest sells goes to the
 * treasury (20% at most), each harvest swap may fill up to 3% below its reference quote (10% at
 * most), and the outside prices it checks against may be up to an hour old (the lending market's
 * limit). At the reporters' price the bound covers the 0.3% fee and the price impact of selling
 * about 2,790 RWD into the RWD/WETH pool, some 1.4 hours of the WETH/USDC farm pool's rewards in the
 * bonus week: a harvest sells at most that and keeps the rest for the next ones.
 */
export const VAULT_SETTINGS = {
  profitUnlockTime: 6n * HOUR,
  performanceFeeBps: 1_000n,
  maxSlippageBps: 300n,
  maxPriceAge: MAX_PRICE_AGE,
} as const;
const KEEPER_ACCOUNT = 7;
const TREASURY_ACCOUNT = 8;

/**
 * The auto-compounding vault over the farm's WETH/USDC LP pool: it sells the farm's RWD for WETH
 * through the RWD/WETH pool (priced by a TWAP oracle deployed here), half-ish of that WETH for USDC
 * through the WETH/USDC pool (priced by the lending module's TWAP oracle), each sale also checked
 * against the lending module's reporter oracle (the sandbox's price from outside the pools), and
 * stakes the new LP. The keeper harvests, the performance fee goes to the treasury (parameters
 * `keeper` and `treasury`, defaulting to the local chain's accounts 7 and 8), and the deployer owns
 * the settings; hand them to a timelock.
 */
export default buildModule("Vault", (m) => {
  const { router, pairWethUsdc, pairRewardWeth } = m.useModule(AmmModule);
  const { farm } = m.useModule(FarmingModule);
  const { twapWethUsdc, reporterOracle } = m.useModule(LendingModule);

  const twapRewardWeth = m.contract("TwapOracle", [pairRewardWeth, TWAP_PERIOD], {
    id: "TwapRewardWeth",
  });
  const vault = m.contract("AutoCompoundingVault", [
    {
      lpToken: pairWethUsdc,
      farm,
      pid: FARM_POOLS.wethUsdc.pid,
      router,
      rewardOracle: twapRewardWeth,
      pairOracle: twapWethUsdc,
      priceOracle: reporterOracle,
      maxPriceAge: VAULT_SETTINGS.maxPriceAge,
      profitUnlockTime: VAULT_SETTINGS.profitUnlockTime,
      treasury: m.getParameter("treasury", devAddress(TREASURY_ACCOUNT)),
      keeper: m.getParameter("keeper", devAddress(KEEPER_ACCOUNT)),
      performanceFeeBps: VAULT_SETTINGS.performanceFeeBps,
      maxSlippageBps: VAULT_SETTINGS.maxSlippageBps,
    },
    "Sandbox Auto-Compounding WETH/USDC LP",
    "acWETH-USDC",
    m.getAccount(0),
  ]);

  return { vault, twapRewardWeth };
});
