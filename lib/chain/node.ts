/** Sends `eth_chainId` to a URL; true when a JSON-RPC node answers. */
export async function nodeAnswers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      signal: AbortSignal.timeout(2_000),
    });
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * Waits until a node answers at `url`, polling; throws when `timeoutMs` passes first or when
 * `stopped` (the node's own run, if this process started it) settles before the node answers.
 */
export async function waitForNode(
  url: string,
  timeoutMs: number,
  stopped?: Promise<unknown>,
): Promise<void> {
  let settled: unknown;
  let hasSettled = false;
  void stopped?.then(
    () => {
      hasSettled = true;
    },
    (error: unknown) => {
      hasSettled = true;
      settled = error;
    },
  );
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (hasSettled) {
      if (settled !== undefined) throw settled;
      throw new Error(`the node stopped before answering at ${url}`);
    }
    if (await nodeAnswers(url)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no node answered at ${url} within ${timeoutMs / 1000} s`);
}

/** The address to reach a node bound to `hostname` from this machine (all interfaces: loopback). */
export function reachableHost(hostname: string): string {
  return hostname === "0.0.0.0" || hostname === "::" ? "127.0.0.1" : hostname;
}
