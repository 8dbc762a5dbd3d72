import "hardhat/types/config";

declare module "hardhat/types/config" {
  /** The sandbox's settings in hardhat.config.ts. */
  interface SandboxUserConfig {
    /**
     * The mnemonic the named actors (accounts 1–11: alice … treasury and the three price reporters)
     * are derived from on a network that signs with configured keys; the deployer is the network's
     * own key. Give it as a configuration variable, never as a literal.
     */
    actorsMnemonic?: SensitiveString;
  }

  interface SandboxConfig {
    actorsMnemonic?: ResolvedConfigurationVariable;
  }

  interface HardhatUserConfig {
    sandbox?: SandboxUserConfig;
  }

  interface HardhatConfig {
    sandbox: SandboxConfig;
  }
}
