import { pathToFileURL } from 'node:url';
import type { DataSplit } from '@lab/datasets';
import type { RegularizationModel, RegularizationModelJob } from '@lab/experiment-regularization';
import type { PoolTimeline } from '@lab/trainer/node';
import { WorkerPool } from '@lab/trainer/pool';
import type { PlainDataSplit, RegularizationTask, RegularizationTaskProgress } from './regularization-worker';
import { builtWorkerFile } from './worker-file';

/**
 * How much longer a dropout model trains than one without (its masks: measured 0.50 s against
 * 0.29 s for 30 000 iterations on the course's data), so that it starts first.
 */
const DROPOUT_COST = 1.7;

/** Options of {@link RegularizationPool}. */
export interface RegularizationPoolOptions {
  /** Worker threads, ≥ 1 (see `resolveWorkerCount`). */
  readonly workers: number;
  /** The task module; default `dist/regularization-worker.js`. */
  readonly workerFile?: string;
}

/** What {@link RegularizationPool.train} reports as it goes. */
export interface RegularizationTrainingHooks {
  /** Called when a thread takes a model's job. */
  readonly onStart?: (job: RegularizationModelJob) => void;
  /** Called with each cost point a model's training posts. */
  readonly onProgress?: (job: RegularizationModelJob, progress: RegularizationTaskProgress) => void;
  /** Called with each trained model as it comes back, before the others are done. */
  readonly onModel?: (job: RegularizationModelJob, model: RegularizationModel) => void;
}

/**
 * The worker threads of `lab experiment regularization`, started before the data exists: each
 * thread loads the training (the task module, a bundle of the training code alone) while the main
 * thread loads the data and the report's modules; the data goes to each thread once, when
 * `data` resolves. Close it when done ({@link close}).
 */
export class RegularizationPool {
  private readonly pool: WorkerPool;
  private readonly task: { readonly module: string; readonly export: string };

  /**
   * Starts `options.workers` threads now.
   * @param data - x (N, 2), y (N, 1) labels in {0, 1}, once loaded; if it rejects, training fails with its error
   * @throws CliError when the task module has not been built
   */
  constructor(data: Promise<DataSplit>, options: RegularizationPoolOptions) {
    const module = pathToFileURL(options.workerFile ?? builtWorkerFile('regularization-worker.js')).href;
    this.task = { module, export: 'trainRegularizationTask' };
    const plain = (t: DataSplit['trainX']) => ({ data: t.data, shape: t.shape });
    const workerData: Promise<PlainDataSplit> = data.then((split) => ({
      trainX: plain(split.trainX),
      trainY: plain(split.trainY),
      testX: plain(split.testX),
      testY: plain(split.testY),
    }));
    this.pool = new WorkerPool({ size: Math.max(1, Math.floor(options.workers)), workerData, preload: [module] });
    this.pool.warmUp();
  }

  /**
   * Trains the experiment's models on the threads and returns them in the order of `jobs`. The
   * slowest model (dropout) starts first, so that it does not start last. Every job seeds its own
   * generator, so the models are bit for bit those the main thread trains one by one.
   * @throws WorkerError (one line naming the model and the worker) when a training throws, or its
   *   thread exits, crashes or runs out of memory; the other threads are stopped
   */
  async train(jobs: readonly RegularizationModelJob[], hooks: RegularizationTrainingHooks = {}): Promise<RegularizationModel[]> {
    const cost = (job: RegularizationModelJob) => job.numIterations * (job.spec.keepProb < 1 ? DROPOUT_COST : 1);
    const order = [...jobs].sort((a, b) => cost(b) - cost(a) || a.index - b.index);
    const models = new Map<RegularizationModelJob, RegularizationModel>();
    await Promise.all(
      order.map(async (job) => {
        const input: RegularizationTask = { job };
        const model = await this.pool.run<RegularizationModel>({
          task: this.task,
          input,
          label: `training ${job.spec.name}`,
          onStart: () => hooks.onStart?.(job),
          onMessage: (message) => hooks.onProgress?.(job, message as RegularizationTaskProgress),
        });
        models.set(job, model);
        hooks.onModel?.(job, model);
      }),
    );
    return jobs.map((job) => models.get(job) as RegularizationModel);
  }

  /** Each thread's start, jobs and CPU time so far (see `WorkerPool.timeline`). */
  timeline(): PoolTimeline {
    return this.pool.timeline();
  }

  /** Stops the threads; a training still running fails. */
  close(): Promise<void> {
    return this.pool.close();
  }
}
