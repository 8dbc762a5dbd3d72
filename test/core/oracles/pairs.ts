import { AMM_SEED } from "../../../ignition/modules/Amm.js";
import { networkHelpers } from "../../helpers/connection.js";
import { sandboxFixture } from "../../helpers/fixtures.js";

/** Reserves of the sandbox's pairs: 100 WETH against 200,000 USDC, and 100 WETH against 200,000 DAI. */
export const PAIR_WETH = AMM_SEED.wethUsdc.weth;
export const PAIR_USDC = AMM_SEED.wethUsdc.usdc;
export const PAIR_DAI = AMM_SEED.wethDai.dai;

/** The sandbox with its WETH/USDC and WETH/DAI pairs at $2,000 per WETH. */
export async function wethPairsFixture() {
  return networkHelpers.loadFixture(sandboxFixture);
}
