import type { TrialPool } from '@lab/trainer/node';
import type { PoolTask } from '@lab/trainer/pool';
import type { SweepOptions } from './commands/sweep';
import type { LoadedSweepConfig } from './config/load-sweep-config';
import { scavengeOnOneThread } from './scavenge-flags';
import { sweepThreadTask } from './sweep-thread-task';

/** Threads `lab sweep` started for its trials before it loaded the rest of the trainer. */
export interface SweepThreads {
  readonly pool: TrialPool;
  /** The task its threads loaded, which the executor must run on them. */
  readonly task: PoolTask;
  /** Said once the sweep starts: the thread count was capped (`--workers` above the trials or 4 per core). */
  readonly note?: string;
}

/**
 * Starts the worker threads of a sweep on this machine (not `--queue`; not `--resume`, whose
 * count of trials left is known only from the journal) from `@lab/trainer/pool`, a small module,
 * right after the config is valid: each thread loads the trial task while the main thread loads
 * the trainer, the journal and the rest, instead of after them.
 * @returns undefined when the sweep makes its threads later, or none
 */
export async function startSweepThreads(options: SweepOptions, loaded: LoadedSweepConfig): Promise<SweepThreads | undefined> {
  if (options.queue !== undefined || options.resume === true) return undefined;
  scavengeOnOneThread();
  const { resolveWorkerCount, startSweepPool } = await import('@lab/trainer/pool');
  const { config } = loaded;
  const { count, note } = resolveWorkerCount(options.workers, config.points * config.repeats, 'trial');
  const task = sweepThreadTask();
  const pool = startSweepPool({
    workers: count,
    task,
    ...(config.trial.memoryLimitMb === undefined ? {} : { memoryLimitMb: config.trial.memoryLimitMb }),
  });
  return note === undefined ? { pool, task } : { pool, task, note };
}
