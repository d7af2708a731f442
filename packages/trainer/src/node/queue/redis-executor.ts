import type { Job, Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import type { TrialExecutor, TrialHooks } from '../../sweep/run-sweep';
import type { TrialOutcome, TrialSpec } from '../../sweep/trial';
import { trialDeadlineSeconds } from '../trial-deadline';
import { WorkerError } from '../worker-error';
import { checkQueueServer, loadQueueModules } from './load-bullmq';
import { ioredisOptions, parseQueueUrl } from './queue-url';
import { DEFAULT_QUEUE_NAME, oneLine, rungProgressSchema, type TrialJob, trialJobResultSchema } from './trial-job';

/** Options of {@link RedisExecutor.connect}. */
export interface RedisExecutorOptions {
  /** `redis://[:password@]host:port[/db]` or `rediss://…`. */
  readonly url: string;
  /** The sweep's id, stable across resumes (job ids start with it, so a resumed sweep finds its jobs). */
  readonly sweepId: string;
  readonly queueName?: string;
  /** Per-trial deadline a worker enforces; default {@link trialDeadlineSeconds} of the trial's config. */
  readonly deadlineSeconds?: number;
  /** How often in-flight jobs are looked up, in case an event was missed. Default 2000 ms. */
  readonly reconcileMs?: number;
}

interface InFlight {
  readonly trial: TrialSpec;
  readonly hooks: TrialHooks;
  readonly resolve: (outcome: TrialOutcome) => void;
  readonly reject: (error: unknown) => void;
}

/** Seconds a stop key lives: long enough for any rung to see it, short enough to clean itself up. */
const STOP_KEY_SECONDS = 24 * 3600;

/**
 * Runs sweep trials on `lab worker` processes through a BullMQ queue on Redis: one job per trial
 * (job id `<sweepId>-<trialId>`, so a trial is queued once even when a resumed coordinator adds
 * it again), results and rung reports back through the queue's events. Jobs a worker dies on
 * are retried by another worker (BullMQ's stalled jobs); a job that fails ends the sweep with one
 * line naming the trial and the worker. The coordinator's journal stays the single source of
 * truth: a result delivered twice is recorded once.
 */
export class RedisExecutor implements TrialExecutor {
  /** Every trial is queued at once: the workers, however many, take them in order. */
  readonly slots = 100_000;
  /** The URL as it may be printed (no password). */
  readonly display: string;
  private readonly queue: Queue;
  private readonly events: QueueEvents;
  /** For the stop keys early termination sets. */
  private readonly redis: Redis;
  private readonly options: RedisExecutorOptions;
  private readonly inFlight = new Map<string, InFlight>();
  /** Jobs whose result came back: removed from Redis when the executor closes. */
  private readonly finished = new Set<string>();
  private readonly timer: ReturnType<typeof setInterval>;
  private closed = false;

  private constructor(options: RedisExecutorOptions, display: string, queue: Queue, events: QueueEvents, redis: Redis) {
    this.options = options;
    this.display = display;
    this.queue = queue;
    this.events = events;
    this.redis = redis;
    events.on('completed', ({ jobId, returnvalue }) => this.completed(jobId, returnvalue));
    events.on('failed', ({ jobId, failedReason }) => void this.failed(jobId, failedReason));
    events.on('progress', ({ jobId, data }) => this.progress(jobId, data));
    this.timer = setInterval(() => void this.reconcile(), options.reconcileMs ?? 2000);
  }

  /**
   * Checks the server (one line at once if it cannot be reached or refuses the password) and
   * starts listening to the queue's events.
   * @throws ConfigError for a bad URL, an unreachable server or missing bullmq/ioredis
   */
  static async connect(options: RedisExecutorOptions): Promise<RedisExecutor> {
    const connection = parseQueueUrl(options.url);
    const modules = await loadQueueModules();
    const redis = ioredisOptions(connection);
    await checkQueueServer(modules, redis, connection.display);
    const name = options.queueName ?? DEFAULT_QUEUE_NAME;
    const queue = new modules.bullmq.Queue(name, { connection: redis });
    const events = new modules.bullmq.QueueEvents(name, { connection: redis });
    queue.on('error', () => undefined);
    events.on('error', () => undefined);
    const client = new modules.Redis({ ...redis, maxRetriesPerRequest: 1 });
    client.on('error', () => undefined);
    await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
    return new RedisExecutor(options, connection.display, queue, events, client);
  }

  async run(trial: TrialSpec, hooks: TrialHooks): Promise<TrialOutcome> {
    const jobId = this.jobId(trial.id);
    const outcome = new Promise<TrialOutcome>((resolve, reject) => this.inFlight.set(jobId, { trial, hooks, resolve, reject }));
    // A failure can come while the job is still being added; the caller sees it when this resolves.
    outcome.catch(() => undefined);
    const data: TrialJob = {
      v: 1,
      sweep: this.options.sweepId,
      trial: {
        id: trial.id,
        config: trial.config,
        ...(trial.rungs === undefined ? {} : { rungs: trial.rungs }),
        deadlineSeconds: this.options.deadlineSeconds ?? trialDeadlineSeconds(trial.config),
      },
    };
    // A job left failed by an earlier run of this sweep is queued afresh; one still waiting, running
    // or done (a coordinator that crashed after queueing it) is taken as it is.
    const existing = await this.queue.getJob(jobId);
    if (existing !== undefined && (await existing.getState()) === 'failed') await existing.remove();
    await this.queue.add('trial', data, { jobId, removeOnComplete: false, removeOnFail: false, attempts: 1 });
    await this.settleFromStore(jobId);
    return outcome;
  }

  stop(trialId: string): void {
    void this.redis.set(this.stopKey(this.jobId(trialId)), '1', 'EX', STOP_KEY_SECONDS).catch(() => undefined);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    const pending = [...this.inFlight.keys()];
    this.inFlight.clear();
    // Trials still queued are taken off the queue, running ones asked to stop: the workers move on.
    await Promise.all(
      pending.map(async (jobId) => {
        const job = await this.queue.getJob(jobId).catch(() => undefined);
        const state = await job?.getState().catch(() => undefined);
        if (state === 'active') await this.redis.set(this.stopKey(jobId), '1', 'EX', STOP_KEY_SECONDS).catch(() => undefined);
        else await job?.remove().catch(() => undefined);
      }),
    );
    // Results are in the coordinator's journal now: Redis need not keep them.
    await Promise.all([...this.finished].map((jobId) => this.queue.remove(jobId).catch(() => 0)));
    await Promise.allSettled([this.events.close(), this.queue.close()]);
    this.redis.disconnect();
  }

  private jobId(trialId: string): string {
    return `${this.options.sweepId}-${trialId}`;
  }

  private stopKey(jobId: string): string {
    return `lab:stop:${jobId}`;
  }

  private completed(jobId: string, returnvalue: unknown): void {
    const entry = this.inFlight.get(jobId);
    if (entry === undefined) return;
    this.inFlight.delete(jobId);
    const result = trialJobResultSchema.safeParse(returnvalue);
    if (!result.success) {
      const issue = result.error.issues[0];
      entry.reject(
        new WorkerError(
          `trial ${entry.trial.id}`,
          'a lab worker',
          'threw',
          `sent a malformed result: ${issue?.path.join('.')}: ${issue?.message}`,
        ),
      );
      return;
    }
    const { worker, ...rest } = result.data;
    this.finished.add(jobId);
    entry.resolve({ ...rest, worker: oneLine(worker) });
  }

  private async failed(jobId: string, failedReason: string): Promise<void> {
    const entry = this.inFlight.get(jobId);
    if (entry === undefined) return;
    this.inFlight.delete(jobId);
    const job: Job | undefined = await this.queue.getJob(jobId).catch(() => undefined);
    const reason = oneLine(failedReason);
    // A worker's own failures already name the trial and the worker; BullMQ's (a job that stalled
    // too often: its workers died) name neither.
    const prefix = `trial ${entry.trial.id} on `;
    if (reason.startsWith(prefix)) {
      const rest = reason.slice(prefix.length);
      const at = rest.indexOf(': ');
      entry.reject(new WorkerError(`trial ${entry.trial.id}`, rest.slice(0, at), 'threw', rest.slice(at + 2)));
    } else {
      const worker = job?.processedBy === undefined ? 'a lab worker' : oneLine(job.processedBy);
      entry.reject(new WorkerError(`trial ${entry.trial.id}`, worker, 'stalled', reason));
    }
  }

  private progress(jobId: string, data: unknown): void {
    const entry = this.inFlight.get(jobId);
    const parsed = rungProgressSchema.safeParse(data);
    if (entry !== undefined && parsed.success) entry.hooks.onRung(parsed.data.rung);
  }

  /** Settles jobs whose end an event did not report (finished before the events were read, or an event lost). */
  private async reconcile(): Promise<void> {
    for (const jobId of [...this.inFlight.keys()]) await this.settleFromStore(jobId).catch(() => undefined);
  }

  private async settleFromStore(jobId: string): Promise<void> {
    if (!this.inFlight.has(jobId)) return;
    const state = await this.queue.getJobState(jobId);
    if (state !== 'completed' && state !== 'failed') return;
    // Read the job after its state: a job read before it finished has no return value yet.
    const job = await this.queue.getJob(jobId);
    if (job === undefined) return;
    if (state === 'completed' && job.returnvalue !== null && job.returnvalue !== undefined) this.completed(jobId, job.returnvalue);
    else if (state === 'failed') await this.failed(jobId, job.failedReason ?? 'failed');
  }
}
