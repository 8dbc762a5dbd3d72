import { createRequire } from "node:module";

import hardhatToolboxMochaEthers from "@nomicfoundation/hardhat-toolbox-mocha-ethers";
import { configVariable, defineConfig } from "hardhat/config";

import sandboxPlugin from "./plugin/index.js";

// solc cannot be downloaded on an offline machine: Hardhat runs the wasm build shipped in the npm
// package `solc`, whose version is pinned in package.json to exactly SOLC_VERSION.
const require = createRequire(import.meta.url);
const SOLC_VERSION = "0.8.30";
const SOLC_PATH = require.resolve("solc/soljson.js");

export default defineConfig({
  plugins: [hardhatToolboxMochaEthers, sandboxPlugin],
  solidity: {
    profiles: {
      default: {
        version: SOLC_VERSION,
        path: SOLC_PATH,
        settings: {
          evmVersion: "cancun",
          optimizer: { enabled: true, runs: 200 },
        },
      },
      production: {
        version: SOLC_VERSION,
        path: SOLC_PATH,
        settings: {
          evmVersion: "cancun",
          optimizer: { enabled: true, runs: 1_000_000 },
        },
      },
    },
  },
  test: {
    solidity: {
      fuzz: { runs: 256 },
      invariant: { runs: 64, depth: 32, failOnRevert: false },
    },
  },
  typechain: { outDir: "typechain-types" },
  networks: {
    anvil: { type: "http", chainType: "l1", url: "http://127.0.0.1:8546" },
    // Any other node that signs with its own accounts, e.g. a class's shared chain:
    // SANDBOX_NODE_URL=http://192.168.1.20:8545 (the workflow tests use it too).
    custom: { type: "http", chainType: "l1", url: configVariable("SANDBOX_NODE_URL") },
    // Any chain reached by URL that signs here: the deployer with its key, the named actors with keys
    // derived from the actors' mnemonic (sandbox.actorsMnemonic). Both come from the keystore
    // (npx hardhat keystore set SANDBOX_DEPLOYER_KEY) or the environment; no key is in the repository.
    remote: {
      type: "http",
      chainType: "l1",
      url: configVariable("SANDBOX_REMOTE_URL"),
      accounts: [configVariable("SANDBOX_DEPLOYER_KEY")],
    },
  },
  sandbox: { actorsMnemonic: configVariable("SANDBOX_MNEMONIC") },
});
