import { MAX_PRICE_AGE } from "../../../ignition/modules/Lending.js";
import {
  REPORTED_ASSETS,
  type ReportedAsset,
  publishedPrice,
  reportPrices,
  reporterSigners,
} from "../reporters.js";
import type { SeedContext } from "./context.js";
import { GAS_RESERVE, ensureEth } from "./eth.js";

/**
 * The reporters submit the first prices, the sandbox's starting prices (or, on a sandbox seeded
 * before, the prices published now), signing with their own keys: the market prices nothing until
 * they have. An asset whose published price is younger than the market's limit is left alone, so
 * seeding again submits nothing. Each reporter gets gas first where it has none.
 */
export async function seedPrices(ctx: SeedContext): Promise<void> {
  const { ethers, sandbox, log } = ctx;
  const latest = await ethers.provider.getBlock("latest");
  if (latest === null) throw new Error("the node returned no latest block");
  const stale: ReportedAsset[] = [];
  for (const name of REPORTED_ASSETS) {
    const published = await publishedPrice(sandbox, await sandbox[name].getAddress());
    if (
      published === undefined ||
      BigInt(latest.timestamp) - published.updatedAt >= MAX_PRICE_AGE
    ) {
      stale.push(name);
    }
  }
  if (stale.length === 0) {
    log("  every price is fresh");
    return;
  }
  for (const reporter of await reporterSigners(ethers)) {
    await ensureEth(ctx, reporter.address, GAS_RESERVE);
  }
  await reportPrices(ethers, sandbox, {}, stale);
  log(`  the reporters submit prices of ${stale.join(", ")}`);
}
