import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";

import { ethers, networkHelpers } from "./connection.js";

/** Gas money for an impersonated contract account. */
const IMPERSONATED_BALANCE = 100n * 10n ** 18n;

/**
 * A signer for any address on the in-process chain — a contract such as the timelock included — with
 * ETH for gas. Tests use it to act as a privileged account without holding its key.
 */
export async function impersonate(address: string): Promise<HardhatEthersSigner> {
  await networkHelpers.impersonateAccount(address);
  await networkHelpers.setBalance(address, IMPERSONATED_BALANCE);
  return ethers.getSigner(address);
}

/** A signer for whoever owns an Ownable contract right now (the deployer, or the timelock). */
export async function ownerSigner(contract: {
  owner(): Promise<string>;
}): Promise<HardhatEthersSigner> {
  return impersonate(await contract.owner());
}

/**
 * Mints governance tokens to `to` as the governance farm, the one lasting minter, so that tests can
 * hand out votes without any account holding a supply to hand out.
 */
export async function mintGovernance(
  sandbox: {
    governance: {
      connect(signer: HardhatEthersSigner): { mint(to: string, amount: bigint): Promise<unknown> };
    };
    governanceFarm: { getAddress(): Promise<string> };
  },
  to: string,
  amount: bigint,
): Promise<void> {
  const minter = await impersonate(await sandbox.governanceFarm.getAddress());
  await sandbox.governance.connect(minter).mint(to, amount);
}
