import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import { sandboxAirdrop } from "../../lib/airdrop.js";
import TokensModule from "./Tokens.js";

/** Claims are open for 30 days after deployment. */
export const CLAIM_PERIOD = 30n * 24n * 3_600n;

const DEFAULT_AIRDROP = sandboxAirdrop();

/**
 * A governance-token airdrop to the named actors. The root defaults to the tree built in TypeScript
 * over the local chain's default accounts (lib/airdrop.ts), so no file is needed to deploy it; for
 * other accounts build a tree with scripts/airdrop/build-tree.ts and pass `merkleRoot` and `total`
 * as parameters. The deployer funds the distributor with the total; leftovers go to the treasury
 * (account 8) after the claim period.
 */
export default buildModule("Airdrop", (m) => {
  const treasury = m.getAccount(8);
  const { governance } = m.useModule(TokensModule);

  const airdrop = m.contract("MerkleDistributor", [
    governance,
    m.getParameter("merkleRoot", DEFAULT_AIRDROP.root),
    m.getParameter("claimPeriod", CLAIM_PERIOD),
    treasury,
  ]);
  m.call(governance, "transfer", [airdrop, m.getParameter("total", DEFAULT_AIRDROP.total)], {
    id: "fundAirdrop",
  });

  return { airdrop };
});
