import { parseRunConfig } from '../config/run-config';
import type { TrialExecutor, TrialHooks } from '../sweep/run-sweep';
import type { TrialOutcome, TrialSpec } from '../sweep/trial';
import type { CheckedSweepTrialInput } from './checked-trial';
import type { PoolTimeline } from './pool-timeline';
import { startSweepPool } from './sweep-pool';
import type { RungMessage, SweepTrialOutput } from './sweep-trial';
import { sweepTrialTask } from './sweep-trial-task';
import type { PoolTask } from './task-context';
import { runDeadlineSeconds } from './trial-deadline';
import type { RunningJob, WorkerPool } from './worker-pool';

/** What a {@link ThreadExecutor} uses of its pool (any `WorkerPool`, from `@lab/trainer/node` or `@lab/trainer/pool`). */
export type TrialPool = Pick<WorkerPool, 'size' | 'start' | 'timeline' | 'close' | 'failure'>;

/** Options of {@link ThreadExecutor}. */
export interface ThreadExecutorOptions {
  /** Threads (see `resolveWorkerCount`). */
  readonly workers: number;
  /** Where relative data paths in the trials' configs resolve: the sweep config's folder. */
  readonly dataDir: string;
  /** Heap limit per thread; default: half the machine's memory shared among the threads, at most 4 GB. */
  readonly memoryLimitMb?: number;
  /** Per-trial deadline; default {@link trialDeadlineSeconds} of the trial's config. */
  readonly deadlineSeconds?: number;
  /** @lab package versions for the records' environment. */
  readonly packages?: Readonly<Record<string, string>>;
  /**
   * The task run per trial; default `runCheckedSweepTrial` of this package. Its input is a
   * `CheckedSweepTrialInput`: the executor checks each trial's config here, so the task need not
   * check it again.
   */
  readonly task?: PoolTask;
  readonly workerFile?: string;
  /**
   * Threads already started by `startSweepPool` with the same `workers` (and `task`, `workerFile`,
   * `memoryLimitMb`), e.g. before the caller loaded the rest of the trainer; the executor then
   * runs the trials on them, and closes them. Default: it starts its own.
   */
  readonly pool?: TrialPool;
}

/**
 * Runs sweep trials on a {@link WorkerPool} of this machine's threads: the embedded default of
 * `lab sweep` (`--workers N`). Fails loudly: a trial that throws, a thread that exits, runs out of
 * memory or misses its deadline ends the sweep with one {@link WorkerError}, the other threads stopped.
 *
 * The threads start (and import the trial task) as soon as the executor is made, and it takes two
 * trials per thread (`slots`): one running, one queued in the pool, so that a thread goes on to its
 * next trial at once while the coordinator journals and saves the previous one. Outcomes do not
 * depend on it: a trial's result is its config's.
 */
export class ThreadExecutor implements TrialExecutor {
  readonly slots: number;
  private readonly pool: TrialPool;
  private readonly options: ThreadExecutorOptions;
  private readonly task: PoolTask;
  private readonly running = new Map<string, RunningJob<SweepTrialOutput>>();

  constructor(options: ThreadExecutorOptions) {
    this.options = options;
    this.slots = 2 * (options.pool?.size ?? options.workers);
    this.task = options.task ?? { ...sweepTrialTask(), export: 'runCheckedSweepTrial' };
    this.pool = options.pool ?? startSweepPool(options);
  }

  /** What each thread did so far (see {@link WorkerPool.timeline}). */
  timeline(): PoolTimeline {
    return this.pool.timeline();
  }

  async run(trial: TrialSpec, hooks: TrialHooks): Promise<TrialOutcome> {
    // Checked here, once, with the schema this module has loaded anyway.
    const config = parseRunConfig(trial.config, `trial ${trial.id}`);
    const input: CheckedSweepTrialInput = {
      id: trial.id,
      config,
      rungs: trial.rungs,
      dataDir: this.options.dataDir,
      packages: this.options.packages,
    };
    let worker: string | undefined;
    const job = this.pool.start<SweepTrialOutput>({
      task: this.task,
      input,
      label: `trial ${trial.id}`,
      deadlineMs: 1000 * (this.options.deadlineSeconds ?? runDeadlineSeconds(config)),
      onStart: (name) => {
        worker = name;
      },
      onMessage: (data) => {
        const rung = (data as Partial<RungMessage>).rung;
        if (rung !== undefined) hooks.onRung(rung);
      },
    });
    this.running.set(trial.id, job);
    try {
      const output = await job.result;
      return { ...output, worker };
    } catch (error) {
      const { failure } = this.pool;
      // Stopped because another trial failed: that trial's error ends the sweep, not this one's
      // note (which could otherwise win the coordinator's race and name the wrong trial).
      if (failure !== null && error !== failure) return new Promise<TrialOutcome>(() => undefined);
      throw error;
    } finally {
      this.running.delete(trial.id);
    }
  }

  stop(trialId: string): void {
    this.running.get(trialId)?.requestStop();
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
