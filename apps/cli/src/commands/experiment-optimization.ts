import { COURSE_OPTIMIZERS, printedCost, runOptimizationExperiment, tallyPublished } from '@lab/experiment-optimization';
import { fromRecordedCost } from '@lab/run-record';
import type { CommandContext } from '../command-context';
import { type CourseExperimentOptions, runCourseExperiment } from './course-experiment';

/** Options of `lab experiment optimization`, as commander parsed them. */
export interface ExperimentOptimizationOptions extends CourseExperimentOptions {
  /** Epochs per model; the course's 10000 when undefined. */
  readonly epochs?: number;
}

/**
 * `lab experiment optimization`: trains the course's network on the moons with mini-batch gradient
 * descent, momentum and Adam, writes `run.json` and the report into `--out`, and prints the results
 * table (or, with `--json`, one JSON summary).
 * @throws CliError when `--out` cannot be written; InterruptedError when Ctrl-C stops the training
 */
export async function experimentOptimization(options: ExperimentOptimizationOptions, context: CommandContext): Promise<void> {
  await runCourseExperiment(
    {
      command: 'experiment optimization',
      dataNote: "Data: the course's moons, make_moons(n_samples=300, noise=0.2) after seed(3).",
      models: COURSE_OPTIMIZERS.length,
      run: (hooks) => runOptimizationExperiment({ ...hooks, epochs: options.epochs }),
      summary: (record) => ({
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
      }),
    },
    options,
    context,
  );
}
