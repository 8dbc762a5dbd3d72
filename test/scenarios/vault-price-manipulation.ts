import { expect } from "chai";

import { FLASH_FEE_BPS } from "../../ignition/modules/Lending.js";
import {
  ATTACK_DEPOSIT,
  ATTACK_PUMP,
  INVESTED,
  STRATEGY_POOL,
  VAULT_DEPOSITS,
  vaultPriceManipulation as scenario,
  type VaultWorld,
} from "../../lib/scenarios/vault-price-manipulation.js";
import type { Side } from "../../lib/scenarios/types.js";
import { loadFixture } from "../helpers/connection.js";
import { describeFrameworkPlay, describeSide, scenarioEnvFixture } from "../helpers/scenarios.js";
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

/** One side set up on the fresh sandbox. */
async function setup(side: Side): Promise<VaultWorld> {
  return scenario.setup(await loadFixture(scenarioEnvFixture), side);
}

/** The starting balances both sides share: half the deposits idle, half in STR. */
async function expectInitialState(world: VaultWorld): Promise<void> {
  const vault = await world.vault.getAddress();
  expect(await world.usdc.balanceOf(vault), "idle USDC").to.equal(IDLE);
  expect(await world.str.balanceOf(vault), "STR held").to.equal(HELD);
  expect(await world.vault.totalSupply(), "shares: one per USDC deposited").to.equal(DEPOSITS);
}

describe("Scenario: vault-price-manipulation", function () {
  describeSide("vulnerable side: SpotValuedVault", scenario, {
    setup: () => setup("vulnerable"),
    initialState: [
      "half the deposits are idle and half in STR, the pool back at about $1",
      async (world) => {
        await expectInitialState(world);
        expect(await world.vault.totalAssets(), "spot valuation").to.equal(IDLE + (HELD * U2) / S2);
      },
    ],
    exploit: [
      "a flash loan deposits, pumps STR, redeems at the pumped share price and sells back",
      async ({ revert, before, afterExploit }) => {
        expect(revert, "the attack goes through").to.equal(null);
        // Each depositor's shares marked at $1 per STR, rounded down one by one.
        const fair = IDLE + HELD / 10n ** 12n;
        expect(before.victims, "the depositors own it all").to.equal(
          (VAULT_DEPOSITS.alice * fair) / DEPOSITS + (VAULT_DEPOSITS.bob * fair) / DEPOSITS,
        );
        expect(before.victims - afterExploit.victims, "depositors' loss").to.equal(
          REDEEMED - ATTACK_DEPOSIT,
        );
      },
    ],
    success: [
      "the attacker is paid the pumped share price out of the other depositors' stake",
      async ({ result }) => {
        expect(result.attackerProfit, "attacker's profit").to.equal(EXPECTED_PROFIT);
        expect(result.victimsLoss, "depositors' loss").to.equal(REDEEMED - ATTACK_DEPOSIT);
        expect(EXPECTED_PROFIT, "more than a third of what they hold").to.be.greaterThan(
          35_000n * USDC,
        );
      },
    ],
  });

  describeSide("hardened side: TwapValuedVault", scenario, {
    setup: () => setup("hardened"),
    initialState: ["half the deposits are idle and half in STR", expectInitialState],
    exploit: [
      "the redemption reverts while spot is far from the TWAP",
      async ({ revert, before, afterExploit }) => {
        expect(revert, "the vault refuses the deviated price").to.match(/^VaultPriceDeviation\(/);
        expect(afterExploit.victims, "depositors").to.equal(before.victims);
      },
    ],
    success: [
      "the attacker gains nothing and the depositors lose nothing",
      async ({ result, before, afterExploit }) => {
        expect(afterExploit.attacker, "attacker").to.equal(before.attacker);
        expect(result.attackerProfit, "attacker's profit").to.be.lessThanOrEqual(0n);
        expect(result.victimsLoss, "depositors' loss").to.be.lessThanOrEqual(0n);
      },
    ],
  });

  describeFrameworkPlay(scenario);
});
