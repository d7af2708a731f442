import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { type BatchnormJob, type ClassificationData, estimateJobCost, type JobOutcome } from '@lab/experiment-batchnorm';
import Tinypool from 'tinypool';
import type { BatchnormTask, BatchnormTaskResult } from './batchnorm-worker';
import { CliError } from './cli-error';

/** The default of `--workers`: one worker thread per core. */
export function defaultWorkerCount(): number {
  return Math.max(1, availableParallelism());
}

/**
 * The built worker entry, `dist/batchnorm-worker.js`: beside this module once bundled into
 * `dist/lab.js`, or in `../dist` when this module runs from `src/` (tests).
 * @throws CliError when it has not been built
 */
export function batchnormWorkerFile(): string {
  const candidates = [new URL('./batchnorm-worker.js', import.meta.url), new URL('../dist/batchnorm-worker.js', import.meta.url)];
  for (const candidate of candidates) {
    const path = fileURLToPath(candidate);
    if (existsSync(path)) return path;
  }
  throw new CliError('the batch-norm worker (dist/batchnorm-worker.js) is missing; build @lab/cli first (pnpm --filter @lab/cli build)');
}

/** Options of {@link runJobsOnPool}. */
export interface PoolOptions {
  /** Worker threads, ≥ 1. */
  readonly workers: number;
  /** Default {@link batchnormWorkerFile}. */
  readonly workerFile?: string;
  /** Called as each job finishes (in completion order), with how many have finished. */
  readonly onJobDone?: (outcome: JobOutcome, done: number, total: number) => void;
}

/**
 * Runs training jobs on a pool of `workers` worker threads (tinypool) and returns the outcomes
 * in the order of `jobs`. The data goes to each worker once (as `workerData`), the jobs one by
 * one, the costliest first (by `estimateJobCost`) so that no long job starts last. Each job seeds
 * its own generator from its description, so the runs do not depend on the number of workers
 * or on which worker ran what.
 * @throws CliError when the worker file is missing; LabError (as CliError) when a job reports one
 */
export async function runJobsOnPool(jobs: readonly BatchnormJob[], data: ClassificationData, options: PoolOptions): Promise<JobOutcome[]> {
  const workers = Math.max(1, Math.floor(options.workers));
  const filename = options.workerFile ?? batchnormWorkerFile();
  const inputSize = data.trainX.shape[1] ?? 1;
  const order = jobs
    .map((_, i) => i)
    .sort((a, b) => estimateJobCost(jobs[b] as BatchnormJob, inputSize) - estimateJobCost(jobs[a] as BatchnormJob, inputSize) || a - b);
  const pool = new Tinypool({
    filename,
    minThreads: workers,
    maxThreads: workers,
    // Structured-cloned to each worker once: plain { data, shape } objects, which runJob accepts.
    workerData: data,
    // A larger young generation: the layer kernels allocate an output per call, and with the
    // default (16 MB) nursery each worker scavenges so often that V8's background GC threads
    // compete with the other worker for the two cores.
    resourceLimits: { maxYoungGenerationSizeMb: 256 },
  });
  const outcomes: (JobOutcome | undefined)[] = new Array(jobs.length);
  let done = 0;
  try {
    await Promise.all(
      order.map(async (index) => {
        const task: BatchnormTask = { job: jobs[index] as BatchnormJob };
        const result = (await pool.run(task)) as BatchnormTaskResult;
        if (!result.ok) throw new CliError(result.message);
        const outcome = { run: result.run, seconds: result.seconds };
        outcomes[index] = outcome;
        done++;
        options.onJobDone?.(outcome, done, jobs.length);
      }),
    );
  } finally {
    await pool.destroy();
  }
  return outcomes as JobOutcome[];
}
