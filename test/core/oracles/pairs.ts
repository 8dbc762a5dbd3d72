import { AmmFactory__factory, AmmPair__factory } from "../../../typechain-types/index.js";
import { networkHelpers } from "../../helpers/connection.js";
import { sandboxFixture } from "../../helpers/fixtures.js";

const WAD = 10n ** 18n;
const USDC = 10n ** 6n;

/** Reserves of the test pairs: 100 WETH against 200,000 USDC, and 100 WETH against 200,000 DAI. */
export const PAIR_WETH = 100n * WAD;
export const PAIR_USDC = 200_000n * USDC;
export const PAIR_DAI = 200_000n * WAD;

/** A fresh AMM factory with a WETH/USDC and a WETH/DAI pair at $2,000 per WETH. */
export async function wethPairsFixture() {
  const sandbox = await networkHelpers.loadFixture(sandboxFixture);
  const { deployer } = sandbox.actors;
  const { weth, usdc, dai } = sandbox;
  const factory = await new AmmFactory__factory(deployer).deploy(deployer.address);
  const [w, u, d] = [await weth.getAddress(), await usdc.getAddress(), await dai.getAddress()];
  await (await factory.createPair(w, u)).wait();
  await (await factory.createPair(w, d)).wait();
  const pairWethUsdc = AmmPair__factory.connect(await factory.getPair(w, u), deployer);
  const pairWethDai = AmmPair__factory.connect(await factory.getPair(w, d), deployer);
  await (await weth.connect(deployer).deposit({ value: 2n * PAIR_WETH })).wait();
  for (const [pair, stable, amount] of [
    [pairWethUsdc, usdc, PAIR_USDC],
    [pairWethDai, dai, PAIR_DAI],
  ] as const) {
    const address = await pair.getAddress();
    await (await weth.transfer(address, PAIR_WETH)).wait();
    await (await stable.faucet(address, amount)).wait();
    await (await pair.mint(deployer.address)).wait();
  }
  return { ...sandbox, factory, pairWethUsdc, pairWethDai };
}
