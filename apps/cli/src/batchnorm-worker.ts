import type { BatchnormJob, BatchnormRun } from '@lab/experiment-batchnorm';
import {
  type ClassificationData,
  type MeasurementGroup,
  type MeasurementGroups,
  type MeasurementsConfig,
  runJob,
  runMeasurementGroup,
} from '@lab/experiment-batchnorm/worker-tasks';
import type { TaskContext } from '@lab/trainer/node';

// Built to dist/batchnorm-worker.js, the module every thread of the batch-norm pool imports: it
// loads only what a training and parts 1–3 need (no record schemas, no report), so that a thread
// is ready sooner.

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
 * The batch-norm experiment's pool task (run by a `WorkerPool` thread): one training with
 * `runJob` on the data the pool gave this thread. A LabError (too few rows, …) reaches the pool
 * as one line naming the training and the thread.
 */
export function runBatchnormTask(task: BatchnormTask, context: TaskContext): BatchnormTaskResult {
  const data = context.workerData as ClassificationData | undefined;
  if (data === undefined) throw new Error('batchnorm-worker: no workerData; run this task through the batch-norm pool');
  const start = performance.now();
  const run = runJob(task.job, data);
  return { run, seconds: (performance.now() - start) / 1000 };
}

/** What the pool sends for one group of parts 1–3. */
export interface MeasurementsTask {
  readonly config: MeasurementsConfig;
  readonly group: MeasurementGroup;
}

/** One group of parts 1–3 of the experiment (they need no data) as a pool job, beside the trainings. */
export function runBatchnormMeasurements(task: MeasurementsTask): MeasurementGroups[MeasurementGroup] {
  return runMeasurementGroup(task.config, task.group);
}
