import {
  type Abi,
  type Address,
  type Chain,
  type EIP1193Provider,
  type PublicClient,
  BaseError,
  ContractFunctionRevertedError,
  createPublicClient,
  createWalletClient,
  custom,
  http,
} from "viem";
import { createContext, useContext, useEffect, useRef, useState } from "react";

import { type AbiError, type TokenCtx, describeError } from "./errors.js";

/** What the sandbox's server knows: the chain, the address book, the actors and the ABIs. */
export interface Book {
  network: string;
  chainId: number;
  nodeUrl: string;
  startHint: string;
  addresses: Record<string, Address>;
  actors: { name: string; address: Address }[];
  abis: Record<string, Abi>;
  tokens: Token[];
}

export interface Token {
  key: string;
  address: Address;
  symbol: string;
  decimals: number;
}

/** The one place that knows the chain: clients, address book, tokens, and who is acting. */
export interface Sandbox {
  book: Book;
  chain: Chain;
  client: PublicClient;
  tokens: Token[];
  /** Every custom error of the sandbox's contracts, to decode any revert. */
  errors: AbiError[];
  tokenAt(address: string): Token | undefined;
  abi(key: string): Abi;
}

const rpcUrl = () => new URL("rpc", document.baseURI).href;

export async function fetchJson<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(new URL(path, document.baseURI), {
    ...init,
    headers: { "content-type": "application/json" },
  });
  const body = (await response.json()) as T & { error?: string };
  if (!response.ok) throw new Error(body.error ?? `${path}: HTTP ${response.status}`);
  return body;
}

export async function loadSandbox(): Promise<Sandbox> {
  const book = await fetchJson<Book>("api/book");
  const chain: Chain = {
    id: book.chainId,
    name: `sandbox (${book.network})`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl()] } },
  };
  const client = createPublicClient({
    chain,
    transport: http(rpcUrl(), { batch: { wait: 0 } }),
    pollingInterval: 100,
  }) as PublicClient;
  const { tokens } = book;
  const seen = new Set<string>();
  const errors: AbiError[] = [];
  for (const abi of Object.values(book.abis)) {
    for (const item of abi) {
      if (item.type !== "error") continue;
      const signature = `${item.name}(${item.inputs.map((i) => i.type).join(",")})`;
      if (seen.has(signature)) continue;
      seen.add(signature);
      errors.push(item);
    }
  }
  return {
    book,
    chain,
    client,
    tokens,
    errors,
    tokenAt: (address) => tokens.find((t) => t.address.toLowerCase() === address.toLowerCase()),
    abi: (key) => [...book.abis[key], ...errors],
  };
}

/** Who signs: a named actor (an unlocked account of the node) or an injected wallet. */
export type Signer =
  | { kind: "actor"; name: string; address: Address }
  | { kind: "wallet"; name: string; address: Address; provider: EIP1193Provider };

export interface Session {
  sandbox: Sandbox;
  signer: Signer;
  /** The latest block, re-read as the chain moves. */
  block: { number: bigint; timestamp: bigint };
  /** Bumps after each confirmed write, so that readers refresh at once. */
  refresh(): void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === null) throw new Error("no session");
  return session;
}

/**
 * Reads from the chain, again at every block (and after each write): `read` gets the session,
 * the result is kept until the next read resolves. Errors are shown, never thrown into React.
 */
export function useChainRead<T>(
  read: (session: Session) => Promise<T>,
  deps: unknown[] = [],
): { data: T | undefined; error: string | undefined } {
  const session = useSession();
  const [state, setState] = useState<{ data?: T; error?: string }>({});
  const latest = useRef(0);
  useEffect(() => {
    const ticket = ++latest.current;
    read(session).then(
      (data) => ticket === latest.current && setState({ data }),
      (error: unknown) =>
        ticket === latest.current &&
        setState((s) => ({ data: s.data, error: String((error as Error).message ?? error) })),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session.block, session.signer.address, ...deps]);
  return { data: state.data, error: state.error };
}

export interface Write {
  /** The sandbox key of the contract, or its address with the key of its ABI. */
  contract: string;
  address?: Address;
  functionName: string;
  args?: readonly unknown[];
  value?: bigint;
}

/** A revert or a failure, in words. */
export class WriteError extends Error {
  override name = "WriteError";
}

/**
 * Sends transactions as the signer, one after the other: each is simulated first (so a revert is
 * decoded before anything is sent), then sent, then waited for. `ctx` names the tokens of the
 * error's amounts.
 */
export async function sendAll(
  session: Session,
  writes: Write[],
  ctx: TokenCtx = {},
): Promise<void> {
  const { sandbox, signer } = session;
  const wallet = createWalletClient({
    chain: sandbox.chain,
    account: signer.address,
    transport: signer.kind === "wallet" ? custom(signer.provider) : http(rpcUrl()),
  });
  for (const write of writes) {
    const abi = sandbox.abi(write.contract);
    const address = write.address ?? sandbox.book.addresses[write.contract];
    try {
      const { request } = await sandbox.client.simulateContract({
        address,
        abi,
        functionName: write.functionName,
        args: write.args ?? [],
        account: signer.address,
        value: write.value,
      } as never);
      const hash = await wallet.writeContract(request as never);
      const receipt = await sandbox.client.waitForTransactionReceipt({ hash, pollingInterval: 50 });
      if (receipt.status !== "success") throw new WriteError(`${write.functionName} reverted`);
    } catch (error) {
      throw new WriteError(explain(error, ctx));
    } finally {
      session.refresh();
    }
  }
}

/** An error from viem as one line: the decoded custom error in words when there is one. */
export function explain(error: unknown, ctx: TokenCtx = {}): string {
  if (error instanceof WriteError) return error.message;
  if (error instanceof BaseError) {
    const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
    if (reverted instanceof ContractFunctionRevertedError && reverted.data !== undefined) {
      return describeError(
        reverted.data.errorName,
        (reverted.data.args ?? []) as readonly unknown[],
        reverted.data.abiItem as AbiError,
        ctx,
      );
    }
    if (reverted instanceof ContractFunctionRevertedError && reverted.reason !== undefined) {
      return `reverted: ${reverted.reason}`;
    }
    return error.shortMessage;
  }
  return String((error as Error).message ?? error);
}

/**
 * Moves the dev node's clock forward and mines a block (0 seconds: just mines); the sandbox's
 * server then has the price reporters report again, so that the prices stay fresh.
 */
export async function travel(session: Session, seconds: number): Promise<void> {
  await fetchJson("api/time", { method: "POST", body: JSON.stringify({ seconds }) });
  session.refresh();
}
