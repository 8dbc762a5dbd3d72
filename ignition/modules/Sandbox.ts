import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import LendingModule from "./Lending.js";
import TokensModule from "./Tokens.js";

/**
 * The whole sandbox: every core module composed into one deployment. Tests, scripts and the local
 * node all deploy this module, so they see the same contracts wired the same way.
 */
export default buildModule("Sandbox", (m) => {
  const tokens = m.useModule(TokensModule);
  const lending = m.useModule(LendingModule);
  return { ...tokens, ...lending };
});
