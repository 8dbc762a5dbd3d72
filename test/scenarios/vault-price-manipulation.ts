import { expect } from "chai";

import { FLASH_FEE_BPS } from "../../ignition/modules/Lending.js";
import { TwapValuedVault__factory } from "../../typechain-types/index.js";
import { playSide } from "../../lib/scenarios/run.js";
import {
  ATTACK_DEPOSIT,
  ATTACK_PUMP,
  INVESTED,
  STRATEGY_POOL,
  VAULT_DEPOSITS,
  vaultPriceManipulation as scenario,
} from "../../lib/scenarios/vault-price-manipulation.js";
import { ethers, networkHelpers } from "../helpers/connection.js";
import { scenarioEnvFixture } from "../helpers/scenarios.js";
import { v2AmountOut } from "../helpers/closed-form.js";

const USDC = 10n ** 6n;

// ERC-4626's conversions with one virtual share and one virtual asset (OpenZeppelin 5, no decimals
// offset), rounding down, by hand.
const toShares = (assets: bigint, supply: bigint, total: bigint) =>
  (assets * (supply + 1n)) / (total + 1n);
const toAssets = (shares: bigint, supply: bigint, total: bigint) =>
  (shares * (total + 1n)) / (supply + 1n);

const DEPOSITS = VAULT_DEPOSITS.alice + VAULT_DEPOSITS.bob;
// Setup: the vault buys STR, an arbitrageur sells as much back.
const HELD = v2AmountOut(INVESTED, STRATEGY_POOL.usdc, STRATEGY_POOL.str);
const U1 = STRATEGY_POOL.usdc + INVESTED;
const S1 = STRATEGY_POOL.str - HELD;
const U2 = U1 - v2AmountOut(HELD, S1, U1);
const S2 = S1 + HELD;
const IDLE = DEPOSITS - INVESTED;
// Exploit: deposit at the spot share price, pump, redeem at the pumped one, sell back.
const SHARES = toShares(ATTACK_DEPOSIT, DEPOSITS, IDLE + (HELD * U2) / S2);
const BOUGHT = v2AmountOut(ATTACK_PUMP, U2, S2);
const U3 = U2 + ATTACK_PUMP;
const S3 = S2 - BOUGHT;
const REDEEMED = toAssets(SHARES, DEPOSITS + SHARES, IDLE + ATTACK_DEPOSIT + (HELD * U3) / S3);
const SOLD_BACK = v2AmountOut(BOUGHT, S3, U3);
const LOAN = ATTACK_DEPOSIT + ATTACK_PUMP;
const FLASH_FEE = (LOAN * FLASH_FEE_BPS + 9_999n) / 10_000n;
const EXPECTED_PROFIT = REDEEMED + SOLD_BACK - LOAN - FLASH_FEE;

async function setup(side: "vulnerable" | "hardened") {
  const env = await networkHelpers.loadFixture(scenarioEnvFixture);
  const world = await scenario.setup(env, side);
  const start = await ethers.provider.getBlockNumber();
  return { world, start, before: await scenario.measure(world, start) };
}

describe("Scenario: vault-price-manipulation", function () {
  it("starts with half the deposits idle and half in STR, the pool back at about $1", async function () {
    const { world, before } = await setup("vulnerable");
    const vault = await world.vault.getAddress();
    expect(await world.usdc.balanceOf(vault), "idle").to.equal(IDLE);
    expect(await world.str.balanceOf(vault), "STR held").to.equal(HELD);
    // Each depositor's shares marked at $1 per STR, rounded down one by one.
    const fair = IDLE + HELD / 10n ** 12n;
    expect(before.victims, "the depositors own it all").to.equal(
      (VAULT_DEPOSITS.alice * fair) / DEPOSITS + (VAULT_DEPOSITS.bob * fair) / DEPOSITS,
    );
    expect(await world.vault.totalAssets(), "spot valuation").to.equal(IDLE + (HELD * U2) / S2);
  });

  it("pays the attacker the pumped share price out of the other depositors' stake", async function () {
    const { world, start, before } = await setup("vulnerable");
    await scenario.exploit(world);
    const after = await scenario.measure(world, start);
    expect(after.attacker - before.attacker, "attacker's profit").to.equal(EXPECTED_PROFIT);
    expect(before.victims - after.victims, "depositors' loss").to.equal(REDEEMED - ATTACK_DEPOSIT);
    expect(EXPECTED_PROFIT, "more than a third of what they hold").to.be.greaterThan(
      35_000n * USDC,
    );
  });

  it("reverts the redemption on the hardened vault while spot is far from the TWAP", async function () {
    const { world, start, before } = await setup("hardened");
    const hardened = TwapValuedVault__factory.connect(
      await world.vault.getAddress(),
      ethers.provider,
    );
    await expect(scenario.exploit(world)).to.be.revertedWithCustomError(
      hardened,
      "VaultPriceDeviation",
    );
    const after = await scenario.measure(world, start);
    expect(after.attacker, "attacker").to.equal(before.attacker);
    expect(after.victims, "depositors").to.equal(before.victims);
  });

  it("passes every check on both sides when played through the framework", async function () {
    const env = await networkHelpers.loadFixture(scenarioEnvFixture);
    for (const side of ["vulnerable", "hardened"] as const) {
      const result = await playSide(scenario, env, side);
      const failed = result.checks.filter((c) => !c.ok).map((c) => c.message);
      expect(failed, side).to.deep.equal([]);
    }
  });
});
