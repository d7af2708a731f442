import { pathToFileURL } from 'node:url';
import { type BatchnormJob, type ClassificationData, estimateJobCost, type JobOutcome } from '@lab/experiment-batchnorm';
import { WorkerPool } from '@lab/trainer/node';
import type { BatchnormTask, BatchnormTaskResult } from './batchnorm-worker';
import { builtWorkerFile } from './worker-file';

/**
 * The built task module, `dist/batchnorm-worker.js` (see {@link builtWorkerFile}).
 * @throws CliError when it has not been built
 */
export function batchnormWorkerFile(): string {
  return builtWorkerFile('batchnorm-worker.js');
}

/** Multiply-adds per second that every machine beats by far: a training's deadline is its cost at this rate. */
const SLOW_RATE = 2e7;
/** Time for a thread to start and load its modules, on top of every deadline. */
const FIXED_SECONDS = 60;

/** How long a training may take before its thread counts as hung (generous: it ends a hang, it does not judge speed). */
export function jobDeadlineMs(job: BatchnormJob, inputSize: number): number {
  return 1000 * (FIXED_SECONDS + estimateJobCost(job, inputSize) / SLOW_RATE);
}

/** Options of {@link runJobsOnPool}. */
export interface PoolOptions {
  /** Worker threads, ≥ 1 (see `resolveWorkerCount`). */
  readonly workers: number;
  /** The task module (a file with `runBatchnormTask`); default {@link batchnormWorkerFile}. */
  readonly workerFile?: string;
  /** The task's export; default `runBatchnormTask`. */
  readonly taskExport?: string;
  /** Per-training deadline; default {@link jobDeadlineMs}. */
  readonly deadlineMs?: number;
  /** Called as each job finishes (in completion order), with how many have finished. */
  readonly onJobDone?: (outcome: JobOutcome, done: number, total: number) => void;
}

/**
 * Runs training jobs on a `WorkerPool` of `workers` threads (`@lab/trainer/node`, the pool sweeps
 * run on) and returns the outcomes in the order of `jobs`. The data goes to each thread once (as
 * `workerData`), the jobs one by one, the costliest first (by `estimateJobCost`) so that no long
 * job starts last. Each job seeds its own generator from its description, so the runs do not
 * depend on the number of workers or on which worker ran what.
 * @throws WorkerError (one line naming the training and the worker) when a training throws, its
 *   thread exits, crashes, runs out of memory or misses its deadline; the other threads are stopped
 */
export async function runJobsOnPool(jobs: readonly BatchnormJob[], data: ClassificationData, options: PoolOptions): Promise<JobOutcome[]> {
  const workers = Math.max(1, Math.floor(options.workers));
  const task = {
    module: pathToFileURL(options.workerFile ?? batchnormWorkerFile()).href,
    export: options.taskExport ?? 'runBatchnormTask',
  };
  const inputSize = data.trainX.shape[1] ?? 1;
  const order = jobs
    .map((_, i) => i)
    .sort((a, b) => estimateJobCost(jobs[b] as BatchnormJob, inputSize) - estimateJobCost(jobs[a] as BatchnormJob, inputSize) || a - b);
  const pool = new WorkerPool({
    size: workers,
    // Structured-cloned to each thread once: plain { data, shape } objects, which runJob accepts.
    workerData: data,
    // A larger young generation: the layer kernels allocate an output per call, and with the
    // default (16 MB) nursery each thread scavenges so often that V8's background GC threads
    // compete with the other thread for the two cores.
    resourceLimits: { maxYoungGenerationSizeMb: 256 },
  });
  const outcomes: (JobOutcome | undefined)[] = new Array(jobs.length);
  let done = 0;
  try {
    await Promise.all(
      order.map(async (index) => {
        const job = jobs[index] as BatchnormJob;
        const input: BatchnormTask = { job };
        const result = await pool.run<BatchnormTaskResult>({
          task,
          input,
          label: `training ${job.id}`,
          deadlineMs: options.deadlineMs ?? jobDeadlineMs(job, inputSize),
        });
        const outcome = { run: result.run, seconds: result.seconds };
        outcomes[index] = outcome;
        done++;
        options.onJobDone?.(outcome, done, jobs.length);
      }),
    );
  } finally {
    await pool.close();
  }
  return outcomes as JobOutcome[];
}
