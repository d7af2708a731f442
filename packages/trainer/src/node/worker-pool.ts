import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type ResourceLimits, Worker } from 'node:worker_threads';
import { StateError } from '@lab/tensor';
import type { JobStats, PoolWorkerData, RunMessage, SharedMessage, WorkerMessage } from './pool-protocol';
import type { JobTimeline, PoolTimeline, WorkerTimeline } from './pool-timeline';
import type { PoolTask } from './task-context';
import { firstLine, WorkerError } from './worker-error';

/** Options of {@link WorkerPool}. */
export interface WorkerPoolOptions {
  /** Threads, ≥ 1 (see `resolveWorkerCount`); started as jobs arrive. */
  readonly size: number;
  /**
   * Structured-cloned to every thread once, as the tasks' `context.workerData` (e.g. a data set).
   * A promise lets the threads start (and preload) while it is still being made: each thread gets
   * the value when it resolves, and its jobs wait for it; if it rejects, every job fails with its error.
   */
  readonly workerData?: unknown;
  /** Module specifiers (`file:` URLs, …) each thread imports as it starts, before its first job. */
  readonly preload?: readonly string[];
  /** Each thread's limits; a thread over `maxOldGenerationSizeMb` fails its job with "out of memory". */
  readonly resourceLimits?: ResourceLimits;
  /** The thread script; default `dist/pool-worker.js` of this package. */
  readonly workerFile?: string;
  /** How threads are named in messages, from their number (1, 2, …); default `worker <n>`. */
  readonly workerName?: (n: number) => string;
}

/** One job for the pool: a task function (by module and export) and its input. */
export interface PoolJob {
  readonly task: PoolTask;
  /** Structured-cloned to the thread: keep it JSON-like. */
  readonly input: unknown;
  /** Names the job in errors: `trial t0003`, `training deep-mlp/none`. */
  readonly label: string;
  /** The thread is stopped, and the job fails, when it has not answered after this long. */
  readonly deadlineMs?: number;
  /** What the task `post`s while it runs. */
  readonly onMessage?: (data: unknown) => void;
  /** Called when a thread takes the job, with the thread's name (`worker 2`). */
  readonly onStart?: (worker: string) => void;
  /**
   * The task does not read `context.workerData`: when the pool's workerData is a promise, the job
   * may run before it resolves (it then sees undefined) instead of waiting for it.
   */
  readonly withoutWorkerData?: boolean;
}

/** A job in flight: its result, and a way to ask it to stop early (the task sees `stopRequested()`). */
export interface RunningJob<O> {
  readonly result: Promise<O>;
  requestStop(): void;
}

interface Slot {
  readonly index: number;
  readonly worker: Worker;
  readonly stop: Int32Array;
  job: Queued | null;
  timer: ReturnType<typeof setTimeout> | null;
  readonly timeline: { spawnedAt: number; readyAt?: number; preloadMs?: number; cpuMs?: number; jobs: JobTimeline[] };
}

interface Queued {
  readonly id: number;
  readonly job: PoolJob;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  stopRequested: boolean;
  slot: Slot | null;
  sentAt: number;
}

/**
 * A pool of worker threads that runs jobs (a module-resolvable task function + structured-clone
 * input), first come first served, and fails loudly: the first job whose task throws, whose
 * thread exits, crashes or runs out of memory, or that misses its deadline, rejects with a
 * {@link WorkerError} naming the job and the worker, and the pool stops every thread and fails
 * every other job. Results come back per job, so any number of threads gives the same results
 * for tasks that depend only on their input.
 */
export class WorkerPool {
  readonly size: number;
  private readonly options: WorkerPoolOptions;
  private readonly workerFile: string;
  private readonly slots: Slot[] = [];
  private readonly queue: Queued[] = [];
  private nextId = 0;
  private firstFailure: Error | null = null;
  private closing = false;
  /** The pool's clock origin (epoch ms), and the data when it was given as a promise. */
  private readonly origin = performance.timeOrigin + performance.now();
  private shared: { settled: false } | { settled: true; value: unknown } = { settled: true, value: undefined };

  constructor(options: WorkerPoolOptions) {
    if (!Number.isInteger(options.size) || options.size < 1)
      throw new StateError(`WorkerPool: size must be an integer >= 1, got ${options.size}`);
    this.size = options.size;
    this.options = options;
    this.workerFile = options.workerFile ?? poolWorkerFile();
    const data = options.workerData;
    if (isPromiseLike(data)) {
      this.shared = { settled: false };
      Promise.resolve(data).then(
        (value) => {
          this.shared = { settled: true, value };
          const message: SharedMessage = { kind: 'shared', data: value };
          for (const slot of this.slots) slot.worker.postMessage(message);
        },
        (error: unknown) => this.failWith(error instanceof Error ? error : new Error(String(error))),
      );
    } else {
      this.shared = { settled: true, value: data };
    }
  }

