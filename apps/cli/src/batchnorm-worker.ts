import { type BatchnormJob, type BatchnormRun, type ClassificationData, runJob } from '@lab/experiment-batchnorm';
import { isLabError } from '@lab/tensor';
import Tinypool from 'tinypool';

/** What the pool sends for one training: the job; the data came once per worker, as `workerData`. */
export interface BatchnormTask {
  readonly job: BatchnormJob;
}

/**
 * What a worker sends back: the run and the seconds it took there, or, for a LabError (the
 * user's mistake, e.g. too few rows), its message, since errors lose their class on the way.
 */
export type BatchnormTaskResult =
  | { readonly ok: true; readonly run: BatchnormRun; readonly seconds: number }
  | { readonly ok: false; readonly message: string };

/**
 * The worker-thread entry of the batch-norm pool (built to `dist/batchnorm-worker.js`): runs one
 * job with `runJob` on the data the pool gave this worker. Other errors are bugs and propagate.
 */
export default function runBatchnormTask(task: BatchnormTask): BatchnormTaskResult {
  const data = Tinypool.workerData as ClassificationData | undefined;
  if (data === undefined) throw new Error('batchnorm-worker: no workerData; start this file through the batch-norm pool');
  const start = performance.now();
  try {
    const run = runJob(task.job, data);
    return { ok: true, run, seconds: (performance.now() - start) / 1000 };
  } catch (error) {
    if (isLabError(error)) return { ok: false, message: error.message };
    throw error;
  }
}
