/** Messages between a {@link WorkerPool} and its threads (`pool-worker.ts`). */

/** Pool → thread: run one job. */
export interface RunMessage {
  readonly kind: 'run';
  readonly id: number;
  readonly module: string;
  readonly export: string;
  readonly input: unknown;
}

/** A task's failure, as it crosses to the pool (errors lose their class in a structured clone). */
export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  /** The task threw a LabError: the user's mistake, one line at the CLI. */
  readonly labError: boolean;
}

/** Thread → pool. */
export type WorkerMessage =
  | { readonly kind: 'post'; readonly id: number; readonly data: unknown }
  | { readonly kind: 'done'; readonly id: number; readonly value: unknown }
  | { readonly kind: 'failed'; readonly id: number; readonly error: SerializedError };

/** What the pool gives each thread as `workerData`. */
export interface PoolWorkerData {
  /** One Int32 per thread: non-zero while the current job has been asked to stop. */
  readonly stopFlag: SharedArrayBuffer;
  /** The pool's `workerData` option, for the tasks (e.g. a data set sent once per thread). */
  readonly shared: unknown;
}
