export { type CheckedSweepTrialInput, runCheckedSweepTrial } from './checked-trial';
export {
  type LoadCheckpointOptions,
  type LoadedCheckpoint,
  loadCheckpoint,
  MAX_CHECKPOINT_BYTES,
  previousCheckpointPath,
  saveCheckpoint,
} from './checkpoint';
export { resolveDataPath } from './data-path';
export { describeEnvironment } from './environment';
export { JournalFile } from './journal-file';
export {
  formatPoolTimeline,
  type JobTimeline,
  type PoolTimeline,
  summarizePoolTimeline,
  type WorkerSummary,
  type WorkerTimeline,
} from './pool-timeline';
export { parseQueueUrl, type QueueConnection } from './queue/queue-url';
export { type QueueWorker, type QueueWorkerOptions, startQueueWorker } from './queue/queue-worker';
export { RedisExecutor, type RedisExecutorOptions } from './queue/redis-executor';
export { DEFAULT_QUEUE_NAME, type TrialJob, trialJobSchema } from './queue/trial-job';
export { defaultMemoryLimitMb, type SweepPoolOptions, startSweepPool } from './sweep-pool';
export { type RungMessage, runSweepTrial, type SweepTrialInput, type SweepTrialOutput } from './sweep-trial';
export { sweepTrialTask } from './sweep-trial-task';
export type { PoolTask, TaskContext, TaskFunction } from './task-context';
export { threadCpuMs } from './thread-cpu';
export { ThreadExecutor, type ThreadExecutorOptions, type TrialPool } from './thread-executor';
export { trialDeadlineSeconds } from './trial-deadline';
export { resolveWorkerCount, WORKERS_PER_CORE, type WorkerCount } from './worker-count';
export { firstLine, WorkerError, type WorkerFailure } from './worker-error';
export { type PoolJob, poolWorkerFile, type RunningJob, WorkerPool, type WorkerPoolOptions } from './worker-pool';
