/**
 * Accounts derived from a mnemonic along Ethereum's BIP-44 path (m/44'/60'/0'/0/i), as Hardhat's
 * in-process chain, its node and anvil derive their default accounts.
 */
import { HDNodeWallet, Mnemonic } from "ethers";

/** The mnemonic of Hardhat's (and anvil's) default accounts. */
export const DEFAULT_MNEMONIC = "test test test test test test test test test test test junk";
export const HD_PATH = "m/44'/60'/0'/0";

/** A mnemonic that is not a valid BIP-39 phrase. */
export class MnemonicError extends Error {
  override name = "MnemonicError";
}

export interface HdAccount {
  index: number;
  address: string;
  privateKey: string;
}

/** The accounts at `indices` of `mnemonic`. */
export function hdAccounts(mnemonic: string, indices: readonly number[]): HdAccount[] {
  const phrase = mnemonic.trim().split(/\s+/).join(" ");
  if (!Mnemonic.isValidMnemonic(phrase)) {
    throw new MnemonicError(
      `not a valid BIP-39 mnemonic (${phrase.split(" ").length} words; 12 or 24 expected)`,
    );
  }
  const base = HDNodeWallet.fromPhrase(phrase, undefined, HD_PATH);
  return indices.map((index) => {
    const wallet = base.deriveChild(index);
    return { index, address: wallet.address, privateKey: wallet.privateKey };
  });
}

/** The address of the default account `index`, the one a local dev chain gives that index. */
export function devAddress(index: number): string {
  return hdAccounts(DEFAULT_MNEMONIC, [index])[0].address;
}
