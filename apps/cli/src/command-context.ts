import type { CliIo } from './cli-io';

/** What every command's action gets: the I/O to use, and where to leave its exit code. */
export interface CommandContext {
  readonly io: CliIo;
  /** 0 unless the action sets it (e.g. `gradcheck` when a check fails). */
  exitCode: number;
}

/** The context's clock, `performance.now` unless the caller injected one. */
export function clockOf(io: CliIo): () => number {
  return io.now ?? (() => performance.now());
}
