import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import { devAddress } from "../../lib/pure/hd.js";
import AmmModule from "./Amm.js";
import TokensModule from "./Tokens.js";

const WAD = 10n ** 18n;
const USD = WAD;

/**
 * Accounts that report prices to the reporter oracle: accounts 9, 10 and 11 of the chain, three keys
 * that do nothing else (not the deployer, not an actor), so that no other role shares a reporter's
 * key. They are the `reporters` parameter's default; the first prices are theirs to submit, after
 * the deployment (the seeding step in lib/chain/seed/prices.ts).
 */
export const REPORTER_ACCOUNTS = [9, 10, 11] as const;
/**
 * Fresh reports needed to publish a price (all three: one compromised reporter cannot move the
 * median out of the two honest reports' range), largest move from the window's reference price,
 * and how long a report counts (also the length of a reference window).
 */
export const REPORTER_QUORUM = 3n;
export const REPORTER_MAX_DEVIATION_BPS = 1_000n;
export const REPORTER_WINDOW = 3_600n;
/**
 * Starting prices, USD with 18 decimals per whole token: the sandbox's outside world, which the
 * reporters keep reporting (RWD's too, though the market does not list it: the vault checks its
 * sales against it).
 */
export const START_PRICES = {
  usdc: 1n * USD,
  dai: 1n * USD,
  weth: 2_000n * USD,
  reward: 1n * USD,
} as const;
/** Oldest price the market accepts, in seconds. */
export const MAX_PRICE_AGE = 3_600n;
/** Shortest window of the TWAP oracles over the AMM's pairs, in seconds. */
export const TWAP_PERIOD = 1_800n;

/** Kinked rate models as annual WAD figures: base, slope below the kink, slope above, kink. */
export const STABLE_RATES = {
  base: 0n,
  slope1: (4n * WAD) / 100n,
  slope2: (75n * WAD) / 100n,
  kink: (80n * WAD) / 100n,
} as const;
export const VOLATILE_RATES = {
  base: (2n * WAD) / 100n,
  slope1: (8n * WAD) / 100n,
  slope2: 3n * WAD,
  kink: (65n * WAD) / 100n,
} as const;

/** Risk parameters in basis points, as the market's RiskParameters struct. */
export const STABLE_RISK = {
  collateralFactorBps: 8_000n,
  liquidationThresholdBps: 8_500n,
  liquidationBonusBps: 500n,
  reserveFactorBps: 1_000n,
} as const;
export const WETH_RISK = {
  collateralFactorBps: 7_500n,
  liquidationThresholdBps: 8_000n,
  liquidationBonusBps: 1_000n,
  reserveFactorBps: 1_500n,
} as const;

/** What the deployer supplies to the market and lends out through the flash lender, whole tokens. */
export const MARKET_LIQUIDITY = { usdc: 1_000_000n, dai: 1_000_000n, weth: 500n } as const;
export const FLASH_LIQUIDITY = { usdc: 1_000_000n, dai: 1_000_000n, weth: 500n } as const;
/** All the WETH the deployer wraps for the market and the flash lender, in base units. */
export const LENDING_WETH = (MARKET_LIQUIDITY.weth + FLASH_LIQUIDITY.weth) * WAD;
/** Flash-loan fee in basis points (Aave V3's test figure); fees go to the treasury actor. */
export const FLASH_FEE_BPS = 9n;
const TREASURY_ACCOUNT = 8;

/**
 * The lending side of the sandbox: a market over USDC, DAI and WETH priced by the reporter oracle,
 * its two rate models, the spot-price and TWAP oracles over the AMM's pairs (not used by the market),
 * and the flash lender; the market and the flash lender are funded by the deployer. Everything here
 * is signed by the deployer: the reporters and the treasury are parameters (`reporters`,
 * `treasury`), defaulting to the local chain's accounts 9–11 and 8, and the market has no price
 * until the reporters submit theirs.
 */
