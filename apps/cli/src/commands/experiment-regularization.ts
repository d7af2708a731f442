import { COURSE_MODELS } from '@lab/experiment-regularization/defaults';
import { resolveWorkerCount } from '@lab/trainer/pool';
import type { CommandContext } from '../command-context';
import { EarlyTraining } from '../early-training';
import { RegularizationPool } from '../regularization-pool';

/** Options of `lab experiment regularization`, as commander parsed them. */
export interface ExperimentRegularizationOptions {
  readonly data?: string;
  readonly out: string;
  readonly seed: number;
  /** Seed of the built-in football-field set (ignored with --data). */
  readonly dataSeed: number;
  /** Iterations per model; the course's 30000 when undefined. */
  readonly iterations?: number;
  /** Worker threads for the three trainings; default one per core; 1 trains them one by one on the main thread. */
  readonly workers?: number;
  readonly json?: boolean;
  readonly quiet?: boolean;
  /** `--html`: also write report.html, the report with interactive figures. */
  readonly html?: boolean;
}

/**
 * `lab experiment regularization`: trains the course's three models (no regularization, L2,
 * dropout) on the football data — at the same time on `--workers` threads, or one by one on the
 * main thread with `--workers 1`, with the same results to the bit — writes `run.json` and the
 * report into `--out`, and prints the results table (or, with `--json`, one JSON summary).
 *
 * What takes time besides the training is loading modules, so the work starts in this order: the
 * threads (from `@lab/trainer/pool`, which loads nothing of the trainer; each thread loads the
 * training alone), then the data (a small module), then the experiment's and the report's modules
 * (see `runRegularizationCommand`), which load while the threads train: the jobs go to the
 * threads as soon as the data is loaded (see `EarlyTraining`).
 * @throws DatasetError for a missing or corrupt `--data` file; CliError when `--out` cannot be written;
 *   InterruptedError when Ctrl-C stops the training on the main thread
 */
export async function experimentRegularization(options: ExperimentRegularizationOptions, context: CommandContext): Promise<void> {
  const { io } = context;
  const chatty = options.quiet !== true && options.json !== true;
  // One thread per core by default, never more than there are models (said so when asked for more).
  const { count: workers, note: capped } = resolveWorkerCount(options.workers, COURSE_MODELS.length, 'training');
  if (chatty && capped !== undefined) io.stderr.write(`lab: note: ${capped}\n`);
  const data = import('@lab/experiment-regularization/data').then(({ loadRegularizationData }) =>
    loadRegularizationData(options.data, options.dataSeed, io.cwd),
  );
  // Reported where it is awaited, after `--out` is checked; not unhandled meanwhile.
  data.catch(() => undefined);
  const pool =
    workers === 1
      ? undefined
      : new RegularizationPool(
          data.then((loaded) => loaded.data),
          { workers },
        );
  // The jobs go to the threads as soon as the data is loaded, while the rest loads here.
  const training = pool && new EarlyTraining(pool, data, { seed: options.seed, numIterations: options.iterations });
  try {
    const { runRegularizationCommand } = await import('../regularization-run');
    await runRegularizationCommand(options, context, data, training);
  } finally {
    await pool?.close();
  }
}
