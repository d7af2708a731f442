/** The part of a writable stream the CLI uses: `process.stdout`, `process.stderr`, or a fake in tests. */
export interface CliStream {
  write(chunk: string): unknown;
  /** True on a terminal: progress is drawn as a live bar instead of plain lines. */
  readonly isTTY?: boolean;
  /** Terminal width in characters, when known. */
  readonly columns?: number;
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
}
