import { execFile } from "node:child_process";
import { rm } from "node:fs/promises";
import { promisify } from "node:util";

import hardhatToolboxMochaEthers from "@nomicfoundation/hardhat-toolbox-mocha-ethers";
import { expect } from "chai";
import { network } from "hardhat";
import { createHardhatRuntimeEnvironment } from "hardhat/hre";
import type { JsonRpcServer, NetworkConnection } from "hardhat/types/network";
import { Web3 } from "web3";

import AmmModule from "../../ignition/modules/Amm.js";
import { deploymentDirOf } from "../../lib/chain/addresses.js";
import { hdAccounts, DEFAULT_MNEMONIC } from "../../lib/pure/hd.js";
import {
  AmmFactory__factory,
  AmmPair__factory,
  MockERC20__factory,
} from "../../typechain-types/index.js";
import { v2AmountOut } from "../helpers/closed-form.js";
import { foundryTool, missingToolReason } from "../helpers/foundry.js";
import { freePort, rpc } from "../helpers/tasks.js";

const run = promisify(execFile);
const ONE = 10n ** 18n;
const USDC = 10n ** 6n;

/** A call object as cast sends it: the same calldata as both `input` and `data`. */
const castStyleCall = (to: string, data: string) => ({ to, input: data, data });

describe("Ethereum clients against the sandbox's node", function () {
  this.timeout(180_000);

  let server: JsonRpcServer | undefined;
  let url = "";
  let chainId = 0;
  let connection: NetworkConnection | undefined;
  let contracts: { factory: string; router: string; pair: string; weth: string; usdc: string };

  before(async function () {
    // The sandbox's node, started through Hardhat's API in this process, as `npx hardhat sandbox
    // node` does: its requests go through the connection's hooks, the sandbox plugin's among them.
    const port = await freePort();
    chainId = 300_000 + port;
    server = await network.createServer(
      { network: "node", override: { chainId } },
      "127.0.0.1",
      port,
    );
    const listening = await server.listen();
    url = `http://127.0.0.1:${listening.port}`;
    connection = await network.create({ network: "custom", override: { url } });
    const deployed = await connection.ignition.deploy(AmmModule);
    const [token0, token1] = [
      await deployed.pairWethUsdc.token0(),
      await deployed.pairWethUsdc.token1(),
    ];
    const weth = await deployed.router.WETH();
    contracts = {
      factory: await deployed.factory.getAddress(),
      router: await deployed.router.getAddress(),
      pair: await deployed.pairWethUsdc.getAddress(),
      weth,
      usdc: token0 === weth ? token1 : token0,
    };
  });

  after(async function () {
    await connection?.close();
    await server?.close();
    if (chainId !== 0) await rm(deploymentDirOf(BigInt(chainId)), { recursive: true, force: true });
  });

  it("answers a call object with the same input and data, which Hardhat's node alone refuses", async function () {
    const data = AmmFactory__factory.createInterface().encodeFunctionData("allPairsLength");
    const call = castStyleCall(contracts.factory, data);
    // The same chain served without the sandbox plugin: Hardhat's own node as it ships.
    const { default: config } = await import("../../hardhat.config.js");
    const plain = await createHardhatRuntimeEnvironment({
      ...config,
      plugins: [hardhatToolboxMochaEthers],
    });
    const plainServer = await plain.network.createServer("node", "127.0.0.1", await freePort());
    const { port } = await plainServer.listen();
    try {
      const refused = await rpc(`http://127.0.0.1:${port}`, "eth_call", [call, "latest"]);
      expect(refused.error?.code).to.equal(-32602);
      expect(refused.error?.message).to.match(/^duplicate field `data`/);
    } finally {
      await plainServer.close();
    }
    const answered = await rpc(url, "eth_call", [call, "latest"]);
    expect(answered.error).to.equal(undefined);
    expect(BigInt(String(answered.result))).to.equal(3n);
  });

  describe("Foundry's cast", function () {
    const cast = foundryTool("cast");
    const castOut = async (...args: string[]) =>
      (await run(cast ?? "cast", [...args, "--rpc-url", url])).stdout.trim();

    before(function () {
      if (cast === undefined) {
        console.warn(`      skipped: ${missingToolReason("cast")}`);
        this.skip();
      }
    });

    it("reads the factory's allPairsLength as ethers does", async function () {
      const { ethers } = connection as NetworkConnection;
      const factory = AmmFactory__factory.connect(contracts.factory, ethers.provider);
      const length = await castOut("call", contracts.factory, "allPairsLength()(uint256)");
      expect(BigInt(length)).to.equal(await factory.allPairsLength());
      expect(BigInt(length)).to.equal(3n);
    });

    it("reads a pair's reserves as ethers does", async function () {
      const { ethers } = connection as NetworkConnection;
      const pair = AmmPair__factory.connect(contracts.pair, ethers.provider);
      const lines = (await castOut("call", contracts.pair, "getReserves()(uint112,uint112,uint32)"))
        .split("\n")
        .map((line) => BigInt(line.split(" ")[0]));
      const [reserve0, reserve1, timestamp] = await pair.getReserves();
      expect(lines).to.deep.equal([reserve0, reserve1, timestamp]);
      // 100 WETH and 200,000 USDC, in the pair's token order.
      const wethFirst = (await pair.token0()) === contracts.weth;
      expect(wethFirst ? [reserve0, reserve1] : [reserve1, reserve0]).to.deep.equal([
        100n * ONE,
        200_000n * USDC,
      ]);
    });

    it("estimates a router swap as ethers does and sends it signed with a dev key", async function () {
      const { ethers } = connection as NetworkConnection;
      const [alice] = hdAccounts(DEFAULT_MNEMONIC, [1]);
      const usdc = MockERC20__factory.connect(contracts.usdc, ethers.provider);
      const pair = AmmPair__factory.connect(contracts.pair, ethers.provider);
      const [r0, r1] = await pair.getReserves();
      const wethFirst = (await pair.token0()) === contracts.weth;
      const [wethReserve, usdcReserve] = wethFirst ? [r0, r1] : [r1, r0];
      const signature = "swapExactETHForTokens(uint256,address[],address,uint256)";
      const args = ["0", `[${contracts.weth},${contracts.usdc}]`, alice.address, "99999999999"];

      const router = new ethers.Contract(
        contracts.router,
        [`function ${signature} payable returns (uint256[])`],
        ethers.provider,
      );
      const estimated = await castOut(
        "estimate",
        "--block",
        "pending",
        "--from",
        alice.address,
        "--value",
        "1ether",
        contracts.router,
        signature,
        ...args,
      );
      const byEthers = await router.swapExactETHForTokens.estimateGas(
        0n,
        [contracts.weth, contracts.usdc],
        alice.address,
        99999999999n,
        // The block a sent swap lands in: later than the latest, so the pair's price
        // accumulators grow, which costs gas a call at the latest block's time does not.
        { from: alice.address, value: ONE, blockTag: "pending" },
      );
      expect(BigInt(estimated)).to.equal(byEthers);

      const before = await usdc.balanceOf(alice.address);
      const receipt = JSON.parse(
        await castOut(
          "send",
          "--private-key",
          alice.privateKey,
          "--value",
          "1ether",
          "--json",
          contracts.router,
          signature,
          ...args,
        ),
      ) as { status: string; from: string };
      expect(receipt.status).to.equal("0x1");
      expect(receipt.from.toLowerCase()).to.equal(alice.address.toLowerCase());
      expect((await usdc.balanceOf(alice.address)) - before).to.equal(
        v2AmountOut(ONE, wethReserve, usdcReserve),
      );
    });
  });

  describe("web3.js", function () {
    it("calls the factory and the pair as ethers reads them", async function () {
      const { ethers } = connection as NetworkConnection;
      const web3 = new Web3(url);
      const factory = new web3.eth.Contract(AmmFactory__factory.abi, contracts.factory);
      const pair = new web3.eth.Contract(AmmPair__factory.abi, contracts.pair);
      const length = await factory.methods.allPairsLength().call();
      const reserves = await pair.methods.getReserves().call();
      const [reserve0, reserve1] = await AmmPair__factory.connect(
        contracts.pair,
        ethers.provider,
      ).getReserves();
      expect(BigInt(length)).to.equal(3n);
      expect([BigInt(reserves[0]), BigInt(reserves[1])]).to.deep.equal([reserve0, reserve1]);
    });

    it("sends a token transfer from a node account that ethers then reads", async function () {
      const { ethers } = connection as NetworkConnection;
      const web3 = new Web3(url);
      const [deployer, , bob] = await web3.eth.getAccounts();
      const usdc = new web3.eth.Contract(MockERC20__factory.abi, contracts.usdc);
      const reader = MockERC20__factory.connect(contracts.usdc, ethers.provider);
      const before = await reader.balanceOf(bob);
      await usdc.methods.faucet(deployer, 1_000n * USDC).send({ from: deployer });
      const receipt = await usdc.methods.transfer(bob, 250n * USDC).send({ from: deployer });
      expect(receipt.status).to.equal(1n);
      expect((await reader.balanceOf(bob)) - before).to.equal(250n * USDC);
    });
  });
});
