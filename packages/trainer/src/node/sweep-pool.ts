import { freemem, totalmem } from 'node:os';
import { sweepTrialTask } from './sweep-trial-task';
import type { PoolTask } from './task-context';
import { WorkerPool } from './worker-pool';

/** The default heap limit of one of `workers` threads, in MB. */
export function defaultMemoryLimitMb(workers: number): number {
  const share = Math.min(totalmem(), Math.max(freemem(), totalmem() / 2)) / 2 / Math.max(1, workers);
  return Math.max(256, Math.min(4096, Math.floor(share / 2 ** 20)));
}

/** Options of {@link startSweepPool}. */
export interface SweepPoolOptions {
  /** Threads (see `resolveWorkerCount`). */
  readonly workers: number;
  /** Heap limit per thread; default {@link defaultMemoryLimitMb}. */
  readonly memoryLimitMb?: number;
  /** The task run per trial; default `runSweepTrial` of this package. */
  readonly task?: PoolTask;
  readonly workerFile?: string;
}

/**
 * The threads a `ThreadExecutor` runs sweep trials on, started now: each imports the trial task
 * at once. `lab sweep` starts them from `@lab/trainer/pool` (a small module) as soon as its config
 * is valid, so that their start-up overlaps with its own loading of the trainer, and hands them to
 * `new ThreadExecutor({ pool })`; without a pool, the executor starts its own the same way.
 */
export function startSweepPool(options: SweepPoolOptions): WorkerPool {
  const pool = new WorkerPool({
    size: options.workers,
    workerFile: options.workerFile,
    resourceLimits: { maxOldGenerationSizeMb: options.memoryLimitMb ?? defaultMemoryLimitMb(options.workers) },
    preload: [(options.task ?? sweepTrialTask()).module],
  });
  pool.warmUp();
  return pool;
}
