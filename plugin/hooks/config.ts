import type { ConfigHooks } from "hardhat/types/hooks";

const isConfigurationVariable = (value: unknown): boolean =>
  typeof value === "object" &&
  value !== null &&
  (value as { _type?: unknown })._type === "ConfigurationVariable";

export default async (): Promise<Partial<ConfigHooks>> => ({
  async validateUserConfig(userConfig) {
    const sandbox = userConfig.sandbox;
    if (sandbox === undefined) return [];
    if (typeof sandbox !== "object" || sandbox === null) {
      return [{ path: ["sandbox"], message: "must be an object" }];
    }
    const mnemonic = sandbox.actorsMnemonic;
    if (
      mnemonic !== undefined &&
      typeof mnemonic !== "string" &&
      !isConfigurationVariable(mnemonic)
    ) {
      return [
        {
          path: ["sandbox", "actorsMnemonic"],
          message: "must be a string or a configuration variable",
        },
      ];
    }
    return [];
  },

  async resolveUserConfig(userConfig, resolveConfigurationVariable, next) {
    const resolved = await next(userConfig, resolveConfigurationVariable);
    const mnemonic = userConfig.sandbox?.actorsMnemonic;
    return {
      ...resolved,
      sandbox: {
        actorsMnemonic: mnemonic === undefined ? undefined : resolveConfigurationVariable(mnemonic),
      },
    };
  },
});
