import { expect } from "chai";

import { FLASH_FEE_BPS, FLASH_LIQUIDITY } from "../../../ignition/modules/Lending.js";
import { ownerSigner } from "../../helpers/admin.js";
import { ethers, loadFixture } from "../../helpers/connection.js";
import { sandboxFixture } from "../../helpers/fixtures.js";

const WAD = 10n ** 18n;
const USDC = 10n ** 6n;
const CALLBACK_SUCCESS = "0x439148f0bbc682ca079e46d6e2c2f0c1e3b820f1a291b069d8882abf8cf18dd9";

/** The sandbox's flash lender and an example borrower owned by alice, holding 1,000 USDC for fees. */
async function flashFixture() {
  const sandbox = await loadFixture(sandboxFixture);
  const { flashLender, usdc, actors } = sandbox;
  const borrower = await ethers.deployContract("ExampleFlashBorrower", [
    actors.alice.address,
    await flashLender.getAddress(),
  ]);
  await usdc.connect(actors.alice).transfer(await borrower.getAddress(), 1_000n * USDC);
  return { ...sandbox, borrower };
}

describe("FlashLender", function () {
  it("lends every supported token up to its holdings and nothing of the others", async function () {
    const { flashLender, usdc, dai, weth, reward } = await loadFixture(flashFixture);
    expect(await flashLender.maxFlashLoan(await usdc.getAddress())).to.equal(
      FLASH_LIQUIDITY.usdc * USDC,
    );
    expect(await flashLender.maxFlashLoan(await dai.getAddress())).to.equal(
      FLASH_LIQUIDITY.dai * WAD,
    );
    expect(await flashLender.maxFlashLoan(await weth.getAddress())).to.equal(
      FLASH_LIQUIDITY.weth * WAD,
    );
    expect(await flashLender.maxFlashLoan(await reward.getAddress())).to.equal(0n);
    expect(await flashLender.CALLBACK_SUCCESS()).to.equal(CALLBACK_SUCCESS);
  });

  it("charges 9 basis points rounded up and reverts the fee of an unsupported token", async function () {
    const { flashLender, usdc, reward } = await loadFixture(flashFixture);
    expect(await flashLender.feeBps()).to.equal(FLASH_FEE_BPS);
    expect(await flashLender.flashFee(await usdc.getAddress(), 100_000n * USDC)).to.equal(
      90n * USDC,
    );
    // 1,001 × 9 / 10,000 = 0.9009: rounded up to 1.
    expect(await flashLender.flashFee(await usdc.getAddress(), 1_001n)).to.equal(1n);
    await expect(flashLender.flashFee(await reward.getAddress(), 1n))
      .to.be.revertedWithCustomError(flashLender, "FlashUnsupportedToken")
      .withArgs(await reward.getAddress());
  });

  it("completes a round trip whose fee lands in the treasury", async function () {
    const { flashLender, borrower, usdc, actors } = await loadFixture(flashFixture);
    const { alice, treasury } = actors;
    const token = await usdc.getAddress();
    const amount = 500_000n * USDC;
    const fee = 450n * USDC; // 500,000 × 9 / 10,000
    const lender = await flashLender.getAddress();
    const tx = borrower.connect(alice).flashBorrow(token, amount);
    await expect(tx)
      .to.emit(borrower, "FlashLoanReceived")
      .withArgs(token, amount, fee, amount + 1_000n * USDC);
    await expect(tx)
      .to.emit(flashLender, "FlashLoan")
      .withArgs(await borrower.getAddress(), await borrower.getAddress(), token, amount, fee);
    await expect(tx).to.changeTokenBalances(
      ethers,
      usdc,
      [lender, treasury.address, await borrower.getAddress()],
      [0n, fee, -fee],
    );
  });

  it("reverts a loan of an unsupported token, of zero, or above the holdings", async function () {
    const { flashLender, borrower, usdc, reward, actors } = await loadFixture(flashFixture);
    const { alice } = actors;
    await expect(borrower.connect(alice).flashBorrow(await reward.getAddress(), 1n))
      .to.be.revertedWithCustomError(flashLender, "FlashUnsupportedToken")
      .withArgs(await reward.getAddress());
    await expect(
      borrower.connect(alice).flashBorrow(await usdc.getAddress(), 0n),
    ).to.be.revertedWithCustomError(flashLender, "FlashZeroAmount");
    const max = FLASH_LIQUIDITY.usdc * USDC;
    await expect(borrower.connect(alice).flashBorrow(await usdc.getAddress(), max + 1n))
      .to.be.revertedWithCustomError(flashLender, "FlashAmountAboveMax")
      .withArgs(await usdc.getAddress(), max + 1n, max);
  });

  it("reverts when the borrower returns a wrong value", async function () {
    const { flashLender, usdc } = await loadFixture(flashFixture);
    const bad = await ethers.deployContract("BadFlashBorrower", [0]);
    await expect(bad.borrow(await flashLender.getAddress(), await usdc.getAddress(), USDC))
      .to.be.revertedWithCustomError(flashLender, "FlashInvalidCallbackReturn")
      .withArgs(ethers.keccak256(ethers.toUtf8Bytes("wrong")));
  });

  it("reverts when the borrower does not repay", async function () {
    const { flashLender, usdc } = await loadFixture(flashFixture);
    const bad = await ethers.deployContract("BadFlashBorrower", [1]);
    await expect(bad.borrow(await flashLender.getAddress(), await usdc.getAddress(), USDC))
      .to.be.revertedWithCustomError(usdc, "ERC20InsufficientAllowance")
      .withArgs(await flashLender.getAddress(), 0n, USDC);
  });

  it("has the example borrower refuse callbacks it did not start or from another lender", async function () {
    const { flashLender, borrower, usdc, actors } = await loadFixture(flashFixture);
    const { attacker } = actors;
    const token = await usdc.getAddress();
    // Someone else names the borrower as receiver to make it pay the fee.
    await expect(
      flashLender.connect(attacker).flashLoan(await borrower.getAddress(), token, USDC, "0x"),
    )
      .to.be.revertedWithCustomError(borrower, "FlashBorrowerUntrustedInitiator")
      .withArgs(attacker.address);
    await expect(
      borrower.connect(attacker).onFlashLoan(await borrower.getAddress(), token, USDC, 0n, "0x"),
    )
      .to.be.revertedWithCustomError(borrower, "FlashBorrowerUntrustedLender")
      .withArgs(attacker.address);
    await expect(borrower.connect(attacker).flashBorrow(token, USDC))
      .to.be.revertedWithCustomError(borrower, "OwnableUnauthorizedAccount")
      .withArgs(attacker.address);
  });

  it("lets the owner set support, fee, treasury and take liquidity back, within bounds", async function () {
    const sandbox = await loadFixture(flashFixture);
    const { usdc, reward, actors } = sandbox;
    const flashLender = sandbox.flashLender.connect(await ownerSigner(sandbox.flashLender));
    const { deployer, keeper } = actors;
    const r = await reward.getAddress();
    await expect(flashLender.setTokenSupport(r, true))
      .to.emit(flashLender, "TokenSupportSet")
      .withArgs(r, true);
    await expect(flashLender.setFee(101n))
      .to.be.revertedWithCustomError(flashLender, "FlashFeeTooHigh")
      .withArgs(101n, 100n);
    await expect(flashLender.setFee(5n)).to.emit(flashLender, "FeeSet").withArgs(5n);
    await expect(flashLender.setTreasury(keeper.address))
      .to.emit(flashLender, "TreasurySet")
      .withArgs(keeper.address);
    await expect(flashLender.setTreasury(ethers.ZeroAddress)).to.be.revertedWithCustomError(
      flashLender,
      "FlashZeroAddress",
    );
    await expect(
      flashLender.setTokenSupport(ethers.ZeroAddress, true),
    ).to.be.revertedWithCustomError(flashLender, "FlashZeroAddress");
    await expect(
      flashLender.withdraw(await usdc.getAddress(), 10n * USDC, deployer.address),
    ).to.changeTokenBalances(ethers, usdc, [deployer], [10n * USDC]);
    await expect(
      flashLender.withdraw(await usdc.getAddress(), 0n, deployer.address),
    ).to.be.revertedWithCustomError(flashLender, "FlashZeroAmount");
    await expect(
      flashLender.withdraw(await usdc.getAddress(), 1n, ethers.ZeroAddress),
    ).to.be.revertedWithCustomError(flashLender, "FlashZeroAddress");
  });

  it("refuses every owner function to anyone else", async function () {
    const { flashLender, usdc, actors } = await loadFixture(flashFixture);
    const { attacker } = actors;
    const asAttacker = flashLender.connect(attacker);
    const token = await usdc.getAddress();
    for (const call of [
      () => asAttacker.setTokenSupport(token, false),
      () => asAttacker.setFee(0n),
      () => asAttacker.setTreasury(attacker.address),
      () => asAttacker.withdraw(token, 1n, attacker.address),
      () => asAttacker.transferOwnership(attacker.address),
    ]) {
      await expect(call())
        .to.be.revertedWithCustomError(flashLender, "OwnableUnauthorizedAccount")
        .withArgs(attacker.address);
    }
  });
});
