import { pathToFileURL } from 'node:url';
import {
  type BatchnormJob,
  type ClassificationData,
  estimateJobCost,
  type JobOutcome,
  joinMeasurementGroups,
  type MeasurementGroup,
  type MeasurementGroups,
  type Measurements,
  type MeasurementsConfig,
} from '@lab/experiment-batchnorm';
import { type PoolJob, type PoolTask, type PoolTimeline, WorkerPool } from '@lab/trainer/node';
import type { BatchnormTask, BatchnormTaskResult, MeasurementsTask } from './batchnorm-worker';
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
/** Parts 1–3 take a few seconds; this only ends a hang. */
const MEASUREMENTS_DEADLINE_MS = 600_000;

/** How long a training may take before its thread counts as hung (generous: it ends a hang, it does not judge speed). */
export function jobDeadlineMs(job: BatchnormJob, inputSize: number): number {
  return 1000 * (FIXED_SECONDS + estimateJobCost(job, inputSize) / SLOW_RATE);
}

/** Options of {@link BatchnormPool}. */
export interface BatchnormPoolOptions {
  /** Worker threads, ≥ 1 (see `resolveWorkerCount`). */
  readonly workers: number;
  /**
   * The digits, sent to each thread once. A promise lets the threads start (and load their
   * modules, and run parts 1–3) while the data is still loading; the trainings wait for it.
   */
  readonly data: ClassificationData | Promise<ClassificationData>;
  /** The task module (a file with `runBatchnormTask` and `runBatchnormMeasurements`); default {@link batchnormWorkerFile}. */
  readonly workerFile?: string;
  /** The training task's export; default `runBatchnormTask`. */
  readonly taskExport?: string;
  /** Per-training deadline; default {@link jobDeadlineMs}. */
  readonly deadlineMs?: number;
}

/** Options of {@link BatchnormPool.runJobs}. */
export interface RunJobsOptions {
  /** Called as each job finishes (in completion order), with how many have finished. */
  readonly onJobDone?: (outcome: JobOutcome, done: number, total: number) => void;
}

/**
 * The batch-norm experiment's threads (a `WorkerPool` of `@lab/trainer/node`, the pool sweeps run
 * on), started at once: each imports the lean task module while the caller loads the data. Parts
 * 1–3 ({@link runMeasurements}, two jobs) and the trainings ({@link runJobs}) share its threads, the
 * costliest work first, so that no long job starts last. Each training seeds its own generator
 * from its description, so the runs do not depend on the number of workers or on which ran what.
 * Fails loudly: a training that throws, or whose thread exits, crashes, runs out of memory or
 * misses its deadline, rejects with a WorkerError (one line naming the training and the worker)
 * and stops the other threads.
 */
export class BatchnormPool {
  readonly workers: number;
  private readonly pool: WorkerPool;
  private readonly module: string;
  private readonly options: BatchnormPoolOptions;

  constructor(options: BatchnormPoolOptions) {
    this.options = options;
    this.workers = Math.max(1, Math.floor(options.workers));
    this.module = pathToFileURL(options.workerFile ?? batchnormWorkerFile()).href;
    this.pool = new WorkerPool({
      size: this.workers,
      // Structured-cloned to each thread once: plain { data, shape } objects, which runJob accepts.
      workerData: options.data,
      preload: [this.module],
      // A larger young generation: fewer scavenges, so V8's background GC threads compete less
      // with the other thread for the two cores.
      resourceLimits: { maxYoungGenerationSizeMb: 256 },
    });
    this.pool.warmUp();
  }

  /**
   * Runs parts 1–3 as two jobs: the backward-speed timing (part 3, four fifths of the time) and
   * the checks (parts 1 and 2). Call it before {@link runJobs}: they need no data, so they go to
   * the first threads that are ready while the digits still load, and with two threads neither
   * waits idle for the data. The result is {@link runMeasurements}'s, the timings aside.
   */
  async runMeasurements(config: MeasurementsConfig): Promise<Measurements> {
    const group = <G extends MeasurementGroup>(name: G, label: string) =>
      this.run<MeasurementGroups[G]>({
        task: { module: this.module, export: 'runBatchnormMeasurements' },
        input: { config, group: name } satisfies MeasurementsTask,
        label,
        deadlineMs: MEASUREMENTS_DEADLINE_MS,
        withoutWorkerData: true,
      });
    const timing = group('timing', 'part 3 (backward speed)');
    const checks = group('checks', 'parts 1–2 (forward statistics, gradient checks)');
    return joinMeasurementGroups(await checks, await timing);
  }

  /** Runs the trainings and returns their outcomes in the order of `jobs`. */
  async runJobs(jobs: readonly BatchnormJob[], options: RunJobsOptions = {}): Promise<JobOutcome[]> {
    const task: PoolTask = { module: this.module, export: this.options.taskExport ?? 'runBatchnormTask' };
    const data = await this.options.data;
    const inputSize = data.trainX.shape[1] ?? 1;
    const order = jobs
      .map((_, i) => i)
      .sort((a, b) => estimateJobCost(jobs[b] as BatchnormJob, inputSize) - estimateJobCost(jobs[a] as BatchnormJob, inputSize) || a - b);
    const outcomes: (JobOutcome | undefined)[] = new Array(jobs.length);
    let done = 0;
    await Promise.all(
      order.map(async (index) => {
        const job = jobs[index] as BatchnormJob;
        const input: BatchnormTask = { job };
        const result = await this.run<BatchnormTaskResult>({
          task,
          input,
          label: `training ${job.id}`,
          deadlineMs: this.options.deadlineMs ?? jobDeadlineMs(job, inputSize),
        });
        const outcome = { run: result.run, seconds: result.seconds };
        outcomes[index] = outcome;
        done++;
        options.onJobDone?.(outcome, done, jobs.length);
      }),
    );
    return outcomes as JobOutcome[];
  }

  /**
   * One job on the pool. When the pool failed, every job reports that failure (the WorkerError
   * naming the training and the thread), not the "stopped after …" note of the jobs it stopped:
   * whichever the caller awaits first, the message is the same.
   */
  private async run<O>(job: PoolJob): Promise<O> {
    try {
      return await this.pool.run<O>(job);
    } catch (error) {
      throw this.pool.failure ?? error;
    }
  }

  /** Each thread's start, jobs and CPU time so far (see `WorkerPool.timeline`). */
  timeline(): PoolTimeline {
    return this.pool.timeline();
  }

  /** Stops the threads. */
  close(): Promise<void> {
    return this.pool.close();
  }
}

/** Options of {@link runJobsOnPool}. */
export interface PoolOptions extends Omit<BatchnormPoolOptions, 'data'>, RunJobsOptions {
  /** Gets the pool's timeline (each thread's start, jobs and CPU time) once every job has finished. */
  readonly onTimeline?: (timeline: PoolTimeline) => void;
}

/**
 * Runs training jobs on a {@link BatchnormPool} of `workers` threads and returns the outcomes in
 * the order of `jobs`.
 * @throws WorkerError (one line naming the training and the worker) when a training throws, its
 *   thread exits, crashes, runs out of memory or misses its deadline; the other threads are stopped
 */
export async function runJobsOnPool(jobs: readonly BatchnormJob[], data: ClassificationData, options: PoolOptions): Promise<JobOutcome[]> {
  const pool = new BatchnormPool({ ...options, data });
  try {
    const outcomes = await pool.runJobs(jobs, options);
    options.onTimeline?.(pool.timeline());
    return outcomes;
  } finally {
    await pool.close();
  }
}
