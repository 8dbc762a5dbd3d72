import { expect } from "chai";

import { ethers, loadFixture } from "../../helpers/connection.js";
import { sandboxFixture } from "../../helpers/fixtures.js";

describe("MockERC20", function () {
  it("carries the configured name, symbol and decimals (6 for USDC, 18 for DAI)", async function () {
    const { usdc, dai } = await loadFixture(sandboxFixture);
    expect([await usdc.name(), await usdc.symbol(), await usdc.decimals()]).to.deep.equal([
      "USD Coin",
      "USDC",
      6n,
    ]);
    expect([await dai.name(), await dai.symbol(), await dai.decimals()]).to.deep.equal([
      "Dai Stablecoin",
      "DAI",
      18n,
    ]);
  });

  it("mints any amount to any address through the public faucet", async function () {
    const { usdc, actors } = await loadFixture(sandboxFixture);
    const { attacker, carol } = actors;
    const amount = 1_234_567n;
    const tx = usdc.connect(attacker).faucet(carol.address, amount);
    await expect(tx).to.emit(usdc, "FaucetUsed").withArgs(attacker.address, carol.address, amount);
    await expect(tx).to.changeTokenBalances(ethers, usdc, [carol], [amount]);
  });

  it("reverts a faucet call for zero tokens", async function () {
    const { usdc, actors } = await loadFixture(sandboxFixture);
    const supply = await usdc.totalSupply();
    await expect(usdc.faucet(actors.alice.address, 0n)).to.be.revertedWithCustomError(
      usdc,
      "MockERC20FaucetZeroAmount",
    );
    expect(await usdc.totalSupply()).to.equal(supply);
  });

  it("reverts a faucet call to the zero address", async function () {
    const { dai } = await loadFixture(sandboxFixture);
    await expect(dai.faucet(ethers.ZeroAddress, 1n))
      .to.be.revertedWithCustomError(dai, "ERC20InvalidReceiver")
      .withArgs(ethers.ZeroAddress);
  });

  it("starts each funded actor with 100,000 USDC and the whale with 10,000,000", async function () {
    const { usdc, actors } = await loadFixture(sandboxFixture);
    expect(await usdc.balanceOf(actors.alice.address)).to.equal(100_000n * 10n ** 6n);
    expect(await usdc.balanceOf(actors.whale.address)).to.equal(10_000_000n * 10n ** 6n);
    expect(await usdc.balanceOf(actors.deployer.address)).to.equal(0n);
  });
});
