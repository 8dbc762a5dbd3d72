import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";

import { REPORTER_ACCOUNTS, START_PRICES } from "../../ignition/modules/Lending.js";
import type { Sandbox } from "./sandbox.js";

/** The assets the reporters price: the market's three and the farms' reward token. */
export const REPORTED_ASSETS = ["usdc", "dai", "weth", "reward"] as const;
export type ReportedAsset = (typeof REPORTED_ASSETS)[number];

/** The reporters' accounts on the connected chain (accounts 9, 10 and 11). */
export async function reporterSigners(ethers: HardhatEthers): Promise<HardhatEthersSigner[]> {
  const signers = await ethers.getSigners();
  const missing = REPORTER_ACCOUNTS.filter((index) => signers[index] === undefined);
  if (missing.length > 0) {
    throw new Error(
      `the chain exposes ${signers.length} accounts, the reporters are accounts ${REPORTER_ACCOUNTS.join(", ")}`,
    );
  }
  return REPORTER_ACCOUNTS.map((index) => signers[index]);
}

/** The price the oracle publishes for an asset and when, or undefined before its first price. */
export async function publishedPrice(
  sandbox: Pick<Sandbox, "reporterOracle">,
  asset: string,
): Promise<{ price: bigint; updatedAt: bigint } | undefined> {
  try {
    const [price, updatedAt] = await sandbox.reporterOracle.getPrice(asset);
    return { price, updatedAt };
  } catch {
    return undefined;
  }
}

/**
 * The sandbox's reporters report, as their bots would while time passes: each of the three submits
 * each of `assets` at the price given, or else at the price published now, or else (before the
 * first price) at its starting price — the sandbox's outside world does not move by itself. The
 * market refuses prices older than an hour and the oracle publishes only with all three reports
 * fresh, so anything that moves a local chain's clock calls this afterwards. A price more than the
 * oracle's bound away from the window's reference reverts with OracleDeviationTooLarge: move it in
 * steps, a window apart.
 */
export async function reportPrices(
  ethers: HardhatEthers,
  sandbox: Pick<Sandbox, "reporterOracle" | ReportedAsset>,
  prices: Partial<Record<ReportedAsset, bigint>> = {},
  assets: readonly ReportedAsset[] = REPORTED_ASSETS,
): Promise<void> {
  const reporters = await reporterSigners(ethers);
  const quotes = await Promise.all(
    assets.map(async (name) => {
      const asset = await sandbox[name].getAddress();
      const published = await publishedPrice(sandbox, asset);
      return { asset, price: prices[name] ?? published?.price ?? START_PRICES[name] };
    }),
  );
  for (const reporter of reporters) {
    const oracle = sandbox.reporterOracle.connect(reporter);
    for (const { asset, price } of quotes) await (await oracle.submit(asset, price)).wait();
  }
}
