import type { RunRecord } from '@lab/report';
import type { Environment } from '@lab/run-record';
import type { ProgressEvent } from '@lab/trainer';
import { describeEnvironment } from '@lab/trainer/node';
import { type CommandContext, clockOf } from '../command-context';
import { withGitCommit } from '../git-commit';
import { runInterruptibly } from '../interrupt';
import { labPackageVersions } from '../lab-packages';
import { withOutputs } from '../output/output-session';
import { type CourseRunResult, printCourseRunResult } from '../output/print-course-run-result';
import { writeRunOutputs } from '../output/run-outputs';
import { progressModeFor } from '../progress/progress-mode';
import { ProgressRenderer } from '../progress/progress-renderer';

/** What the command reads of a course experiment's record, beside what `writeRunOutputs` needs. */
export type CourseRecord = RunRecord & { readonly totalSeconds: number };

/** The options every course-experiment command takes, as commander parsed them. */
export interface CourseExperimentOptions {
  readonly out: string;
  readonly json?: boolean;
  readonly quiet?: boolean;
  /** `--html`: also write report.html, the report with interactive figures. */
  readonly html?: boolean;
}

/** What an experiment's run function gets from the command: the run's environment, clock and progress hooks. */
export interface CourseExperimentHooks {
  readonly environment: Environment;
  readonly now: () => number;
  readonly onModelStart: (model: { readonly name: string }) => void;
  readonly onProgress: (model: unknown, modelIndex: number, event: ProgressEvent) => void;
}

/** One course experiment's part of its command: what it says, how it runs, what its summary holds. */
export interface CourseExperiment<R extends CourseRecord> {
  /** e.g. `experiment initialization` */
  readonly command: string;
  /** The line on stderr (unless `--quiet`/`--json`) that says which data the run trains on. */
  readonly dataNote: string;
  /** Models trained one after the other: the progress bar's phases. */
  readonly models: number;
  /** Trains every model, synchronously, and returns the run record. */
  readonly run: (hooks: CourseExperimentHooks) => R;
  /** The summary's settings, table columns and per-model values/cells (see {@link printCourseRunResult}). */
  readonly summary: (record: R) => Pick<CourseRunResult, 'published' | 'settings' | 'columns' | 'models'>;
}

/**
 * A course experiment's command: says which data it trains on, opens `--out` (refused before any
 * work), trains the models one after the other with a progress bar (Ctrl-C stops the training at
 * once), writes `run.json` and the report into `--out`, and prints the results table (or, with
 * `--json`, one JSON summary).
 * @throws CliError when `--out` cannot be written; InterruptedError when Ctrl-C stops the training
 */
export async function runCourseExperiment<R extends CourseRecord>(
  experiment: CourseExperiment<R>,
  options: CourseExperimentOptions,
  context: CommandContext,
): Promise<void> {
  const { io } = context;
  if (options.quiet !== true && options.json !== true) io.stderr.write(`${experiment.dataNote}\n`);
  const { record, outputs } = await withOutputs(io, options.out, async (session) => {
    const progress = new ProgressRenderer({
      stream: io.stderr,
      mode: progressModeFor(io.stderr, io.env, options),
      now: clockOf(io),
      phases: experiment.models,
    });
    let record: R;
    try {
      // Ctrl-C stops the training at once (InterruptedError); nothing has been written by then.
      record = session.synchronously(() =>
        runInterruptibly(() =>
          experiment.run({
            environment: withGitCommit(describeEnvironment(labPackageVersions()), io.cwd),
            now: clockOf(io),
            onModelStart: (model) => progress.startPhase(model.name),
            onProgress: (_model, _index, event) => progress.update(event.iteration, event.totalIterations, event.cost),
          }),
        ),
      );
    } finally {
      progress.finish();
    }
    return { record, outputs: await writeRunOutputs(record, session.directory, undefined, { html: options.html === true }) };
  });
  printCourseRunResult(io, {
    command: experiment.command,
    outputs,
    json: options.json === true,
    ...experiment.summary(record),
    totalSeconds: record.totalSeconds,
  });
}
