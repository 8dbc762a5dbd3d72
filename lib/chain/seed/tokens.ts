import { FUNDED_ACTORS, STARTING_UNITS, startingAmount } from "../actors.js";
import { formatUnits } from "../../pure/format.js";
import type { SeedContext } from "./context.js";
import { GAS_RESERVE, ensureEth } from "./eth.js";

/**
 * Tops each funded actor up to its starting bag — the same bags the test fixture hands out:
 * USDC and DAI from the mock tokens' faucets, WETH by wrapping the actor's own ETH. An actor who
 * already holds the bag (or more) gets nothing, so seeding twice mints nothing the second time.
 * An actor whose ETH does not cover its WETH bag and some gas (a --reset on a node that was used
 * before, where the old WETH still holds the first bag, or an actor derived from a mnemonic on a
 * chain reached with keys) has its ETH raised first (see ensureEth).
 */
export async function seedTokens(ctx: SeedContext): Promise<void> {
  const { sandbox, actors, log } = ctx;
  const { usdc, dai, weth } = sandbox;
  const mocks = [
    { token: usdc, units: STARTING_UNITS.usdc, decimals: await usdc.decimals(), symbol: "USDC" },
    { token: dai, units: STARTING_UNITS.dai, decimals: await dai.decimals(), symbol: "DAI" },
  ];
  let topUps = 0;
  for (const name of FUNDED_ACTORS) {
    const account = actors[name];
    for (const { token, units, decimals, symbol } of mocks) {
      const shortfall = startingAmount(name, units, decimals) - (await token.balanceOf(account));
      if (shortfall > 0n) {
        await (await token.faucet(account.address, shortfall)).wait();
        topUps += 1;
        log(`  ${name}: +${formatUnits(shortfall, decimals)} ${symbol}`);
      }
    }
    const wethShortfall =
      startingAmount(name, STARTING_UNITS.weth, 18n) - (await weth.balanceOf(account));
    if (wethShortfall > 0n) {
      await ensureEth(ctx, account.address, wethShortfall + GAS_RESERVE);
      await (await weth.connect(account).deposit({ value: wethShortfall })).wait();
      topUps += 1;
      log(`  ${name}: +${formatUnits(wethShortfall, 18n)} WETH (wrapped)`);
    }
  }
  if (topUps === 0) log("  every funded actor already holds its starting bag");
}
