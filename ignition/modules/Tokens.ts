import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/** 100 million RWD: the most the farms can ever mint. */
export const REWARD_CAP = 100_000_000n * 10n ** 18n;

/**
 * The sandbox's tokens: WETH, two mock stablecoins with different decimals (USDC has 6, DAI 18),
 * the capped reward token the farms mint, and the governance token whose votes are a reward.
 */
export default buildModule("Tokens", (m) => {
  const deployer = m.getAccount(0);

  const weth = m.contract("WETH");
  const usdc = m.contract("MockERC20", ["USD Coin", "USDC", 6], { id: "USDC" });
  const dai = m.contract("MockERC20", ["Dai Stablecoin", "DAI", 18], { id: "DAI" });
  const reward = m.contract("RewardToken", [deployer, m.getParameter("rewardCap", REWARD_CAP)]);
  // No initial supply: SGOV is minted only by the airdrop's funding and the governance farm.
  const governance = m.contract("GovernanceToken", [deployer]);

  return { weth, usdc, dai, reward, governance };
});
