/**
 * Gas of the sandbox AMM beside Uniswap V2 (the npm builds), measured from receipts in one chain.
 *
 * Both sides get their own, identically deployed tokens (MockERC20) and WETH9 (V2's build), and run
 * the same operations with the same amounts in the same order, so storage starts in the same state.
 */
import { createRequire } from "node:module";

import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { Decimal } from "decimal.js";
import {
  Contract,
  ContractFactory,
  type ContractTransactionResponse,
  type InterfaceAbi,
  MaxUint256,
} from "ethers";
import type { NetworkConnection } from "hardhat/types/network";

import {
  AmmFactory__factory,
  AmmRouter__factory,
  MockERC20__factory,
} from "../../../typechain-types/index.js";

const require = createRequire(import.meta.url);
const ONE = 10n ** 18n;

interface Build {
  abi: InterfaceAbi;
  bytecode: string;
}
const V2_FACTORY = require("@uniswap/v2-core/build/UniswapV2Factory.json") as Build;
const V2_PAIR = require("@uniswap/v2-core/build/UniswapV2Pair.json") as Build;
const V2_ROUTER = require("@uniswap/v2-periphery/build/UniswapV2Router02.json") as Build;
const WETH9 = require("@uniswap/v2-periphery/build/WETH9.json") as Build;

/** Operation name → [the target ratio ours/V2, or null when there is none]. */
const OPERATIONS = [
  ["createPair", null],
  ["addLiquidity, first (empty pool)", 0.9],
  ["addLiquidity, second (same LP)", 0.9],
  ["swapExactTokensForTokens, 1 hop", 0.85],
  ["swapExactTokensForTokens, 2 hops", 0.85],
  ["swapTokensForExactTokens, 1 hop", 0.85],
  ["swapExactETHForTokens, 1 hop", 0.85],
  ["removeLiquidity, half", 0.9],
  ["pair.swap (after the transfer in)", 0.9],
] as const;
type Operation = (typeof OPERATIONS)[number][0];

async function gasOf(tx: Promise<ContractTransactionResponse>): Promise<bigint> {
  const receipt = await (await tx).wait();
  if (receipt === null) throw new Error("transaction dropped");
  return receipt.gasUsed;
}

/** Deploys a fresh token set and runs every operation against `factory` and `router`. */
async function run(
  user: HardhatEthersSigner,
  factory: Contract,
  router: Contract,
  weth: Contract,
): Promise<Map<Operation, bigint>> {
  const gas = new Map<Operation, bigint>();
  const deadline = MaxUint256;
  const tokens = [];
  for (const symbol of ["A", "B", "C"]) {
    const token = await new MockERC20__factory(user).deploy(`Token ${symbol}`, symbol, 18);
    await (await token.faucet(user.address, 1_000_000n * ONE)).wait();
    await (await token.approve(await router.getAddress(), MaxUint256)).wait();
    tokens.push(token);
  }
  const [a, b, c] = await Promise.all(tokens.map((t) => t.getAddress()));
  const wethAddress = await weth.getAddress();
  const to = user.address;

  gas.set("createPair", await gasOf(factory.createPair(a, b)));
  const add = () => router.addLiquidity(a, b, 1000n * ONE, 1000n * ONE, 0n, 0n, to, deadline);
  gas.set("addLiquidity, first (empty pool)", await gasOf(add()));
  gas.set("addLiquidity, second (same LP)", await gasOf(add()));

  // Pools the multi-hop and ETH swaps need; not measured.
  await (await router.addLiquidity(b, c, 1000n * ONE, 1000n * ONE, 0n, 0n, to, deadline)).wait();
  await (
    await router.addLiquidityETH(a, 1000n * ONE, 0n, 0n, to, deadline, { value: 10n * ONE })
  ).wait();

  gas.set(
    "swapExactTokensForTokens, 1 hop",
    await gasOf(router.swapExactTokensForTokens(ONE, 0n, [a, b], to, deadline)),
  );
  gas.set(
    "swapExactTokensForTokens, 2 hops",
    await gasOf(router.swapExactTokensForTokens(ONE, 0n, [a, b, c], to, deadline)),
  );
  gas.set(
    "swapTokensForExactTokens, 1 hop",
    await gasOf(router.swapTokensForExactTokens(ONE, 2n * ONE, [a, b], to, deadline)),
  );
  gas.set(
    "swapExactETHForTokens, 1 hop",
    await gasOf(
      router.swapExactETHForTokens(0n, [wethAddress, a], to, deadline, { value: ONE / 100n }),
    ),
  );

  const pairAddress = (await factory.getPair(a, b)) as string;
  const lp = new Contract(pairAddress, V2_PAIR.abi, user);
  await (await lp.approve(await router.getAddress(), MaxUint256)).wait();
  const half = ((await lp.balanceOf(to)) as bigint) / 2n;
  gas.set(
    "removeLiquidity, half",
    await gasOf(router.removeLiquidity(a, b, half, 0n, 0n, to, deadline)),
  );

  const [reserve0, reserve1] = (await lp.getReserves()) as [bigint, bigint];
  const token0 = (await lp.token0()) as string;
  const tokenIn = tokens[token0 === a ? 0 : 1];
  await (await tokenIn.transfer(pairAddress, ONE)).wait();
  const out = (ONE * 997n * reserve1) / (reserve0 * 1000n + ONE * 997n);
  gas.set("pair.swap (after the transfer in)", await gasOf(lp.swap(0n, out, to, "0x")));
  return gas;
}

