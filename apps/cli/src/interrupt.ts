import { runInNewContext } from 'node:vm';
import type { CliIo, CliStream } from './cli-io';
import { EXIT_CODES } from './handle-error';
import { progressModeFor } from './progress/progress-mode';
import { CLEAR_LINE } from './progress/progress-renderer';

/** The signals `lab` reports as an interrupt: Ctrl-C, and the polite `kill`. */
export type InterruptSignal = 'SIGINT' | 'SIGTERM';

const INTERRUPT_SIGNALS: readonly InterruptSignal[] = ['SIGINT', 'SIGTERM'];

/** Exit code per signal: 128 + the signal's number, as shells report it. */
export const INTERRUPT_EXIT_CODES: Readonly<Record<InterruptSignal, number>> = {
  SIGINT: EXIT_CODES.interrupted,
  SIGTERM: EXIT_CODES.terminated,
};

/**
 * A command stopped by a signal ({@link runInterruptibly}). Neither the user's mistake nor a bug:
 * `run` reports it with {@link reportInterrupt}, without a stack trace.
 */
export class InterruptedError extends Error {
  override name = 'InterruptedError';

  constructor(readonly signal: InterruptSignal) {
    super(`interrupted by ${signal}`);
  }
}

/**
 * Says on stderr that `lab` was stopped and returns the exit code (130 for SIGINT, 143 for SIGTERM).
 * On a terminal that can erase a line it first erases the one the cursor is on: the live
 * progress bar, or the `^C` the terminal echoed, so that one clean line remains.
 */
export function reportInterrupt(signal: InterruptSignal, stderr: CliStream, env: CliIo['env']): number {
  if (progressModeFor(stderr, env, {}) === 'live') stderr.write(CLEAR_LINE);
  stderr.write(`lab: ${signal === 'SIGINT' ? 'interrupted' : 'terminated'}\n`);
  return INTERRUPT_EXIT_CODES[signal];
}

/**
 * Awaits `work` with SIGINT and SIGTERM handled: on either, {@link reportInterrupt} and exit at
 * once (worker threads die with the process; nothing has been written yet). Only for work that
 * leaves the main thread free, such as waiting for worker threads: a signal listener runs when
 * the event loop does, so around synchronous work Ctrl-C would wait for the work to end
 * (use {@link runInterruptibly} there). Without `io.signals` (tests in-process) it only awaits.
 */
export async function whileHandlingSignals<T>(io: CliIo, work: () => Promise<T>): Promise<T> {
  const hooks = io.signals;
  if (hooks === undefined) return work();
  const listeners = INTERRUPT_SIGNALS.map((signal) => ({
    signal,
    listener: () => hooks.exit(reportInterrupt(signal, io.stderr, io.env)),
  }));
  for (const { signal, listener } of listeners) hooks.process.on(signal, listener);
  try {
    return await work();
  } finally {
    for (const { signal, listener } of listeners) hooks.process.off(signal, listener);
  }
}

/**
 * Runs synchronous `task` (a training) so that Ctrl-C stops it at once, with Node's `vm`
 * `breakOnSigint` (the REPL's mechanism: a watchdog thread terminates the running script), and
 * throws {@link InterruptedError}; the caller's `finally` blocks run, e.g. to erase the progress
 * bar. The task's own `finally` blocks do not. A signal listener could not do this: it waits for the
 * task to return. SIGTERM keeps Node's default meanwhile and ends the process at once.
 * @returns what `task` returns
 * @throws InterruptedError on SIGINT; whatever `task` throws
 */
export function runInterruptibly<T>(task: () => T): T {
  try {
    return runInNewContext('task()', { task }, { breakOnSigint: true }) as T;
  } catch (error) {
    if (isScriptInterrupted(error)) throw new InterruptedError('SIGINT');
    throw error;
  }
}

function isScriptInterrupted(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_INTERRUPTED';
}
