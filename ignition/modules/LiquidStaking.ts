import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import { devAddress } from "../../lib/pure/hd.js";

/** Bound on the APR a single oracle report may imply: 10%, in basis points. */
export const MAX_APR_BPS = 1_000n;

const KEEPER_ACCOUNT = 7;

/**
 * Liquid staking: stake ETH for sbETH shares. The deployer administers it for now and the keeper is
 * the oracle that reports rewards (parameter `oracle`, defaulting to the local chain's account 7).
 */
export default buildModule("LiquidStaking", (m) => {
  const admin = m.getAccount(0);
  const oracle = m.getParameter("oracle", devAddress(KEEPER_ACCOUNT));
  const liquidStaking = m.contract("LiquidStaking", [
    admin,
    oracle,
    m.getParameter("maxAprBps", MAX_APR_BPS),
  ]);
  return { liquidStaking };
});
