import { expect } from "chai";
import type { BaseContract } from "ethers";

import type { ScenarioEnv } from "../../lib/scenarios/types.js";
import { ethers } from "./connection.js";

interface GuardedBorrower extends BaseContract {
  getAddress(): Promise<string>;
}

/**
 * The guards every scenario's flash-loan attacker keeps: only its owner starts it, only the lender
 * calls it back, and only for a loan it took itself. `attack` calls the attacker's entry point.
 */
export async function expectFlashBorrowerGuards(
  env: ScenarioEnv,
  attacker: GuardedBorrower,
  attack: (as: string) => Promise<unknown>,
): Promise<void> {
  const { alice } = env.actors;
  const usdc = await env.sandbox.usdc.getAddress();
  const address = await attacker.getAddress();
  await expect(attack(alice.address))
    .to.be.revertedWithCustomError(attacker, "AttackerNotOwner")
    .withArgs(alice.address);
  const callback = new ethers.Contract(
    address,
    [
      "function onFlashLoan(address initiator, address token, uint256 amount, uint256 fee, bytes data) returns (bytes32)",
    ],
    alice,
  );
  await expect(callback.onFlashLoan(address, usdc, 1n, 0n, "0x"))
    .to.be.revertedWithCustomError(attacker, "AttackerNotLender")
    .withArgs(alice.address);
  await expect(env.sandbox.flashLender.connect(alice).flashLoan(address, usdc, 1_000_000n, "0x"))
    .to.be.revertedWithCustomError(attacker, "AttackerNotInitiator")
    .withArgs(alice.address);
}
