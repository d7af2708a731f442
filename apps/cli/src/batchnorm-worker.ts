import { type BatchnormJob, type BatchnormRun, type ClassificationData, runJob } from '@lab/experiment-batchnorm';
import type { TaskContext } from '@lab/trainer/node';

/** What the pool sends for one training: the job; the data came once per thread, as the pool's `workerData`. */
export interface BatchnormTask {
  readonly job: BatchnormJob;
}

/** What a thread sends back: the run and the seconds it took there. */
export interface BatchnormTaskResult {
  readonly run: BatchnormRun;
  readonly seconds: number;
}

/**
 * The batch-norm experiment's pool task (built to `dist/batchnorm-worker.js`, run by a
 * `WorkerPool` thread): one training with `runJob` on the data the pool gave this thread. A
 * LabError (too few rows, …) reaches the pool as one line naming the training and the thread.
 */
export function runBatchnormTask(task: BatchnormTask, context: TaskContext): BatchnormTaskResult {
  const data = context.workerData as ClassificationData | undefined;
  if (data === undefined) throw new Error('batchnorm-worker: no workerData; run this task through the batch-norm pool');
  const start = performance.now();
  const run = runJob(task.job, data);
  return { run, seconds: (performance.now() - start) / 1000 };
}
