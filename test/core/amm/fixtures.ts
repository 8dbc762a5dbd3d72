import {
  AmmFactory__factory,
  AmmPair__factory,
  MockERC20__factory,
} from "../../../typechain-types/index.js";
import { loadFixture } from "../../helpers/connection.js";
import { sandboxFixture } from "../../helpers/fixtures.js";

export const ONE = 10n ** 18n;
export const MINIMUM_LIQUIDITY = 1000n;

/** A fresh factory (feeToSetter = deployer) and one empty pair of two fresh 18-decimal tokens. */
export async function emptyPairFixture() {
  const base = await loadFixture(sandboxFixture);
  const { deployer } = base.actors;
  const factory = await new AmmFactory__factory(deployer).deploy(deployer.address);
  const tokenA = await new MockERC20__factory(deployer).deploy("Token A", "TKA", 18);
  const tokenB = await new MockERC20__factory(deployer).deploy("Token B", "TKB", 18);
  const [addressA, addressB] = [await tokenA.getAddress(), await tokenB.getAddress()];
  await (await factory.createPair(addressA, addressB)).wait();
  const pair = AmmPair__factory.connect(await factory.getPair(addressA, addressB), deployer);
  const [token0, token1] =
    BigInt(addressA) < BigInt(addressB) ? [tokenA, tokenB] : [tokenB, tokenA];
  for (const token of [token0, token1]) {
    await (await token.faucet(deployer.address, 2n ** 113n)).wait();
  }
  return { ...base, factory, pair, token0, token1 };
}
