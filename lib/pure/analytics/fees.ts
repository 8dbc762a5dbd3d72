import {
  D,
  DAYS_PER_YEAR,
  type Numeric,
  dec,
  requireNonNegative,
  requirePositive,
} from "./decimal.js";

/** Uniswap V2's swap fee, paid to liquidity providers: 0.30%. */
export const V2_FEE_RATE = new D("0.003");

/** Fee income of liquidity providers: fee rate × volume traded. */
export function feeIncome(volume: Numeric, feeRate: Numeric = V2_FEE_RATE): D {
  return requireNonNegative("volume", dec(volume)).mul(
    requireNonNegative("fee rate", dec(feeRate)),
  );
}

/** Fee APR from daily volume: fee rate × daily volume × 365 / TVL. */
export function feeApr(args: { dailyVolumeUsd: Numeric; tvlUsd: Numeric; feeRate?: Numeric }): D {
  const tvl = requirePositive("TVL", dec(args.tvlUsd));
  return feeIncome(args.dailyVolumeUsd, args.feeRate ?? V2_FEE_RATE)
    .mul(DAYS_PER_YEAR)
    .div(tvl);
}
