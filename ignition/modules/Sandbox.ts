import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import AmmModule from "./Amm.js";
import LendingModule from "./Lending.js";
import TokensModule from "./Tokens.js";

/**
 * The whole sandbox: every core module composed into one deployment. Tests, scripts and the local
 * node all deploy this module, so they see the same contracts wired the same way.
 */
export default buildModule("Sandbox", (m) => {
  const tokens = m.useModule(TokensModule);
  const amm = m.useModule(AmmModule);
  const lending = m.useModule(LendingModule);
  return { ...tokens, ...amm, ...lending };
});
