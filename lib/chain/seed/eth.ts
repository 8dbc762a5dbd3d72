import { toQuantity } from "ethers";

import { formatUnits } from "../../pure/format.js";
import type { SeedContext } from "./context.js";

/** ETH an account that signs during seeding keeps for gas. */
export const GAS_RESERVE = 10n ** 18n;

/**
 * Raises an account's ETH to at least `target`. A dev chain sets the balance (`hardhat_setBalance`,
 * which Hardhat's node and anvil both serve); any other chain gets the difference from the deployer,
 * who must hold it. Returns the ETH added.
 */
export async function ensureEth(
  ctx: SeedContext,
  address: string,
  target: bigint,
): Promise<bigint> {
  const { ethers, actors, log } = ctx;
  const balance = await ethers.provider.getBalance(address);
  if (balance >= target) return 0n;
  const name = Object.entries(actors).find(([, signer]) => signer.address === address)?.[0];
  const who = name ?? address;
  if (ctx.devNode ?? true) {
    await ethers.provider.send("hardhat_setBalance", [address, toQuantity(target)]);
    log(`  ${who}: ETH balance raised to ${formatUnits(target, 18n)}`);
  } else {
    await (await actors.deployer.sendTransaction({ to: address, value: target - balance })).wait();
    log(`  ${who}: +${formatUnits(target - balance, 18n)} ETH from the deployer`);
  }
  return target - balance;
}
