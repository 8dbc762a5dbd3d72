import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import type { CallableContractFuture, Future } from "@nomicfoundation/ignition-core";
import { id } from "ethers";

import TokensModule from "./Tokens.js";

const ONE = 10n ** 18n;
const USDC_UNIT = 10n ** 6n;

/**
 * Starting liquidity of the three seeded pools, in base units. Prices: 2,000 USDC and 2,000 DAI per
 * WETH, and 2,000 RWD per WETH (1 RWD = 0.0005 WETH, about $1).
 */
export const AMM_SEED = {
  wethUsdc: { weth: 100n * ONE, usdc: 200_000n * USDC_UNIT },
  wethDai: { weth: 100n * ONE, dai: 200_000n * ONE },
  rewardWeth: { reward: 100_000n * ONE, weth: 50n * ONE },
} as const;
/** All the WETH the deployer wraps for the pools. */
export const AMM_SEED_WETH =
  AMM_SEED.wethUsdc.weth + AMM_SEED.wethDai.weth + AMM_SEED.rewardWeth.weth;

/**
 * The constant-product AMM: factory (feeToSetter = deployer, protocol fee off), router over the
 * sandbox's WETH, and three pools seeded by the deployer. The deployer takes USDC and DAI from the
 * faucets, wraps ETH, and mints the RWD under a MINTER_ROLE it grants itself and renounces right
 * after; each pool is funded by transfers followed by `mint`, so the deployer ends with the LP tokens
 * and no loose tokens.
 */
export default buildModule("Amm", (m) => {
  const { weth, usdc, dai, reward } = m.useModule(TokensModule);
  const deployer = m.getAccount(0);

  const factory = m.contract("AmmFactory", [deployer]);
  const router = m.contract("AmmRouter", [factory, weth]);

  const usdcFunded = m.call(usdc, "faucet", [deployer, AMM_SEED.wethUsdc.usdc], {
    id: "FaucetUsdc",
  });
  const daiFunded = m.call(dai, "faucet", [deployer, AMM_SEED.wethDai.dai], { id: "FaucetDai" });
  const wrapped = m.call(weth, "deposit", [], { value: AMM_SEED_WETH, id: "WrapEth" });
  const minterRole = id("MINTER_ROLE");
  const granted = m.call(reward, "grantRole", [minterRole, deployer], { id: "GrantMinter" });
  const minted = m.call(reward, "mint", [deployer, AMM_SEED.rewardWeth.reward], {
    id: "MintReward",
    after: [granted],
  });
  m.call(reward, "renounceRole", [minterRole, deployer], { id: "RenounceMinter", after: [minted] });

  // Creates the pair, reads its address from PairCreated, funds it and mints the LP to the deployer.
  const seedPool = (
    key: string,
    a: CallableContractFuture<string>,
    b: CallableContractFuture<string>,
    amountA: bigint,
    amountB: bigint,
    ready: Future[],
  ) => {
    const created = m.call(factory, "createPair", [a, b], { id: `Create_${key}` });
    const address = m.readEventArgument(created, "PairCreated", "pair", { id: `Read_${key}` });
    const pair = m.contractAt("AmmPair", address, { id: key });
    const sentA = m.call(a, "transfer", [pair, amountA], { id: `FundA_${key}`, after: ready });
    const sentB = m.call(b, "transfer", [pair, amountB], { id: `FundB_${key}`, after: ready });
    m.call(pair, "mint", [deployer], { id: `Mint_${key}`, after: [sentA, sentB] });
    return pair;
  };

  const pairWethUsdc = seedPool(
    "pairWethUsdc",
    weth,
    usdc,
    AMM_SEED.wethUsdc.weth,
    AMM_SEED.wethUsdc.usdc,
    [wrapped, usdcFunded],
  );
  const pairWethDai = seedPool(
    "pairWethDai",
    weth,
    dai,
    AMM_SEED.wethDai.weth,
    AMM_SEED.wethDai.dai,
    [wrapped, daiFunded],
  );
  const pairRewardWeth = seedPool(
    "pairRewardWeth",
    reward,
    weth,
    AMM_SEED.rewardWeth.reward,
    AMM_SEED.rewardWeth.weth,
    [wrapped, minted],
  );

  return { factory, router, pairWethUsdc, pairWethDai, pairRewardWeth };
});
