import { D, type Numeric, dec, requireNonNegative, requirePositive } from "./decimal.js";
import { impermanentLoss } from "./impermanent-loss.js";

/** A farming position's result against holding, split into its causes (all in USD). */
export interface PnlBreakdown {
  fees: D;
  rewards: D;
  /** The value lost to the price move, as a positive amount. */
  impermanentLoss: D;
  gas: D;
  /** fees + rewards − impermanent loss − gas: what farming gained over holding. */
  net: D;
  /** net / hodl value. */
  netVsHodl: D;
}

/**
 * PnL of a farming position against holding the same tokens: fees + rewards − IL − gas, where the
 * IL in USD is the holding's value now times −IL(r) for the price ratio r.
 */
export function farmingPnl(args: {
  hodlValueUsd: Numeric;
  priceRatio: Numeric;
  feesUsd: Numeric;
  rewardsUsd: Numeric;
  gasUsd: Numeric;
}): PnlBreakdown {
  const hodl = requirePositive("hodl value", dec(args.hodlValueUsd));
  const fees = requireNonNegative("fees", dec(args.feesUsd));
  const rewards = requireNonNegative("rewards", dec(args.rewardsUsd));
  const gas = requireNonNegative("gas", dec(args.gasUsd));
  const il = hodl.mul(impermanentLoss(args.priceRatio)).neg();
  const net = fees.plus(rewards).minus(il).minus(gas);
  return { fees, rewards, impermanentLoss: il, gas, net, netVsHodl: net.div(hodl) };
}
