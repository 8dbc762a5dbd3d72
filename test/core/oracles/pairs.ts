import { AMM_SEED } from "../../../ignition/modules/Amm.js";

/** Reserves of the sandbox's pairs: 100 WETH against 200,000 USDC, and 100 WETH against 200,000 DAI. */
export const PAIR_WETH = AMM_SEED.wethUsdc.weth;
export const PAIR_USDC = AMM_SEED.wethUsdc.usdc;
export const PAIR_DAI = AMM_SEED.wethDai.dai;
