import { COURSE_OPTIMIZERS, printedCost, runOptimizationExperiment, tallyPublished } from '@lab/experiment-optimization';
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

/** Options of `lab experiment optimization`, as commander parsed them. */
export interface ExperimentOptimizationOptions {
  readonly out: string;
  /** Epochs per model; the course's 10000 when undefined. */
  readonly epochs?: number;
  readonly json?: boolean;
  readonly quiet?: boolean;
}

/**
 * `lab experiment optimization`: trains the course's network on the moons with mini-batch gradient
 * descent, momentum and Adam, writes `run.json` and the report into `--out`, and prints the results
 * table (or, with `--json`, one JSON summary).
 * @throws CliError when `--out` cannot be written; InterruptedError when Ctrl-C stops the training
 */
export async function experimentOptimization(options: ExperimentOptimizationOptions, context: CommandContext): Promise<void> {
  const { io } = context;
  if (options.quiet !== true && options.json !== true) {
    io.stderr.write("Data: the course's moons, make_moons(n_samples=300, noise=0.2) after seed(3).\n");
  }
  const { record, outputs } = await withOutputs(io, options.out, async (session) => {
    const progress = new ProgressRenderer({
      stream: io.stderr,
      mode: progressModeFor(io.stderr, io.env, options),
      now: clockOf(io),
      phases: COURSE_OPTIMIZERS.length,
    });
    let record: ReturnType<typeof runOptimizationExperiment>;
    try {
      // Ctrl-C stops the training at once (InterruptedError); nothing has been written by then.
      record = session.synchronously(() =>
        runInterruptibly(() =>
          runOptimizationExperiment({
            environment: withGitCommit(describeEnvironment(labPackageVersions()), io.cwd),
            epochs: options.epochs,
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
    command: 'experiment optimization',
    outputs,
    json: options.json === true,
    published: tallyPublished(record),
    settings: { epochs: record.training.epochs, batchSize: record.training.batchSize, learningRate: record.training.learningRate },
    columns: ['cost after epoch 0', 'final cost', 'train acc', 'seconds'],
    models: record.models.map((model) => ({
      name: model.name,
      values: {
        costAfterEpoch0: model.costs[0]?.cost ?? null,
        finalCost: model.finalCost,
        trainAccuracy: model.trainAccuracy,
        seconds: model.seconds,
      },
      cells: [
        model.costs[0] === undefined ? '' : printedCost(fromRecordedCost(model.costs[0].cost)),
        printedCost(fromRecordedCost(model.finalCost)),
        model.trainAccuracy.toFixed(4),
        model.seconds.toFixed(2),
      ],
    })),
    totalSeconds: record.totalSeconds,
  });
}
