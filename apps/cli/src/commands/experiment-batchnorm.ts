import {
  BATCHNORM_EXPERIMENT_DEFAULTS,
  type BatchnormData,
  type BatchnormExperimentConfig,
  loadBatchnormDigits,
  planBatchnormJobs,
  runBatchnormExperiment,
} from '@lab/experiment-batchnorm';
import { preloadFigureRenderer } from '@lab/report';
import { describeEnvironment, resolveWorkerCount } from '@lab/trainer/node';
import { BatchnormPool } from '../batchnorm-pool';
import { type CommandContext, clockOf } from '../command-context';
import { withGitCommit } from '../git-commit';
import { roomyInitialOldSpace } from '../initial-heap-flags';
import { whileHandlingSignals } from '../interrupt';
import { labPackageVersions } from '../lab-packages';
import { type OutputSession, withOutputs } from '../output/output-session';
import { printBatchnormResult } from '../output/print-batchnorm-result';
import { writeRunOutputs } from '../output/run-outputs';
import { savePoolTimeline } from '../pool-timeline-file';
import { progressModeFor } from '../progress/progress-mode';
import { ProgressRenderer } from '../progress/progress-renderer';
import { scavengeOnOneThread } from '../scavenge-flags';

/** Options of `lab experiment batchnorm`, as commander parsed them. */
export interface ExperimentBatchnormOptions {
  readonly out: string;
  /** Worker threads for the trainings; default one per core. */
  readonly workers?: number;
  readonly json?: boolean;
  readonly quiet?: boolean;
  /** `--html`: also write report.html, the report with interactive figures. */
  readonly html?: boolean;
}

/** What tests may replace: the sizes of every part, and where the digits come from. */
export interface ExperimentBatchnormSetup {
  /** Default BATCHNORM_EXPERIMENT_DEFAULTS. */
  readonly config?: BatchnormExperimentConfig;
  /** Default {@link loadBatchnormDigits}. */
  readonly loadData?: (config: BatchnormExperimentConfig) => Promise<BatchnormData>;
  /** The task module of the trainings; default `dist/batchnorm-worker.js`. */
  readonly workerFile?: string;
  /** Its export; default `runBatchnormTask`. */
  readonly taskExport?: string;
}

/**
 * `lab experiment batchnorm`: batch norm's forward statistics, gradient checks and backward
 * speed, and the trainings of parts 4–6 (deep MLP, weight-scale sweep, batch sizes), all on a pool
 * of `--workers` threads started before the digits load (parts 1–3 need none, so they start
 * then); writes `run.json` and the report into `--out` and prints a summary (or, with `--json`,
 * one JSON object).
 * @throws DatasetError when the digits cannot be loaded; CliError when `--out` cannot be written
 */
export async function experimentBatchnorm(
  options: ExperimentBatchnormOptions,
  context: CommandContext,
  setup: ExperimentBatchnormSetup = {},
): Promise<void> {
  const { io } = context;
  const chatty = options.quiet !== true && options.json !== true;
  const note = (text: string) => {
    if (chatty) io.stderr.write(`${text}\n`);
  };
  const config = setup.config ?? BATCHNORM_EXPERIMENT_DEFAULTS;
  // One thread per core by default, never more than there are trainings or 4 per core (said so).
  const { count: workers, note: capped } = resolveWorkerCount(options.workers, planBatchnormJobs(config).length, 'training');
  if (capped !== undefined) note(`lab: note: ${capped}`);
  const now = clockOf(io);
  const started = now();
  const { record, outputs } = await withOutputs(io, options.out, async (session) => {
    scavengeOnOneThread();
    roomyInitialOldSpace();
    const loading = (setup.loadData ?? loadBatchnormDigits)(config);
    const pool = new BatchnormPool({
      workers,
      data: loading.then((loaded) => loaded.data),
      ...(setup.workerFile === undefined ? {} : { workerFile: setup.workerFile }),
      ...(setup.taskExport === undefined ? {} : { taskExport: setup.taskExport }),
    });
    try {
      return await withPool(pool, loading, session.directory);
    } finally {
      await pool.close();
    }
  });
  printBatchnormResult(io, record, outputs, options.json === true, (now() - started) / 1000);

  async function withPool(pool: BatchnormPool, loading: Promise<BatchnormData>, directory: OutputSession['directory']) {
    // Parts 1–3 start at once, on the first thread that is ready; awaited with the trainings.
    const measurements = pool.runMeasurements(config);
    measurements.catch(() => undefined);
    const { data, dataset } = await loading;
    note(`Data: ${dataset.name}, ${dataset.description}.`);
    // Counts whole trainings, with no cost: the jobs train unrelated models, so no one cost describes the pool.
    const progress = new ProgressRenderer({
      stream: io.stderr,
      mode: progressModeFor(io.stderr, io.env, options),
      now,
      unit: 'trainings',
    });
    let record: Awaited<ReturnType<typeof runBatchnormExperiment>>;
    try {
      record = await runBatchnormExperiment({
        data,
        dataset,
        environment: withGitCommit(describeEnvironment(labPackageVersions()), io.cwd),
        config,
        workers,
        now,
        onStage: (stage) => {
          if (stage !== 'trainings') note(`Running the ${stage}…`);
        },
        runMeasurements: () => measurements,
        runJobs: (jobs) => {
          progress.startPhase(`pool (${workers} worker${workers === 1 ? '' : 's'})`);
          // The main thread only waits here, so a signal listener runs at once: Ctrl-C erases the
          // progress bar, says `lab: interrupted` and exits 130 (the workers die with the process).
          return whileHandlingSignals(io, () =>
            pool.runJobs(jobs, {
              onJobDone: (_outcome, done, total) => {
                progress.update(done, total);
                // The last trainings leave a core free: the report's figure renderer loads there.
                if (done >= total - workers) void preloadFigureRenderer();
              },
            }),
          );
        },
      });
    } finally {
      progress.finish();
    }
    await pool.close();
    await savePoolTimeline(io, pool.timeline());
    return { record, outputs: await writeRunOutputs(record, directory, undefined, { html: options.html === true }) };
  }
}
