/**
 * Errors meant for the person at the terminal: each message is one line that says what is wrong and
 * how to fix it, and the tasks print it as it is (no stack, no class name).
 */
export class SandboxError extends Error {
  override name = "SandboxError";
}

/** An option's value that cannot be used (a name that is no actor, a number out of range, …). */
export class UsageError extends SandboxError {
  override name = "UsageError";
}

/** Nothing answers JSON-RPC at a network's URL. */
export class NoNodeError extends SandboxError {
  override name = "NoNodeError";

  constructor(
    readonly url: string,
    readonly hint: string,
  ) {
    super(`no node at ${url} — start it with ${hint}`);
  }
}

/** Something only a local development node can do was asked of another chain. */
export class DevNodeRequiredError extends SandboxError {
  override name = "DevNodeRequiredError";
}
