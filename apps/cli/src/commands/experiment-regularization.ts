import { COURSE_MODELS, loadRegularizationData, runRegularizationExperiment, tallyPublished } from '@lab/experiment-regularization';
import { cleanText } from '@lab/tensor';
import { describeEnvironment } from '@lab/trainer/node';
import { type CommandContext, clockOf } from '../command-context';
import { withGitCommit } from '../git-commit';
import { runInterruptibly } from '../interrupt';
import { labPackageVersions } from '../lab-packages';
import { withOutputs } from '../output/output-session';
import { printRunResult } from '../output/print-run-result';
import { writeRunOutputs } from '../output/run-outputs';
import { progressModeFor } from '../progress/progress-mode';
import { ProgressRenderer } from '../progress/progress-renderer';

/** Options of `lab experiment regularization`, as commander parsed them. */
export interface ExperimentRegularizationOptions {
  readonly data?: string;
  readonly out: string;
  readonly seed: number;
  /** Seed of the built-in football-field set (ignored with --data). */
  readonly dataSeed: number;
  /** Iterations per model; the course's 30000 when undefined. */
  readonly iterations?: number;
  readonly json?: boolean;
  readonly quiet?: boolean;
}

/**
 * `lab experiment regularization`: trains the course's three models (no regularization, L2,
 * dropout) on the football data, writes `run.json` and the report into `--out`, and prints
 * the results table (or, with `--json`, one JSON summary).
 * @throws DatasetError for a missing or corrupt `--data` file; CliError when `--out` cannot be written;
 *   InterruptedError when Ctrl-C stops the training
 */
export async function experimentRegularization(options: ExperimentRegularizationOptions, context: CommandContext): Promise<void> {
  const { io } = context;
  const chatty = options.quiet !== true && options.json !== true;
  const { record, outputs } = await withOutputs(io, options.out, async (session) => {
    const { data, dataset, note } = await loadRegularizationData(options.data, options.dataSeed, io.cwd);
    if (chatty) io.stderr.write(`${cleanText(note)}\n`);
    const progress = new ProgressRenderer({
      stream: io.stderr,
      mode: progressModeFor(io.stderr, io.env, options),
      now: clockOf(io),
      phases: COURSE_MODELS.length,
    });
    let record: ReturnType<typeof runRegularizationExperiment>;
    try {
      // Ctrl-C stops the training at once (InterruptedError); nothing has been written by then.
      record = session.synchronously(() =>
        runInterruptibly(() =>
          runRegularizationExperiment({
            data,
            dataset,
            environment: withGitCommit(describeEnvironment(labPackageVersions()), io.cwd),
            seed: options.seed,
            numIterations: options.iterations,
            onModelStart: (model) => progress.startPhase(model.name),
            onProgress: (_model, _index, event) => progress.update(event.iteration, event.totalIterations, event.cost),
          }),
        ),
      );
    } finally {
      progress.finish();
    }
    return { record, outputs: await writeRunOutputs(record, session.directory) };
  });
  printRunResult(io, 'experiment regularization', record, outputs, options.json === true, tallyPublished(record));
}
