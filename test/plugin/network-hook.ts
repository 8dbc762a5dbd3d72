import { createServer } from "node:http";

import { expect } from "chai";
import { HDNodeWallet, Interface } from "ethers";

import { connection, loadFixture } from "../helpers/connection.js";
import { sandboxFixture } from "../helpers/fixtures.js";
import { NOWHERE } from "../helpers/tasks.js";
import { createHardhatRuntimeEnvironment } from "hardhat/hre";

const ERC20 = new Interface(["function totalSupply() view returns (uint256)"]);

describe("the sandbox plugin's network hook", function () {
  it("answers a call whose input and data carry the same bytes as the call itself", async function () {
    const { usdc } = await loadFixture(sandboxFixture);
    const data = ERC20.encodeFunctionData("totalSupply");
    const to = await usdc.getAddress();
    const twice = await connection.provider.request({
      method: "eth_call",
      params: [{ to, input: data, data }, "latest"],
    });
    expect(ERC20.decodeFunctionResult("totalSupply", twice as string)[0]).to.equal(
      await usdc.totalSupply(),
    );
  });

  it("refuses a call whose input and data differ with the invalid-params error", async function () {
    const { usdc } = await loadFixture(sandboxFixture);
    const data = ERC20.encodeFunctionData("totalSupply");
    const error = await connection.provider
      .request({
        method: "eth_call",
        params: [{ to: await usdc.getAddress(), input: "0x18160ddd00", data }, "latest"],
      })
      .then(
        () => undefined,
        (e: unknown) => e as { code?: number; message?: string },
      );
    expect(error?.code).to.equal(-32602);
    expect(error?.message).to.contain('the call object\'s "input"');
  });

  it("refuses dev-node methods on a network that signs with configured keys, before sending them", async function () {
    const key = HDNodeWallet.createRandom().privateKey;
    const { default: config } = await import("../../hardhat.config.js");
    const hre = await createHardhatRuntimeEnvironment({
      ...config,
      networks: {
        ...config.networks,
        shared: { type: "http", url: await NOWHERE, accounts: [key] },
      },
    });
    const shared = await hre.network.create("shared");
    try {
      const refused = await shared.provider
        .request({ method: "evm_increaseTime", params: [60] })
        .then(
          () => undefined,
          (e: unknown) => e as { code?: number; message?: string },
        );
      expect(refused?.code).to.equal(-32004);
      expect(refused?.message).to.equal(
        "evm_increaseTime (time travel) is refused on shared: it signs with configured keys, as a " +
          "shared chain does — play this on a local dev node (npm run chain)",
      );
      // A read-only dev method passes through to the node (here: no node, so the connection fails).
      const passed = await shared.provider.request({ method: "hardhat_getAutomine" }).then(
        () => undefined,
        (e: unknown) => e as { code?: number },
      );
      expect(passed?.code).to.not.equal(-32004);
    } finally {
      await shared.close();
    }
  });

  it("adds a margin to gas estimates on a network that signs with configured keys", async function () {
    // A stand-in node that estimates every transaction at 100,000 gas.
    const server = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString()));
      request.on("end", () => {
        const { id, method } = JSON.parse(body) as { id: number; method: string };
        const result =
          method === "eth_estimateGas" ? "0x186a0" : method === "eth_chainId" ? "0x7a69" : null;
        response.setHeader("content-type", "application/json");
        response.end(JSON.stringify({ jsonrpc: "2.0", id, result }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    if (address === null || typeof address === "string") throw new Error("no port assigned");
    const url = `http://127.0.0.1:${address.port}`;
    const { default: config } = await import("../../hardhat.config.js");
    const hre = await createHardhatRuntimeEnvironment({
      ...config,
      networks: {
        ...config.networks,
        keyed: { type: "http", url, accounts: [HDNodeWallet.createRandom().privateKey] },
        unlocked: { type: "http", url },
      },
    });
    const [keyed, unlocked] = await Promise.all([
      hre.network.create("keyed"),
      hre.network.create("unlocked"),
    ]);
    try {
      const call = { to: "0x0000000000000000000000000000000000000001", data: "0x" };
      const estimate = (c: typeof keyed) =>
        c.provider.request({ method: "eth_estimateGas", params: [call] });
      expect(await estimate(keyed)).to.equal("0x3d090"); // 100,000 × 1.5 + 100,000
      expect(await estimate(unlocked)).to.equal("0x186a0");
    } finally {
      await Promise.all([keyed.close(), unlocked.close()]);
      server.close();
    }
  });
});
