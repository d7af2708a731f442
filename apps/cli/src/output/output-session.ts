import type { OutputDirectory } from '@lab/report';
import type { CliIo } from '../cli-io';
import { type InterruptSignal, reportInterrupt } from '../interrupt';
import { openOutputs } from './run-outputs';

/** A command's hold on its `--out` (see {@link withOutputs}). */
export interface OutputSession {
  /** `--out`, opened and locked. */
  readonly directory: OutputDirectory;
  /**
   * Runs synchronous work (a training) with SIGINT and SIGTERM left to `runInterruptibly` and
   * Node's default: a listener would only run once the work is done, so SIGTERM would wait for it.
   * A process that SIGTERM ends there leaves its lock behind, which the next run finds stale and takes over.
   */
  synchronously<T>(work: () => T): T;
}

const SIGNALS: readonly InterruptSignal[] = ['SIGINT', 'SIGTERM'];

/**
 * Runs a command that writes `--out`: opens and locks it first (so a second run into the same
 * directory, or an `--out` that cannot be used, is refused before any work), runs `work`, and
 * releases the lock however `work` ends. While `work` waits (loading data, rendering, writing),
 * SIGINT and SIGTERM release the lock, say `lab: interrupted`/`lab: terminated` and end the
 * process (130/143). The outputs are swapped in by one synchronous call (`commit`), which no
 * signal listener can interrupt, so a signal leaves either the previous outputs or the new ones.
 * Without `io.signals` (tests in-process) no listener is installed.
 * @throws CliError/OutputError when `--out` cannot be used; whatever `work` throws
 */
export async function withOutputs<T>(io: CliIo, out: string, work: (session: OutputSession) => Promise<T>): Promise<T> {
  const directory = openOutputs(out, io);
  const hooks = io.signals;
  const listeners = SIGNALS.map((signal) => ({
    signal,
    listener: () => {
      directory.release();
      hooks?.exit(reportInterrupt(signal, io.stderr, io.env));
    },
  }));
  const install = () => {
    for (const { signal, listener } of listeners) hooks?.process.on(signal, listener);
  };
  const remove = () => {
    for (const { signal, listener } of listeners) hooks?.process.off(signal, listener);
  };
  install();
  try {
    return await work({
      directory,
      synchronously: (task) => {
        remove();
        try {
          return task();
        } finally {
          install();
        }
      },
    });
  } finally {
    remove();
    directory.release();
  }
}
