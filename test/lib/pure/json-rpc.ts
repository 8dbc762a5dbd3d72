import { expect } from "chai";

import {
  INVALID_PARAMS,
  devNodeFeature,
  mergeInputAndData,
  padGasEstimate,
} from "../../../lib/pure/json-rpc.js";

const TO = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

describe("lib/pure/json-rpc", function () {
  describe("mergeInputAndData", function () {
    it("keeps `data` alone when `input` carries the same bytes, whatever their case", function () {
      const result = mergeInputAndData("eth_call", [
        { to: TO, input: "0xABCDEF01", data: "0xabcdef01", value: "0x0" },
        "latest",
      ]);
      expect(result).to.deep.equal({
        kind: "merged",
        params: [{ to: TO, data: "0xabcdef01", value: "0x0" }, "latest"],
      });
    });

    for (const method of [
      "eth_call",
      "eth_estimateGas",
      "eth_sendTransaction",
      "eth_createAccessList",
    ]) {
      it(`merges the call object of ${method}`, function () {
        const result = mergeInputAndData(method, [{ to: TO, input: "0x01", data: "0x01" }]);
        expect(result).to.deep.equal({ kind: "merged", params: [{ to: TO, data: "0x01" }] });
      });
    }

    it("answers different bytes with the standard invalid-params error, naming both", function () {
      const result = mergeInputAndData("eth_estimateGas", [
        { to: TO, input: "0x01", data: "0x0102030405060708090a" },
      ]);
      expect(result).to.deep.equal({
        kind: "conflict",
        code: -32602,
        message:
          'eth_estimateGas: the call object\'s "input" (0x01) and "data" (0x01020304…, 10 bytes) ' +
          "carry different bytes; send one of them",
      });
      expect(INVALID_PARAMS).to.equal(-32602);
    });

    it("leaves a call object with one of the two, other methods and odd params alone", function () {
      const cases: [string, unknown][] = [
        ["eth_call", [{ to: TO, input: "0x01" }, "latest"]],
        ["eth_call", [{ to: TO, data: "0x01" }, "latest"]],
        ["eth_getBalance", [{ input: "0x01", data: "0x02" }]],
        ["eth_call", []],
        ["eth_call", ["0x01"]],
        ["eth_call", undefined],
      ];
      for (const [method, params] of cases) {
        expect(mergeInputAndData(method, params), JSON.stringify(params)).to.deep.equal({
          kind: "unchanged",
        });
      }
    });

    it("refuses an input or data that is not a string", function () {
      const result = mergeInputAndData("eth_call", [{ to: TO, input: 1, data: "0x01" }]);
      expect(result).to.have.property("kind", "conflict");
    });
  });

  describe("devNodeFeature", function () {
    const TABLE: [string, string | undefined][] = [
      ["evm_increaseTime", "time travel"],
      ["evm_setNextBlockTimestamp", "time travel"],
      ["evm_setAutomine", "automine changes"],
      ["hardhat_impersonateAccount", "impersonation"],
      ["anvil_impersonateAccount", "impersonation"],
      ["evm_mine", "mining on demand"],
      ["hardhat_setBalance", "balance edits"],
      ["anvil_setBalance", "balance edits"],
      ["evm_snapshot", "snapshots"],
      ["hardhat_setCode", "a dev-node method"],
      ["anvil_reset", "a dev-node method"],
      ["hardhat_getAutomine", undefined],
      ["hardhat_metadata", undefined],
      ["eth_sendRawTransaction", undefined],
      ["eth_call", undefined],
      ["web3_clientVersion", undefined],
    ];
    for (const [method, feature] of TABLE) {
      it(`classes ${method} as ${feature ?? "a method any node serves"}`, function () {
        expect(devNodeFeature(method)).to.equal(feature);
      });
    }
  });

  describe("padGasEstimate", function () {
    const TABLE: [string, string][] = [
      ["0x5208", "0x201ac"], // 21,000 → 31,500 + 100,000
      ["0x1", "0x186a2"], // 1.5 rounds up to 2, + 100,000
      ["0x0", "0x186a0"],
      ["0x14d7c", "0x37ada"], // 85,372 → 128,058 + 100,000: a seeding call ran out at 128,058
      ["0x1d8b7", "0x44bb3"], // 121,015 → 181,523 (181,522.5 rounded up) + 100,000
    ];
    for (const [estimate, padded] of TABLE) {
      it(`pads ${BigInt(estimate)} gas to ${BigInt(padded)}`, function () {
        expect(padGasEstimate(estimate)).to.equal(padded);
      });
    }
  });
});
