import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";

import { REPORTER_ACCOUNTS } from "../../ignition/modules/Lending.js";
import type { Sandbox } from "./sandbox.js";

/** The assets the reporters price: the market's three and the farms' reward token. */
export const REPORTED_ASSETS = ["usdc", "dai", "weth", "reward"] as const;
export type ReportedAsset = (typeof REPORTED_ASSETS)[number];

/**
 * The sandbox's reporters report again, as their bots would while time passes: each of the three
 * submits every reported asset at the price given, or at the price published now (the sandbox's
 * outside world does not move by itself). The market refuses prices older than an hour and the
 * oracle publishes only with all three reports fresh, so anything that moves a local chain's clock
 * calls this afterwards. A price more than the oracle's bound away from the window's reference
 * reverts with OracleDeviationTooLarge: move it in steps, a window apart.
 */
export async function reportPrices(
  ethers: HardhatEthers,
  sandbox: Pick<Sandbox, "reporterOracle" | ReportedAsset>,
  prices: Partial<Record<ReportedAsset, bigint>> = {},
): Promise<void> {
  const signers = await ethers.getSigners();
  const oracle = sandbox.reporterOracle;
  const quotes = await Promise.all(
    REPORTED_ASSETS.map(async (name) => {
      const asset = await sandbox[name].getAddress();
      return { asset, price: prices[name] ?? (await oracle.getPrice(asset))[0] };
    }),
  );
  for (const index of REPORTER_ACCOUNTS) {
    const reporter = oracle.connect(signers[index]);
    for (const { asset, price } of quotes) await (await reporter.submit(asset, price)).wait();
  }
}
