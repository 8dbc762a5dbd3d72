import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { Signature } from "ethers";

interface PermitToken {
  name(): Promise<string>;
  nonces(owner: string): Promise<bigint>;
  getAddress(): Promise<string>;
}

/**
 * Signs an EIP-2612 permit for `token` with the signer's key, as a wallet would. The permit's owner
 * is the signer unless `owner` names another account (a forged permit).
 */
export async function signPermit(
  token: PermitToken,
  signer: HardhatEthersSigner,
  spender: string,
  value: bigint,
  deadline: bigint,
  owner: string = signer.address,
): Promise<Signature> {
  if (signer.provider === null)
    throw new Error("signPermit: the signer is not connected to a chain");
  const chainId = (await signer.provider.getNetwork()).chainId;
  const domain = {
    name: await token.name(),
    version: "1",
    chainId,
    verifyingContract: await token.getAddress(),
  };
  const types = {
    Permit: [
      { name: "owner", type: "address" },
      { name: "spender", type: "address" },
      { name: "value", type: "uint256" },
      { name: "nonce", type: "uint256" },
      { name: "deadline", type: "uint256" },
    ],
  };
  const message = { owner, spender, value, nonce: await token.nonces(owner), deadline };
  return Signature.from(await signer.signTypedData(domain, types, message));
}