export default buildModule("Lending", (m) => {
  const deployer = m.getAccount(0);
  const { usdc, dai, weth } = m.useModule(TokensModule);
  const reporters = m.getParameter(
    "reporters",
    REPORTER_ACCOUNTS.map((i) => devAddress(i)),
  );
  const treasury = m.getParameter("treasury", devAddress(TREASURY_ACCOUNT));

  const reporterOracle = m.contract("ReporterOracle", [
    deployer,
    reporters,
    REPORTER_QUORUM,
    REPORTER_MAX_DEVIATION_BPS,
    REPORTER_WINDOW,
  ]);
  const rateModelStable = m.contract(
    "KinkedRateModel",
    [STABLE_RATES.base, STABLE_RATES.slope1, STABLE_RATES.slope2, STABLE_RATES.kink],
    { id: "RateModelStable" },
  );
  const rateModelVolatile = m.contract(
    "KinkedRateModel",
    [VOLATILE_RATES.base, VOLATILE_RATES.slope1, VOLATILE_RATES.slope2, VOLATILE_RATES.kink],
    { id: "RateModelVolatile" },
  );

  const lendingMarket = m.contract("LendingMarket", [deployer, reporterOracle, MAX_PRICE_AGE]);
  const listings = [
    m.call(lendingMarket, "listAsset", [usdc, rateModelStable, STABLE_RISK], { id: "ListUsdc" }),
    m.call(lendingMarket, "listAsset", [dai, rateModelStable, STABLE_RISK], { id: "ListDai" }),
    m.call(lendingMarket, "listAsset", [weth, rateModelVolatile, WETH_RISK], { id: "ListWeth" }),
  ];

  // The manipulable oracle, for the scenarios: USDC is the dollar, WETH from WETH/USDC, DAI via WETH.
  const { pairWethUsdc, pairWethDai } = m.useModule(AmmModule);
  const spotPriceOracle = m.contract("SpotPriceOracle", [deployer, usdc]);
  const spotWeth = m.call(spotPriceOracle, "setPair", [weth, pairWethUsdc], { id: "SpotWeth" });
  m.call(spotPriceOracle, "setPair", [dai, pairWethDai], { id: "SpotDai", after: [spotWeth] });

  // The TWAP oracles over the same pairs, and the adapter that prices assets from them. Their first
  // window closes when someone calls `update` TWAP_PERIOD seconds after deployment.
  const twapWethUsdc = m.contract("TwapOracle", [pairWethUsdc, TWAP_PERIOD], {
    id: "TwapWethUsdc",
  });
  const twapWethDai = m.contract("TwapOracle", [pairWethDai, TWAP_PERIOD], { id: "TwapWethDai" });
  const twapPriceOracle = m.contract("TwapPriceOracle", [deployer, usdc]);
  const twapWeth = m.call(twapPriceOracle, "setTwap", [weth, twapWethUsdc], { id: "TwapWeth" });
  m.call(twapPriceOracle, "setTwap", [dai, twapWethDai], { id: "TwapDai", after: [twapWeth] });

  const flashLender = m.contract("FlashLender", [deployer, treasury, FLASH_FEE_BPS]);

  // Liquidity: stablecoins from the faucet, WETH wrapped from the deployer's ether.
  const wrap = m.call(weth, "deposit", [], { value: LENDING_WETH, id: "LendingWrapWeth" });
  const stables = [
    ["Usdc", usdc, 6n, MARKET_LIQUIDITY.usdc, FLASH_LIQUIDITY.usdc],
    ["Dai", dai, 18n, MARKET_LIQUIDITY.dai, FLASH_LIQUIDITY.dai],
  ] as const;
  for (const [name, token, decimals, market, flash] of stables) {
    const amount = market * 10n ** decimals;
    const mint = m.call(token, "faucet", [deployer, amount], { id: `LendingFaucet${name}` });
    const approve = m.call(token, "approve", [lendingMarket, amount], {
      id: `LendingApprove${name}`,
      after: [mint],
    });
    m.call(lendingMarket, "supply", [token, amount], {
      id: `LendingSupply${name}`,
      after: [approve, ...listings],
    });
    m.call(token, "faucet", [flashLender, flash * 10n ** decimals], { id: `FlashFund${name}` });
    m.call(flashLender, "setTokenSupport", [token, true], { id: `FlashSupport${name}` });
  }
  const approveWeth = m.call(weth, "approve", [lendingMarket, MARKET_LIQUIDITY.weth * WAD], {
    id: "LendingApproveWeth",
    after: [wrap],
  });
  m.call(lendingMarket, "supply", [weth, MARKET_LIQUIDITY.weth * WAD], {
    id: "LendingSupplyWeth",
    after: [approveWeth, ...listings],
  });
  m.call(weth, "transfer", [flashLender, FLASH_LIQUIDITY.weth * WAD], {
    id: "FlashFundWeth",
    after: [wrap],
  });
  m.call(flashLender, "setTokenSupport", [weth, true], { id: "FlashSupportWeth" });

  return {
    lendingMarket,
    rateModelStable,
    rateModelVolatile,
    reporterOracle,
    spotPriceOracle,
    twapWethUsdc,
    twapWethDai,
    twapPriceOracle,
    flashLender,
  };
});
