import { resolve } from 'node:path';
import { resolveWorkerCount, startQueueWorker } from '@lab/trainer/node';
import type { CommandContext } from '../command-context';
import { reportInterrupt } from '../interrupt';
import { labPackageVersions } from '../lab-packages';
import { queueUrlOf } from '../queue-url-option';

/** Options of `lab worker`, as commander parsed them. */
export interface WorkerOptions {
  /** A URL, or `true` for a bare `--queue` (the URL is then LAB_QUEUE_URL). */
  readonly queue: string | true;
  readonly workers?: number;
  readonly dataDir: string;
  readonly lockMs: number;
  readonly stalledCheckMs: number;
  readonly quiet?: boolean;
}

/**
 * `lab worker --queue URL`: takes sweep trials from the queue and runs them on `--workers`
 * threads until stopped. The first SIGINT/SIGTERM stops taking trials and ends once the running
 * ones are done; a second abandons them (the queue gives them to another worker once their lock
 * runs out) and exits at once. Without signal hooks (tests in-process) it returns at once,
 * leaving the worker running until the process ends.
 * @throws ConfigError for a bad URL or an unreachable server (one line, the password never shown)
 */
export async function workerCommand(options: WorkerOptions, context: CommandContext): Promise<void> {
  const { io } = context;
  const log = (text: string) => {
    if (options.quiet !== true) io.stderr.write(`${text}\n`);
  };
  // No trial count to cap at: a worker serves sweeps of any size.
  const { count, note } = resolveWorkerCount(options.workers, Number.POSITIVE_INFINITY, 'trial');
  if (note !== undefined) log(`lab: note: ${note}`);
  const worker = await startQueueWorker({
    url: queueUrlOf(options.queue, io.env),
    threads: count,
    dataDir: resolve(io.cwd, options.dataDir),
    lockDurationMs: options.lockMs,
    stalledIntervalMs: options.stalledCheckMs,
    packages: labPackageVersions(),
    onJob: (event) => log(`${event.job}: ${event.kind}${event.detail === undefined ? '' : ` (${event.detail})`}`),
  });
  log(`lab worker ${worker.name}: taking trials from ${worker.display} on ${count} thread${count === 1 ? '' : 's'}`);
  const hooks = io.signals;
  if (hooks === undefined) return;
  await new Promise<void>((done) => {
    let stopping = false;
    const onSignal = (signal: 'SIGINT' | 'SIGTERM') => {
      if (stopping) {
        hooks.exit(reportInterrupt(signal, io.stderr, io.env));
        return;
      }
      stopping = true;
      log(
        `lab worker ${worker.name}: stopping after the running trials (${signal === 'SIGINT' ? 'Ctrl-C' : 'SIGTERM'} again to abandon them)`,
      );
      void worker.close().then(done, done);
    };
    hooks.process.on('SIGINT', () => onSignal('SIGINT'));
    hooks.process.on('SIGTERM', () => onSignal('SIGTERM'));
  });
}
