import { toQuantity } from "ethers";

import { FUNDED_ACTORS, STARTING_UNITS, startingAmount } from "../actors.js";
import { formatUnits } from "../../pure/format.js";
import type { SeedContext } from "./context.js";

/** ETH an actor keeps for gas after wrapping its WETH bag. */
const GAS_RESERVE = 10n ** 18n;

/**
 * Tops each funded actor up to its starting bag — the same bags the test fixture hands out:
 * USDC and DAI from the mock tokens' faucets, WETH by wrapping the actor's own ETH. An actor who
 * already holds the bag (or more) gets nothing, so seeding twice mints nothing the second time.
 * An actor whose ETH no longer covers its WETH bag (a --reset on a node that was used before: the
 * old WETH still holds the first bag) has its ETH balance raised through the dev node's
 * `hardhat_setBalance`, which Hardhat's node and anvil both serve.
 */
export async function seedTokens({ ethers, sandbox, actors, log }: SeedContext): Promise<void> {
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
      const eth = await ethers.provider.getBalance(account);
      if (eth < wethShortfall + GAS_RESERVE) {
        const raised = wethShortfall + GAS_RESERVE;
        await ethers.provider.send("hardhat_setBalance", [account.address, toQuantity(raised)]);
        log(`  ${name}: ETH balance raised to ${formatUnits(raised, 18n)} to wrap its WETH`);
      }
      await (await weth.connect(account).deposit({ value: wethShortfall })).wait();
      topUps += 1;
      log(`  ${name}: +${formatUnits(wethShortfall, 18n)} WETH (wrapped)`);
    }
  }
  if (topUps === 0) log("  every funded actor already holds its starting bag");
}
