import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Where a task writes: data to stdout, narration to stderr. Tasks run from the command line write to
 * the process's streams; a test runs a task in-process with its own io and reads what it wrote.
 */
export interface TaskIo {
  /** Writes data for stdout, as it is (the caller ends its lines). */
  out(text: string): void;
  /** Writes one line of narration for stderr. */
  say(line: string): void;
  /** Writes to stderr as it is, for progress that redraws its line. */
  sayRaw(text: string): void;
  /** Whether stderr is a terminal (progress bars are drawn only there). */
  readonly stderrIsTTY: boolean;
  /** Whether colour is allowed on stderr: a terminal, and NO_COLOR unset or empty. */
  readonly colour: boolean;
}

const noColour = () => (process.env.NO_COLOR ?? "") !== "";

/** The process's own streams. */
export const processIo: TaskIo = {
  out: (text) => void process.stdout.write(text),
  say: (line) => void process.stderr.write(`${line}\n`),
  sayRaw: (text) => void process.stderr.write(text),
  get stderrIsTTY() {
    return process.stderr.isTTY === true;
  },
  get colour() {
    return process.stderr.isTTY === true && !noColour();
  },
};

/** An io that keeps what is written, as no terminal: for running tasks in-process in tests. */
export interface CapturedIo extends TaskIo {
  readonly stdout: string;
  readonly stderr: string;
}

export function captureIo(): CapturedIo {
  let stdout = "";
  let stderr = "";
  return {
    out: (text) => void (stdout += text),
    say: (line) => void (stderr += `${line}\n`),
    sayRaw: (text) => void (stderr += text),
    stderrIsTTY: false,
    colour: false,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
  };
}

const current = new AsyncLocalStorage<TaskIo>();

/** The io of the task running in this async context (the process's streams by default). */
export function currentIo(): TaskIo {
  return current.getStore() ?? processIo;
}

/** Runs `body` with `io` as the current io of everything it awaits. */
export function withIo<T>(io: TaskIo, body: () => Promise<T>): Promise<T> {
  return current.run(io, body);
}
