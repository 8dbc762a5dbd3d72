import { createRequire } from "node:module";

import hardhatToolboxMochaEthers from "@nomicfoundation/hardhat-toolbox-mocha-ethers";
import { configVariable, defineConfig } from "hardhat/config";

// solc cannot be downloaded on an offline machine: Hardhat runs the wasm build shipped in the npm
// package `solc`, whose version is pinned in package.json to exactly SOLC_VERSION.
const require = createRequire(import.meta.url);
const SOLC_VERSION = "0.8.30";
const SOLC_PATH = require.resolve("solc/soljson.js");

export default defineConfig({
  plugins: [hardhatToolboxMochaEthers],
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
    // Any other JSON-RPC node, e.g. SANDBOX_NODE_URL=http://127.0.0.1:9545 (the workflow tests use it).
    custom: { type: "http", chainType: "l1", url: configVariable("SANDBOX_NODE_URL") },
  },
});