  /**
   * Starts every thread now rather than as jobs arrive, so that their start-up (and `preload`)
   * overlaps with what the caller does before it has jobs (loading data for `workerData`).
   */
  warmUp(): void {
    while (this.slots.length < this.size && this.firstFailure === null && !this.closing) this.spawn();
  }

  /**
   * What every thread did so far: when it was started and ready, each job's hand-over, start and
   * end (measured in the thread), and the thread's CPU time; milliseconds since the pool was made.
   */
  timeline(): PoolTimeline {
    const workers: WorkerTimeline[] = this.slots.map((slot) => ({
      name: this.workerName(slot),
      ...slot.timeline,
      jobs: [...slot.timeline.jobs],
    }));
    return { origin: this.origin, workers };
  }

  /** The error that stopped the pool (the first job to fail, or its workerData), or null while it runs. */
  get failure(): Error | null {
    return this.firstFailure;
  }

  /** Runs one job; resolves with what the task returned. */
  run<O>(job: PoolJob): Promise<O> {
    return this.start<O>(job).result;
  }

  /** Starts one job (queued until a thread is free). */
  start<O>(job: PoolJob): RunningJob<O> {
    let entry: Queued | undefined;
    const result = new Promise<O>((resolve, reject) => {
      entry = {
        id: this.nextId++,
        job,
        resolve: resolve as (v: unknown) => void,
        reject,
        stopRequested: false,
        slot: null,
        sentAt: 0,
      };
    });
    const queued = entry as unknown as Queued;
    if (this.firstFailure !== null || this.closing) {
      queued.reject(this.firstFailure ?? new StateError('WorkerPool: closed'));
    } else {
      this.queue.push(queued);
      this.dispatch();
    }
    return {
      result,
      requestStop: () => {
        queued.stopRequested = true;
        if (queued.slot !== null) Atomics.store(queued.slot.stop, 0, 1);
      },
    };
  }

