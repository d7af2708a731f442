/**
 * What a pool task function receives beside its input: `(input, context) => output`.
 * A task is a named export of a module the worker thread can import; its input and output
 * cross threads by structured clone (keep them JSON-like).
 */
export interface TaskContext {
  /** The pool's `workerData`, sent to each thread once (e.g. a data set). */
  readonly workerData: unknown;
  /** Sends a message to the job's `onMessage` (progress, a rung's metrics). */
  post(data: unknown): void;
  /** True once the pool was asked to stop this job (`WorkerPool.requestStop`): end early, cleanly. */
  stopRequested(): boolean;
}

/** A task function: what a {@link PoolTask} names. */
export type TaskFunction<I = unknown, O = unknown> = (input: I, context: TaskContext) => O | Promise<O>;

/** Where a job's function lives: a module specifier the worker thread can import and its named export. */
export interface PoolTask {
  /** A `file:` URL, or a package specifier resolvable from `@lab/trainer`'s files (e.g. `@lab/trainer/node`). */
  readonly module: string;
  readonly export: string;
}
