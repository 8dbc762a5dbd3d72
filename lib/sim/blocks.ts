import { toQuantity } from "ethers";

/** Seconds between two blocks, as on Ethereum since the merge. */
export const BLOCK_SECONDS = 12;

/** A JSON-RPC endpoint: the in-process chain's provider. */
export interface Rpc {
  send(method: string, params: unknown[]): Promise<unknown>;
}

/** A transaction to send from an unlocked or impersonated account, and who pays its gas. */
export interface Tx {
  from: string;
  to: string;
  data: string;
  value?: bigint;
  /** A gas limit above what the call uses: estimating costs the engine more than sending. */
  gas: bigint;
  /** What it is, for the error if it reverts. */
  label: string;
  /** Books the gas used and paid (wei) once the block is mined. */
  onMined?: (gasUsed: bigint, fee: bigint) => void;
}

interface RawReceipt {
  status: string;
  gasUsed: string;
  effectiveGasPrice: string;
}

/**
 * Fees are given, not left to the node: working out a default fee makes the engine build the
 * pending block, whose cost grows with every transaction waiting in it. A transaction pays the
 * block's base fee plus the tip; the cap only needs to stay above the base fee.
 */
const MAX_FEE = toQuantity(100n * 10n ** 9n);
const TIP = toQuantity(10n ** 9n);

export class BlockError extends Error {
  override name = "BlockError";
}

/**
 * Blocks as on a chain, on a chain with automine off: transactions are sent without waiting for
 * receipts, `size` at most to a block, and each block is mined 12 s after the last on the
 * simulation's own clock (no timestamp call per transaction). Receipts are fetched once a block,
 * together; a transaction that reverted or missed its block stops the run.
 */
export class Blocks {
  transactions = 0;
  blocks = 0;
  private readonly nonces = new Map<string, number>();

  constructor(
    private readonly rpc: Rpc,
    /** Timestamp of the last block mined. */
    public clock: number,
    readonly size: number,
  ) {
    if (!Number.isInteger(size) || size < 1) {
      throw new RangeError(`a block holds at least one transaction, got ${size}`);
    }
  }

  /** Sends the transactions in the order given, in consecutive blocks of at most `size`. */
  async play(txs: readonly Tx[]): Promise<void> {
    for (let i = 0; i < txs.length; i += this.size) {
      const batch = txs.slice(i, i + this.size);
      const hashes: string[] = [];
      for (const tx of batch) {
        hashes.push(
          (await this.rpc.send("eth_sendTransaction", [
            {
              from: tx.from,
              to: tx.to,
              data: tx.data,
              gas: toQuantity(tx.gas),
              nonce: toQuantity(await this.nonce(tx.from)),
              maxFeePerGas: MAX_FEE,
              maxPriorityFeePerGas: TIP,
              ...(tx.value === undefined ? {} : { value: toQuantity(tx.value) }),
            },
          ])) as string,
        );
      }
      await this.mineAt(this.clock + BLOCK_SECONDS);
      const receipts = (await Promise.all(
        hashes.map((h) => this.rpc.send("eth_getTransactionReceipt", [h])),
      )) as (RawReceipt | null)[];
      for (const [j, receipt] of receipts.entries()) {
        const tx = batch[j];
        if (receipt === null) throw new BlockError(`${tx.label} did not fit in its block`);
        if (receipt.status !== "0x1") throw new BlockError(`${tx.label} reverted`);
        this.transactions += 1;
        const gasUsed = BigInt(receipt.gasUsed);
        tx.onMined?.(gasUsed, gasUsed * BigInt(receipt.effectiveGasPrice));
      }
    }
  }

  /** The sender's next nonce: read once, then counted here (every transaction sent is mined). */
  private async nonce(from: string): Promise<number> {
    let next = this.nonces.get(from);
    if (next === undefined) {
      next = Number(await this.rpc.send("eth_getTransactionCount", [from, "latest"]));
    }
    this.nonces.set(from, next + 1);
    return next;
  }

  /** Mines a block (with whatever is pending) at `timestamp`, after the clock. */
  async mineAt(timestamp: number): Promise<void> {
    if (timestamp <= this.clock) {
      throw new BlockError(`block time ${timestamp} is not after the last block's ${this.clock}`);
    }
    await this.rpc.send("evm_mine", [timestamp]);
    this.clock = timestamp;
    this.blocks += 1;
  }
}

/** Reads a uint256 view (balanceOf, pendingReward…) with calldata encoded once by the caller. */
export async function readUint(rpc: Rpc, to: string, data: string): Promise<bigint> {
  return BigInt((await rpc.send("eth_call", [{ to, data }, "latest"])) as string);
}
