/**
 * `@lab/trainer/pool`: the worker pool alone, and the start of a sweep's threads, in a module that
 * loads nothing of the trainer (only `@lab/tensor`'s errors): a command line can start its threads
 * first, and load the rest while they load their task. Its `WorkerPool` is the class of
 * `@lab/trainer/node` (a copy in this bundle: the same API); `ThreadExecutor` takes the pool
 * `startSweepPool` gives.
 */
export { defaultMemoryLimitMb, type SweepPoolOptions, startSweepPool } from './node/sweep-pool';
export { sweepTrialTask } from './node/sweep-trial-task';
export type { PoolTask, TaskContext, TaskFunction } from './node/task-context';
export { resolveWorkerCount, WORKERS_PER_CORE, type WorkerCount } from './node/worker-count';
export { type PoolJob, poolWorkerFile, type RunningJob, WorkerPool, type WorkerPoolOptions } from './node/worker-pool';
