/** Messages between a {@link WorkerPool} and its threads (`pool-worker.ts`). */

/** Pool → thread: run one job. */
export interface RunMessage {
  readonly kind: 'run';
  readonly id: number;
  readonly module: string;
  readonly export: string;
  readonly input: unknown;
  /** Wait for the pool's workerData when it comes later (see `PoolJob.withoutWorkerData`). */
  readonly waitForShared: boolean;
}

/** Pool → thread: the pool's `workerData`, when it was given as a promise that has now resolved. */
export interface SharedMessage {
  readonly kind: 'shared';
  readonly data: unknown;
}

/** A task's failure, as it crosses to the pool (errors lose their class in a structured clone). */
export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  /** The task threw a LabError: the user's mistake, one line at the CLI. */
  readonly labError: boolean;
}

/**
 * When a job ran on its thread and the thread's CPU time around it, for the pool's timeline.
 * Times are wall-clock milliseconds since the epoch (`performance.timeOrigin + performance.now()`,
 * comparable across threads); CPU times are the thread's own (`threadCpuMs`), absent off Linux.
 */
export interface JobStats {
  readonly startedAt: number;
  readonly endedAt: number;
  /** The thread's CPU time when it took the job and when it finished it. */
  readonly cpuStartMs?: number;
  readonly cpuEndMs?: number;
  /** Time spent importing the task's module for this job (0 when the thread had it already). */
  readonly importMs: number;
}

/** Thread → pool. */
export type WorkerMessage =
  | { readonly kind: 'ready'; readonly at: number; readonly cpuMs?: number; readonly preloadMs: number }
  | { readonly kind: 'post'; readonly id: number; readonly data: unknown }
  | { readonly kind: 'done'; readonly id: number; readonly value: unknown; readonly stats: JobStats }
  | { readonly kind: 'failed'; readonly id: number; readonly error: SerializedError };

/** What the pool gives each thread as `workerData`. */
export interface PoolWorkerData {
  /** One Int32 per thread: non-zero while the current job has been asked to stop. */
  readonly stopFlag: SharedArrayBuffer;
  /** The pool's `workerData` option, for the tasks (e.g. a data set sent once per thread). */
  readonly shared: unknown;
  /** True when `shared` comes later, in a {@link SharedMessage} (the pool got a promise). */
  readonly sharedLater: boolean;
  /** Modules the thread imports as soon as it starts, before any job (the pool's `preload`). */
  readonly preload: readonly string[];
}
