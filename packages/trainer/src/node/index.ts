export { resolveDataPath } from './data-path';
export { JournalFile } from './journal-file';
export { type RungMessage, runSweepTrial, type SweepTrialInput, type SweepTrialOutput, sweepTrialTask } from './sweep-trial';
export type { PoolTask, TaskContext, TaskFunction } from './task-context';
export { defaultMemoryLimitMb, ThreadExecutor, type ThreadExecutorOptions } from './thread-executor';
export { trialDeadlineSeconds } from './trial-deadline';
export { resolveWorkerCount, WORKERS_PER_CORE, type WorkerCount } from './worker-count';
export { firstLine, WorkerError, type WorkerFailure } from './worker-error';
export { type PoolJob, poolWorkerFile, type RunningJob, WorkerPool, type WorkerPoolOptions } from './worker-pool';
