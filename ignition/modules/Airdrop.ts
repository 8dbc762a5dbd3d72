import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { id } from "ethers";

import { sandboxAirdrop } from "../../lib/pure/airdrop.js";
import GovernanceModule from "./Governance.js";
import TokensModule from "./Tokens.js";

/** Claims are open for 30 days after deployment. */
export const CLAIM_PERIOD = 30n * 24n * 3_600n;

const DEFAULT_AIRDROP = sandboxAirdrop();

/**
 * A governance-token airdrop to the named actors. The root defaults to the tree built in TypeScript
 * over the local chain's default accounts (lib/pure/airdrop.ts), so no file is needed to deploy it; for
 * other accounts build a tree with `npx hardhat sandbox airdrop-tree` and pass `merkleRoot` and `total`
 * as parameters. The distributor's SGOV is minted straight to it, under a MINTER_ROLE the deployer
 * grants itself and renounces in the next step, so the deployer never holds a token. What is left
 * unclaimed after the claim period goes to the governance timelock, which does not vote.
 */
export default buildModule("Airdrop", (m) => {
  const deployer = m.getAccount(0);
  const minterRole = id("MINTER_ROLE");
  const { governance } = m.useModule(TokensModule);
  const { timelock } = m.useModule(GovernanceModule);

  const airdrop = m.contract("MerkleDistributor", [
    governance,
    m.getParameter("merkleRoot", DEFAULT_AIRDROP.root),
    m.getParameter("claimPeriod", CLAIM_PERIOD),
    timelock,
  ]);
  const granted = m.call(governance, "grantRole", [minterRole, deployer], {
    id: "GrantAirdropFunder",
  });
  const minted = m.call(
    governance,
    "mint",
    [airdrop, m.getParameter("total", DEFAULT_AIRDROP.total)],
    { id: "fundAirdrop", after: [granted] },
  );
  m.call(governance, "renounceRole", [minterRole, deployer], {
    id: "RenounceAirdropFunder",
    after: [minted],
  });

  return { airdrop };
});
