import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/** Bound on the APR a single oracle report may imply: 10%, in basis points. */
export const MAX_APR_BPS = 1_000n;

/**
 * Liquid staking: stake ETH for sbETH shares. The deployer administers it for now and the keeper
 * (account 7) is the oracle that reports rewards.
 */
export default buildModule("LiquidStaking", (m) => {
  const admin = m.getAccount(0);
  const oracle = m.getAccount(7);
  const liquidStaking = m.contract("LiquidStaking", [
    admin,
    oracle,
    m.getParameter("maxAprBps", MAX_APR_BPS),
  ]);
  return { liquidStaking };
});