  /** Stops every thread at once; jobs still queued or running fail. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.abortAll(new StateError('WorkerPool: closed'));
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0 && this.firstFailure === null && !this.closing) {
      let slot = this.slots.find((s) => s.job === null);
      if (slot === undefined) {
        if (this.slots.length >= this.size) return;
        slot = this.spawn();
      }
      const queued = this.queue.shift() as Queued;
      slot.job = queued;
      queued.slot = slot;
      Atomics.store(slot.stop, 0, queued.stopRequested ? 1 : 0);
      const { job } = queued;
      if (job.deadlineMs !== undefined) {
        const seconds = Math.round(job.deadlineMs / 100) / 10;
        const owner = slot;
        owner.timer = setTimeout(() => {
          this.fail(
            new WorkerError(
              job.label,
              this.workerName(owner),
              'deadline',
              `did not finish within its deadline of ${seconds} s; stopped it`,
            ),
            owner,
          );
        }, job.deadlineMs);
      }
      job.onStart?.(this.workerName(slot));
      queued.sentAt = this.clock();
      const message: RunMessage = {
        kind: 'run',
        id: queued.id,
        module: job.task.module,
        export: job.task.export,
        input: job.input,
        waitForShared: job.withoutWorkerData !== true,
      };
      slot.worker.postMessage(message);
    }
  }

  private spawn(): Slot {
    const stopFlag = new SharedArrayBuffer(4);
    const data: PoolWorkerData = {
      stopFlag,
      shared: this.shared.settled ? this.shared.value : undefined,
      sharedLater: !this.shared.settled,
      preload: this.options.preload ?? [],
    };
    const spawnedAt = this.clock();
    const worker = new Worker(this.workerFile, { workerData: data, resourceLimits: this.options.resourceLimits });
    const slot: Slot = {
      index: this.slots.length,
      worker,
      stop: new Int32Array(stopFlag),
      job: null,
      timer: null,
      timeline: { spawnedAt, jobs: [] },
    };
    this.slots.push(slot);
    worker.on('message', (message: WorkerMessage) => this.onMessage(slot, message));
    worker.on('error', (error: Error & { code?: string }) => {
      const label = slot.job?.job.label ?? 'no job';
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        const limit = this.options.resourceLimits?.maxOldGenerationSizeMb;
        this.fail(
          new WorkerError(
            label,
            this.workerName(slot),
            'out of memory',
            `ran out of memory${limit === undefined ? '' : ` (heap limit ${limit} MB)`}`,
          ),
          slot,
        );
      } else {
        this.fail(
          new WorkerError(
            label,
            this.workerName(slot),
            'crashed',
            `the thread crashed: ${error.name}: ${firstLine(error.message)}`,
            error.stack,
          ),
          slot,
        );
      }
    });
    worker.on('exit', (code) => {
      if (this.closing || this.firstFailure !== null) return;
      this.fail(new WorkerError(slot.job?.job.label ?? 'no job', this.workerName(slot), 'exited', `exited with code ${code}`), slot);
    });
    return slot;
  }

  private onMessage(slot: Slot, message: WorkerMessage): void {
    if (message.kind === 'ready') {
      slot.timeline.readyAt = message.at - this.origin;
      slot.timeline.preloadMs = message.preloadMs;
      if (message.cpuMs !== undefined) slot.timeline.cpuMs = message.cpuMs;
      return;
    }
    const queued = slot.job;
    if (queued === null || queued.id !== message.id) return;
    if (message.kind === 'post') {
      queued.job.onMessage?.(message.data);
      return;
    }
    if (message.kind === 'failed') {
      const { error } = message;
      const detail = error.labError ? firstLine(error.message) : `threw ${error.name}: ${firstLine(error.message)}`;
      this.fail(new WorkerError(queued.job.label, this.workerName(slot), 'threw', detail, error.stack), slot);
      return;
    }
    this.record(slot, queued, message.stats);
    this.release(slot);
    queued.resolve(message.value);
    this.dispatch();
  }

  private clock(): number {
    return performance.timeOrigin + performance.now() - this.origin;
  }

  private record(slot: Slot, queued: Queued, stats: JobStats): void {
    const { cpuStartMs, cpuEndMs } = stats;
    slot.timeline.jobs.push({
      label: queued.job.label,
      sentAt: queued.sentAt,
      startedAt: stats.startedAt - this.origin,
      endedAt: stats.endedAt - this.origin,
      receivedAt: this.clock(),
      importMs: stats.importMs,
      ...(cpuStartMs === undefined || cpuEndMs === undefined ? {} : { cpuMs: cpuEndMs - cpuStartMs }),
    });
    if (cpuEndMs !== undefined) slot.timeline.cpuMs = cpuEndMs;
  }

  private workerName(slot: Slot): string {
    return this.options.workerName?.(slot.index + 1) ?? `worker ${slot.index + 1}`;
  }

  private release(slot: Slot): void {
    if (slot.timer !== null) clearTimeout(slot.timer);
    slot.timer = null;
    if (slot.job !== null) slot.job.slot = null;
    slot.job = null;
  }

  /** The first failure wins: its job gets the error, every other job a note that the pool stopped, every thread is stopped. */
  private fail(error: WorkerError, slot: Slot): void {
    if (this.firstFailure !== null || this.closing) return;
    this.firstFailure = error;
    const failed = slot.job;
    this.release(slot);
    failed?.reject(error);
    // A thread that failed between jobs (at start-up) has no job to blame: the others carry its error.
    this.abortAll(failed === null ? error : new StateError(`WorkerPool: stopped after ${error.message}`));
    for (const other of this.slots) void other.worker.terminate();
  }

  /** A failure of the pool itself (its workerData promise rejected): every job fails with it. */
  private failWith(error: Error): void {
    if (this.firstFailure !== null || this.closing) return;
    this.firstFailure = error;
    this.abortAll(error);
    for (const slot of this.slots) void slot.worker.terminate();
  }

  private abortAll(error: Error): void {
    for (const slot of this.slots) {
      const queued = slot.job;
      this.release(slot);
      queued?.reject(error);
    }
    for (const queued of this.queue.splice(0)) queued.reject(error);
  }
}

/**
 * The built thread script, `dist/pool-worker.js`: beside this module once built, or in `../../dist`
 * when this module runs from `src/node` (tests).
 * @throws StateError when the package has not been built
 */
export function poolWorkerFile(): string {
  const candidates = [new URL('./pool-worker.js', import.meta.url), new URL('../../dist/pool-worker.js', import.meta.url)];
  for (const candidate of candidates) {
    const path = fileURLToPath(candidate);
    if (existsSync(path)) return path;
  }
  throw new StateError('WorkerPool: the thread script (dist/pool-worker.js) is missing; build @lab/trainer first');
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
