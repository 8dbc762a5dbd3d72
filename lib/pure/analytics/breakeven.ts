import {
  AnalyticsError,
  D,
  DAYS_PER_YEAR,
  type Numeric,
  dec,
  requireNonNegative,
  requirePositive,
} from "./decimal.js";

const GWEI_PER_ETH = new D(10).pow(9);

/** USD cost of `gas` units at a gas price in gwei and an ETH price. */
export function gasCostUsd(gas: bigint, gasPriceGwei: Numeric, ethPriceUsd: Numeric): D {
  if (gas < 0n) throw new AnalyticsError("gas must not be negative");
  return dec(gas)
    .mul(requireNonNegative("gas price", dec(gasPriceGwei)))
    .div(GWEI_PER_ETH)
    .mul(requireNonNegative("ETH price", dec(ethPriceUsd)));
}

/** What a position needs to farm before its yield repays the gas of entering and leaving. */
export interface Breakeven {
  gasUsd: D;
  dailyYieldUsd: D;
  days: D;
}

/**
 * Days a position of `positionUsd` earning `apr` (simple, per day = APR / 365) must farm to repay
 * the gas of entering and leaving: gas cost / daily yield.
 */
export function breakevenDays(args: {
  positionUsd: Numeric;
  apr: Numeric;
  entryGas: bigint;
  exitGas: bigint;
  gasPriceGwei: Numeric;
  ethPriceUsd: Numeric;
}): Breakeven {
  const position = requirePositive("position", dec(args.positionUsd));
  const apr = requirePositive("APR", dec(args.apr));
  const gasUsd = gasCostUsd(args.entryGas + args.exitGas, args.gasPriceGwei, args.ethPriceUsd);
  const dailyYieldUsd = position.mul(apr).div(DAYS_PER_YEAR);
  return { gasUsd, dailyYieldUsd, days: gasUsd.div(dailyYieldUsd) };
}