export interface AmmGasRow {
  operation: Operation;
  gasOurs: number;
  gasV2: number;
  ratio: number;
  /** The target ratio ours/V2, or null when there is none. */
  target: number | null;
  met: boolean | null;
}

/** Runs every operation on Uniswap V2 and on the sandbox AMM on `connection`'s chain. */
export async function measureAmmGas(
  connection: NetworkConnection,
  say: (line: string) => void,
): Promise<AmmGasRow[]> {
  const [user] = await connection.ethers.getSigners();

  say("deploying Uniswap V2 (npm builds) and the sandbox AMM…");
  const deploy = async (build: Build, args: unknown[] = []) => {
    const contract = await new ContractFactory(build.abi, build.bytecode, user).deploy(...args);
    await contract.waitForDeployment();
    return contract as Contract;
  };
  const v2Weth = await deploy(WETH9);
  const v2Factory = await deploy(V2_FACTORY, [user.address]);
  const v2Router = await deploy(V2_ROUTER, [
    await v2Factory.getAddress(),
    await v2Weth.getAddress(),
  ]);
  const ourWeth = await deploy(WETH9);
  const ourFactory = await new AmmFactory__factory(user).deploy(user.address);
  const ourRouter = await new AmmRouter__factory(user).deploy(
    await ourFactory.getAddress(),
    await ourWeth.getAddress(),
  );
  const asContract = (c: { getAddress(): Promise<string> }, abi: InterfaceAbi) =>
    c.getAddress().then((address) => new Contract(address, abi, user));

  say("running the operations on Uniswap V2…");
  const v2 = await run(user, v2Factory, v2Router, v2Weth);
  say("running the operations on the sandbox AMM…");
  const ours = await run(
    user,
    await asContract(ourFactory, AmmFactory__factory.abi),
    await asContract(ourRouter, AmmRouter__factory.abi),
    ourWeth,
  );

  const rows: AmmGasRow[] = OPERATIONS.map(([operation, target]) => {
    const gasOurs = ours.get(operation) ?? 0n;
    const gasV2 = v2.get(operation) ?? 0n;
    const ratio = new Decimal(gasOurs.toString()).div(gasV2.toString());
    return {
      operation,
      gasOurs: Number(gasOurs),
      gasV2: Number(gasV2),
      ratio: Number(ratio.toFixed(3)),
      target,
      met: target === null ? null : ratio.lte(target),
    };
  });

  return rows;
}
