import {
  COURSE_MODELS,
  loadRegularizationData,
  type RegularizationRecord,
  runRegularizationExperiment,
  runRegularizationExperimentWith,
  tallyPublished,
} from '@lab/experiment-regularization';
import { preloadFigureRenderer } from '@lab/report';
import { cleanText } from '@lab/tensor';
import { describeEnvironment, resolveWorkerCount } from '@lab/trainer/node';
import { type CommandContext, clockOf } from '../command-context';
import { withGitCommit } from '../git-commit';
import { runInterruptibly, whileHandlingSignals } from '../interrupt';
import { labPackageVersions } from '../lab-packages';
import { withOutputs } from '../output/output-session';
import { printRunResult } from '../output/print-run-result';
import { writeRunOutputs } from '../output/run-outputs';
import { ConcurrentProgressRenderer } from '../progress/concurrent-progress';
import { progressModeFor } from '../progress/progress-mode';
import { ProgressRenderer } from '../progress/progress-renderer';
import { trainModelsOnPool } from '../regularization-pool';

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
 * @throws DatasetError for a missing or corrupt `--data` file; CliError when `--out` cannot be written;
 *   InterruptedError when Ctrl-C stops the training on the main thread
 */
export async function experimentRegularization(options: ExperimentRegularizationOptions, context: CommandContext): Promise<void> {
  const { io } = context;
  const chatty = options.quiet !== true && options.json !== true;
  // One thread per core by default, never more than there are models (said so when asked for more).
  const { count: workers, note: capped } = resolveWorkerCount(options.workers, COURSE_MODELS.length, 'training');
  if (chatty && capped !== undefined) io.stderr.write(`lab: note: ${capped}\n`);
  const { record, outputs } = await withOutputs(io, options.out, async (session) => {
    const { data, dataset, note } = await loadRegularizationData(options.data, options.dataSeed, io.cwd);
    if (chatty) io.stderr.write(`${cleanText(note)}\n`);
    const experiment = {
      data,
      dataset,
      environment: withGitCommit(describeEnvironment(labPackageVersions()), io.cwd),
      seed: options.seed,
      numIterations: options.iterations,
    };
    const mode = progressModeFor(io.stderr, io.env, options);
    let record: RegularizationRecord;
    if (workers === 1) {
      const progress = new ProgressRenderer({ stream: io.stderr, mode, now: clockOf(io), phases: COURSE_MODELS.length });
      try {
        // Ctrl-C stops the training at once (InterruptedError); nothing has been written by then.
        record = session.synchronously(() =>
          runInterruptibly(() =>
            runRegularizationExperiment({
              ...experiment,
              onModelStart: (model) => progress.startPhase(model.name),
              onProgress: (_model, _index, event) => progress.update(event.iteration, event.totalIterations, event.cost),
            }),
          ),
        );
      } finally {
        progress.finish();
      }
    } else {
      const progress = new ConcurrentProgressRenderer({ stream: io.stderr, mode, now: clockOf(io), tasks: COURSE_MODELS.length });
      try {
        // The main thread only waits here: it loads the figure renderer meanwhile, and a signal
        // listener runs at once (Ctrl-C erases the progress line, says `lab: interrupted` and exits
        // 130; the threads die with the process).
        const renderer = preloadFigureRenderer();
        record = await whileHandlingSignals(io, () =>
          runRegularizationExperimentWith(experiment, (jobs) =>
            trainModelsOnPool(jobs, data, {
              workers,
              onStart: (job) => progress.start(job.index, job.spec.name),
              onProgress: (job, event) => progress.update(job.index, event.iteration, event.totalIterations, event.cost),
            }),
          ),
        );
        await renderer;
      } finally {
        progress.finish();
      }
    }
    return { record, outputs: await writeRunOutputs(record, session.directory, undefined, { html: options.html === true }) };
  });
  printRunResult(io, 'experiment regularization', record, outputs, options.json === true, tallyPublished(record));
}
