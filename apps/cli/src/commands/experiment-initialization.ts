import { COURSE_INITIALIZATIONS, runInitializationExperiment, tallyPublished } from '@lab/experiment-initialization';
import { fromRecordedCost } from '@lab/run-record';
import { describeEnvironment } from '@lab/trainer/node';
import { type CommandContext, clockOf } from '../command-context';
import { withGitCommit } from '../git-commit';
import { runInterruptibly } from '../interrupt';
import { labPackageVersions } from '../lab-packages';
import { withOutputs } from '../output/output-session';
import { printCourseRunResult } from '../output/print-course-run-result';
import { writeRunOutputs } from '../output/run-outputs';
import { progressModeFor } from '../progress/progress-mode';
import { ProgressRenderer } from '../progress/progress-renderer';

/** Options of `lab experiment initialization`, as commander parsed them. */
export interface ExperimentInitializationOptions {
  readonly out: string;
  /** Iterations per model; the course's 15000 when undefined. */
  readonly iterations?: number;
  readonly json?: boolean;
  readonly quiet?: boolean;
}

/**
 * `lab experiment initialization`: trains the course's network on the circles from zero, large
 * random and He weights, writes `run.json` and the report into `--out`, and prints the results
 * table (or, with `--json`, one JSON summary).
 * @throws CliError when `--out` cannot be written; InterruptedError when Ctrl-C stops the training
 */
export async function experimentInitialization(options: ExperimentInitializationOptions, context: CommandContext): Promise<void> {
  const { io } = context;
  if (options.quiet !== true && options.json !== true) {
    io.stderr.write(
      "Data: the course's circles, make_circles(n_samples=300, noise=0.05) after seed(1) to train and make_circles(n_samples=100, noise=0.05) after seed(2) to test.\n",
    );
  }
  const { record, outputs } = await withOutputs(io, options.out, async (session) => {
    const progress = new ProgressRenderer({
      stream: io.stderr,
      mode: progressModeFor(io.stderr, io.env, options),
      now: clockOf(io),
      phases: COURSE_INITIALIZATIONS.length,
    });
    let record: ReturnType<typeof runInitializationExperiment>;
    try {
      // Ctrl-C stops the training at once (InterruptedError); nothing has been written by then.
      record = session.synchronously(() =>
        runInterruptibly(() =>
          runInitializationExperiment({
            environment: withGitCommit(describeEnvironment(labPackageVersions()), io.cwd),
            numIterations: options.iterations,
            now: clockOf(io),
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
  printCourseRunResult(io, {
    command: 'experiment initialization',
    outputs,
    json: options.json === true,
    published: tallyPublished(record),
    settings: { numIterations: record.training.numIterations, learningRate: record.training.learningRate },
    columns: ['cost at 0', 'final cost', 'train acc', 'test acc', 'seconds'],
    models: record.models.map((model) => ({
      name: model.name,
      values: {
        costAt0: model.costs[0]?.cost ?? null,
        finalCost: model.finalCost,
        trainAccuracy: model.trainAccuracy,
        testAccuracy: model.testAccuracy,
        seconds: model.seconds,
      },
      cells: [
        model.costs[0] === undefined ? '' : formatCost(fromRecordedCost(model.costs[0].cost)),
        formatCost(fromRecordedCost(model.finalCost)),
        model.trainAccuracy.toFixed(4),
        model.testAccuracy.toFixed(4),
        model.seconds.toFixed(2),
      ],
    })),
    totalSeconds: record.totalSeconds,
  });
}

function formatCost(cost: number): string {
  return Number.isFinite(cost) ? cost.toFixed(6) : 'inf';
}
