import type { SeedContext } from "./context.js";
import { SEEDED_FARMERS } from "./farming.js";

/**
 * The seeded farmers take part in governance: each delegates its votes to itself, so that the SGOV
 * it claims from the airdrop or harvests from the governance farm votes from the next block on. A
 * farmer who has delegated already (to anyone) is left alone.
 */
export async function seedGovernance({ ethers, sandbox, actors, log }: SeedContext): Promise<void> {
  const { governance } = sandbox;
  let delegated = 0;
  for (const name of SEEDED_FARMERS) {
    const account = actors[name];
    if ((await governance.delegates(account.address)) !== ethers.ZeroAddress) continue;
    await (await governance.connect(account).delegate(account.address)).wait();
    delegated += 1;
    log(`  ${name}: delegates its votes to itself`);
  }
  if (delegated === 0) log("  every seeded farmer has delegated already");
}
