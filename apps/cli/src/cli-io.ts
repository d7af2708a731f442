/** The part of a writable stream the CLI uses: `process.stdout`, `process.stderr`, or a fake in tests. */
export interface CliStream {
  write(chunk: string): unknown;
  /** True on a terminal: progress is drawn as a live bar instead of plain lines. */
  readonly isTTY?: boolean;
  /** Terminal width in characters, when known. */
  readonly columns?: number;
}

/**
 * How a command ends the process on SIGINT or SIGTERM while it waits (see `whileHandlingSignals`
 * in interrupt.ts): `process` and `process.exit` in the bin; absent when tests call `run` in-process.
 */
export interface SignalHooks {
  readonly process: {
    on(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
    off(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
  };
  readonly exit: (code: number) => void;
}

/** Everything the CLI touches outside itself, so tests can run it in-process. */
export interface CliIo {
  readonly stdout: CliStream;
  readonly stderr: CliStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Relative paths on the command line resolve against this directory. */
  readonly cwd: string;
  /** Clock in milliseconds, for progress and ETA. Default `performance.now`. */
  readonly now?: () => number;
  /** Where signals come from and how to exit; without them no signal listener is installed. */
  readonly signals?: SignalHooks;
}
