import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import AirdropModule from "./Airdrop.js";
import AmmModule from "./Amm.js";
import FarmingModule from "./Farming.js";
import GovernanceModule from "./Governance.js";
import HandoverModule from "./Handover.js";
import LendingModule from "./Lending.js";
import LiquidStakingModule from "./LiquidStaking.js";
import TokensModule from "./Tokens.js";
import VaultModule from "./Vault.js";

/**
 * The whole sandbox: every core module composed into one deployment. Tests, scripts and the local
 * node all deploy this module, so they see the same contracts wired the same way.
 */
export default buildModule("Sandbox", (m) => {
  const tokens = m.useModule(TokensModule);
  const amm = m.useModule(AmmModule);
  const farming = m.useModule(FarmingModule);
  const lending = m.useModule(LendingModule);
  const governance = m.useModule(GovernanceModule);
  const airdrop = m.useModule(AirdropModule);
  const liquidStaking = m.useModule(LiquidStakingModule);
  const vault = m.useModule(VaultModule);
  // Last: every admin power moves to the governance timelock.
  const handover = m.useModule(HandoverModule);
  return {
    ...tokens,
    ...amm,
    ...farming,
    ...lending,
    ...governance,
    ...airdrop,
    ...liquidStaking,
    ...vault,
    ...handover,
  };
});
