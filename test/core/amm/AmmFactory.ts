import { expect } from "chai";
import { getCreate2Address, keccak256, solidityPackedKeccak256, ZeroAddress } from "ethers";

import { AmmPair__factory, MockERC20__factory } from "../../../typechain-types/index.js";
import { loadFixture } from "../../helpers/connection.js";
import { emptyPairFixture } from "./fixtures.js";

async function twoNewTokensFixture() {
  const base = await loadFixture(emptyPairFixture);
  const { deployer } = base.actors;
  const x = await new MockERC20__factory(deployer).deploy("Token X", "TKX", 18);
  const y = await new MockERC20__factory(deployer).deploy("Token Y", "TKY", 6);
  return { ...base, x: await x.getAddress(), y: await y.getAddress() };
}

function sorted(a: string, b: string): [string, string] {
  return BigInt(a) < BigInt(b) ? [a, b] : [b, a];
}

describe("AmmFactory", function () {
  it("starts with the deployer as feeToSetter and the protocol fee off", async function () {
    const { factory, actors } = await loadFixture(emptyPairFixture);
    expect(await factory.feeToSetter()).to.equal(actors.deployer.address);
    expect(await factory.feeTo()).to.equal(ZeroAddress);
  });

  it("creates a pair at the CREATE2 address of the sorted tokens and emits PairCreated", async function () {
    const { factory, x, y } = await loadFixture(twoNewTokensFixture);
    const [token0, token1] = sorted(x, y);
    const initCodeHash = keccak256(AmmPair__factory.bytecode);
    const expected = getCreate2Address(
      await factory.getAddress(),
      solidityPackedKeccak256(["address", "address"], [token0, token1]),
      initCodeHash,
    );
    await expect(factory.createPair(y, x))
      .to.emit(factory, "PairCreated")
      .withArgs(token0, token1, expected, 2n);
    expect(await factory.getPair(x, y)).to.equal(expected);
    expect(await factory.getPair(y, x)).to.equal(expected);
    expect(await factory.allPairs(1n)).to.equal(expected);
    expect(await factory.allPairsLength()).to.equal(2n);
    expect(await factory.pairInitCodeHash()).to.equal(initCodeHash);
  });

  it("gives the new pair its sorted tokens and the factory, and no way to re-initialize", async function () {
    const { factory, x, y, actors } = await loadFixture(twoNewTokensFixture);
    await (await factory.createPair(x, y)).wait();
    const pair = AmmPair__factory.connect(await factory.getPair(x, y), actors.deployer);
    const [token0, token1] = sorted(x, y);
    expect(await pair.token0()).to.equal(token0);
    expect(await pair.token1()).to.equal(token1);
    expect(await pair.factory()).to.equal(await factory.getAddress());
    expect(await factory.pairTokens()).to.deep.equal([ZeroAddress, ZeroAddress]);
    await expect(pair.initialize(x, y))
      .to.be.revertedWithCustomError(pair, "AmmForbidden")
      .withArgs(actors.deployer.address);
  });

  it("reverts on identical tokens", async function () {
    const { factory, x } = await loadFixture(twoNewTokensFixture);
    await expect(factory.createPair(x, x))
      .to.be.revertedWithCustomError(factory, "AmmIdenticalAddresses")
      .withArgs(x);
  });

  it("reverts when a token is the zero address, in either position", async function () {
    const { factory, x } = await loadFixture(twoNewTokensFixture);
    await expect(factory.createPair(x, ZeroAddress)).to.be.revertedWithCustomError(
      factory,
      "AmmZeroAddress",
    );
    await expect(factory.createPair(ZeroAddress, x)).to.be.revertedWithCustomError(
      factory,
      "AmmZeroAddress",
    );
  });

  it("reverts when the pair exists, whichever order the tokens come in", async function () {
    const { factory, x, y } = await loadFixture(twoNewTokensFixture);
    await (await factory.createPair(x, y)).wait();
    const pair = await factory.getPair(x, y);
    const [token0, token1] = sorted(x, y);
    for (const [a, b] of [
      [x, y],
      [y, x],
    ]) {
      await expect(factory.createPair(a, b))
        .to.be.revertedWithCustomError(factory, "AmmPairExists")
        .withArgs(token0, token1, pair);
    }
    expect(await factory.allPairsLength()).to.equal(2n);
  });

  it("lets the feeToSetter set feeTo and hand the setter role on", async function () {
    const { factory, actors } = await loadFixture(emptyPairFixture);
    const { deployer, treasury, alice } = actors;
    await (await factory.connect(deployer).setFeeTo(treasury.address)).wait();
    expect(await factory.feeTo()).to.equal(treasury.address);
    await (await factory.connect(deployer).setFeeToSetter(alice.address)).wait();
    expect(await factory.feeToSetter()).to.equal(alice.address);
    await (await factory.connect(alice).setFeeTo(ZeroAddress)).wait();
    expect(await factory.feeTo()).to.equal(ZeroAddress);
  });

  it("forbids anyone but the feeToSetter to call setFeeTo or setFeeToSetter", async function () {
    const { factory, actors } = await loadFixture(emptyPairFixture);
    const { attacker } = actors;
    await expect(factory.connect(attacker).setFeeTo(attacker.address))
      .to.be.revertedWithCustomError(factory, "AmmForbidden")
      .withArgs(attacker.address);
    await expect(factory.connect(attacker).setFeeToSetter(attacker.address))
      .to.be.revertedWithCustomError(factory, "AmmForbidden")
      .withArgs(attacker.address);
    expect(await factory.feeTo()).to.equal(ZeroAddress);
    expect(await factory.feeToSetter()).to.equal(actors.deployer.address);
  });
});
