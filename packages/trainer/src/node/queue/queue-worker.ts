import { hostname } from 'node:os';
import type { Job, Worker } from 'bullmq';
import { defaultMemoryLimitMb } from '../sweep-pool';
import type { SweepTrialInput, SweepTrialOutput } from '../sweep-trial';
import { sweepTrialTask } from '../sweep-trial-task';
import type { PoolTask } from '../task-context';
import { WorkerPool } from '../worker-pool';
import { checkQueueServer, loadQueueModules } from './load-bullmq';
import { ioredisOptions, parseQueueUrl } from './queue-url';
import { DEFAULT_QUEUE_NAME, oneLine, type TrialJobResult, trialJobSchema } from './trial-job';

/** Options of {@link startQueueWorker}. */
export interface QueueWorkerOptions {
  readonly url: string;
  readonly queueName?: string;
  /** Trials at once (threads). */
  readonly threads: number;
  /** Where the jobs' relative data paths resolve; a path leaving it is refused. */
  readonly dataDir: string;
  /** Heap limit per thread; default a share of the machine's memory. */
  readonly memoryLimitMb?: number;
  /**
   * How long a job stays locked to this worker without a renewal (BullMQ `lockDuration`): after it, a
   * job whose worker died goes back to the queue for another. Default 30 000 ms.
   */
  readonly lockDurationMs?: number;
  /** How often this worker looks for jobs whose worker died (BullMQ `stalledInterval`). Default 30 000 ms. */
  readonly stalledIntervalMs?: number;
  /** Times a job may lose its worker before it fails (BullMQ `maxStalledCount`). Default 2. */
  readonly maxStalledCount?: number;
  /** Names this worker in results and errors; default `<host>:<pid>`. */
  readonly name?: string;
  /** @lab package versions for the records' environment. */
  readonly packages?: Readonly<Record<string, string>>;
  /** Told when a job starts and ends, for a log. */
  readonly onJob?: (event: { readonly kind: 'started' | 'finished' | 'failed'; readonly job: string; readonly detail?: string }) => void;
  /** The task each trial runs; default `runSweepTrial`. */
  readonly task?: PoolTask;
}

/** A running queue worker. */
export interface QueueWorker {
  /** The name it reports. */
  readonly name: string;
  /** The URL it listens on, without its password. */
  readonly display: string;
  /** Stops taking jobs, waits for the running ones (or, with `force`, abandons them to other workers) and closes. */
  close(force?: boolean): Promise<void>;
}

/**
 * Starts a `lab worker`: takes trials from the queue, runs each on a thread of its own pool and
 * sends back the outcome and the trial's run record. Every job is untrusted input: checked with
 * {@link trialJobSchema}, then the run config with `lab train`'s schema; data paths must stay in
 * `dataDir`. A trial that fails (throws, its thread exits, runs out of memory, misses the job's
 * deadline) fails its job with one line naming the trial and this worker; the pool is then
 * replaced, and the worker goes on taking jobs.
 * @throws ConfigError for a bad URL or an unreachable server
 */
export async function startQueueWorker(options: QueueWorkerOptions): Promise<QueueWorker> {
  const connection = parseQueueUrl(options.url);
  const modules = await loadQueueModules();
  const redis = ioredisOptions(connection);
  await checkQueueServer(modules, redis, connection.display);
  const name = options.name ?? `${hostname()}:${process.pid}`;
  const task = options.task ?? sweepTrialTask();
  const limits = { maxOldGenerationSizeMb: options.memoryLimitMb ?? defaultMemoryLimitMb(options.threads) };
  let pool = new WorkerPool({ size: options.threads, resourceLimits: limits, workerName: (n) => `${name} worker ${n}` });
  const stopReader = new modules.Redis({ ...redis, maxRetriesPerRequest: 1 });
  stopReader.on('error', () => undefined);

  const processJob = async (job: Job): Promise<TrialJobResult> => {
    const parsed = trialJobSchema.safeParse(job.data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`job ${oneLine(String(job.id))} on ${name}: refused: ${issue?.path.join('.') || '(top level)'}: ${issue?.message}`);
    }
    const { sweep, trial } = parsed.data;
    options.onJob?.({ kind: 'started', job: `trial ${trial.id} of ${sweep}` });
    const input: SweepTrialInput = {
      id: trial.id,
      config: trial.config,
      ...(trial.rungs === undefined ? {} : { rungs: trial.rungs }),
      dataDir: options.dataDir,
      confineData: true,
      packages: options.packages,
    };
    const current = pool;
    const running = current.start<SweepTrialOutput>({
      task,
      input,
      label: `trial ${trial.id}`,
      deadlineMs: trial.deadlineSeconds * 1000,
      onMessage: (data) => {
        void job.updateProgress(data as object).catch(() => undefined);
        // A rung: has the coordinator decided to stop this trial?
        void stopReader
          .get(`lab:stop:${job.id}`)
          .then((flag) => {
            if (flag !== null) running.requestStop();
          })
          .catch(() => undefined);
      },
    });
    try {
      const output = await running.result;
      options.onJob?.({ kind: 'finished', job: `trial ${trial.id} of ${sweep}`, detail: `${output.seconds.toFixed(1)} s` });
      return { metrics: output.metrics, rungs: output.rungs, seconds: output.seconds, worker: name, runRecord: output.runRecord };
    } catch (error) {
      // The pool stops at its first failure: a fresh one takes the next jobs.
      if (pool === current)
        pool = new WorkerPool({ size: options.threads, resourceLimits: limits, workerName: (n) => `${name} worker ${n}` });
      const message = oneLine((error as Error).message);
      options.onJob?.({ kind: 'failed', job: `trial ${trial.id} of ${sweep}`, detail: message });
      throw new Error(message);
    }
  };

  const worker: Worker = new modules.bullmq.Worker(options.queueName ?? DEFAULT_QUEUE_NAME, processJob, {
    connection: redis,
    concurrency: options.threads,
    name,
    lockDuration: options.lockDurationMs ?? 30_000,
    stalledInterval: options.stalledIntervalMs ?? 30_000,
    maxStalledCount: options.maxStalledCount ?? 2,
    // The coordinator removes finished jobs once it has journaled them.
    removeOnComplete: { count: 100_000 },
    removeOnFail: { count: 100_000 },
  });
  worker.on('error', () => undefined);
  await worker.waitUntilReady();
  return {
    name,
    display: connection.display,
    close: async (force = false) => {
      await worker.close(force);
      await pool.close();
      stopReader.disconnect();
    },
  };
}
