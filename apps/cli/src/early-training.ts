import type { RegularizationModel } from '@lab/experiment-regularization';
import type { RegularizationData } from '@lab/experiment-regularization/data';
import { planRegularizationModels, type RegularizationModelJob, type RegularizationPlanOptions } from '@lab/experiment-regularization/jobs';
import type { PoolTimeline } from '@lab/trainer/node';
import type { RegularizationPool, RegularizationTrainingHooks } from './regularization-pool';
import { tierUpLater } from './tier-up-flags';

/** The trainings as started: their jobs, when, and the models to come. */
interface Started {
  readonly jobs: readonly RegularizationModelJob[];
  /** When the jobs went to the threads, on the clock given to {@link EarlyTraining}. */
  readonly at: number;
  readonly models: Promise<RegularizationModel[]>;
}

/**
 * The regularization experiment's trainings, handed to the pool's threads as soon as the data is
 * loaded: before the rest of the command (the record, the report, the progress display) has
 * loaded on the main thread, which takes a few tenths of a second that the threads would
 * otherwise spend waiting. What the trainings report until the command listens
 * ({@link listen}) is kept, and handed over in order when it does.
 */
export class EarlyTraining {
  private readonly started: Promise<Started>;
  private hooks: RegularizationTrainingHooks | undefined;
  private readonly kept: ((hooks: RegularizationTrainingHooks) => void)[] = [];

  /**
   * Plans the jobs (`planRegularizationModels` with `plan` and the loaded data set) and starts them
   * on `pool` once `loading` resolves.
   * @param now - clock in milliseconds, for {@link startedAt}
   */
  constructor(
    private readonly pool: Pick<RegularizationPool, 'train' | 'timeline' | 'close'>,
    loading: Promise<RegularizationData>,
    plan: Omit<RegularizationPlanOptions, 'dataset'>,
    now: () => number = () => performance.now(),
  ) {
    const relay: RegularizationTrainingHooks = {
      onStart: (job) => this.emit((hooks) => hooks.onStart?.(job)),
      onProgress: (job, progress) => {
        // A thousand steps in, the training loops are optimized: from now on V8 optimizes later.
        if (progress.iteration >= 1000) tierUpLater();
        this.emit((hooks) => hooks.onProgress?.(job, progress));
      },
      onModel: (job, model) => this.emit((hooks) => hooks.onModel?.(job, model)),
    };
    this.started = loading.then(({ dataset }) => {
      const jobs = planRegularizationModels({ ...plan, dataset });
      const models = pool.train(jobs, relay);
      // Reported by `modelsFor`; a command that fails before asking (e.g. `--out` refused) closes the pool.
      models.catch(() => undefined);
      return { jobs, at: now(), models };
    });
    // A data error is reported where the command awaits the data.
    this.started.catch(() => undefined);
  }

  /** When the jobs went to the threads (on the constructor's clock), once the data is loaded. */
  async startedAt(): Promise<number> {
    return (await this.started).at;
  }

  /** From now on, calls `hooks` — after what the trainings reported so far, in order. */
  listen(hooks: RegularizationTrainingHooks): void {
    this.hooks = hooks;
    for (const call of this.kept.splice(0)) call(hooks);
  }

  /**
   * The trained models, in the order of `jobs`.
   * @param jobs - the experiment's plan: must be the jobs started (the same options give the same plan)
   * @throws Error when `jobs` differ from the jobs started; WorkerError when a training failed
   */
  async modelsFor(jobs: readonly RegularizationModelJob[]): Promise<RegularizationModel[]> {
    const started = await this.started;
    if (JSON.stringify(jobs) !== JSON.stringify(started.jobs)) {
      throw new Error('EarlyTraining: the experiment planned other jobs than the ones started on the threads');
    }
    return started.models;
  }

  /** Each thread's start, jobs and CPU time so far (see `WorkerPool.timeline`). */
  timeline(): PoolTimeline {
    return this.pool.timeline();
  }

  /** Stops the threads (see `RegularizationPool.close`); a training still running fails. */
  close(): Promise<void> {
    return this.pool.close();
  }

  private emit(call: (hooks: RegularizationTrainingHooks) => void): void {
    if (this.hooks === undefined) this.kept.push(call);
    else call(this.hooks);
  }
}
