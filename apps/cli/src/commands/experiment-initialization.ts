import { COURSE_INITIALIZATIONS, runInitializationExperiment, tallyPublished } from '@lab/experiment-initialization';
import { fromRecordedCost } from '@lab/run-record';
import type { CommandContext } from '../command-context';
import { type CourseExperimentOptions, runCourseExperiment } from './course-experiment';

/** Options of `lab experiment initialization`, as commander parsed them. */
export interface ExperimentInitializationOptions extends CourseExperimentOptions {
  /** Iterations per model; the course's 15000 when undefined. */
  readonly iterations?: number;
}

/**
 * `lab experiment initialization`: trains the course's network on the circles from zero, large
 * random and He weights, writes `run.json` and the report into `--out`, and prints the results
 * table (or, with `--json`, one JSON summary).
 * @throws CliError when `--out` cannot be written; InterruptedError when Ctrl-C stops the training
 */
export async function experimentInitialization(options: ExperimentInitializationOptions, context: CommandContext): Promise<void> {
  await runCourseExperiment(
    {
      command: 'experiment initialization',
      dataNote:
        "Data: the course's circles, make_circles(n_samples=300, noise=0.05) after seed(1) to train and make_circles(n_samples=100, noise=0.05) after seed(2) to test.",
      models: COURSE_INITIALIZATIONS.length,
      run: (hooks) => runInitializationExperiment({ ...hooks, numIterations: options.iterations }),
      summary: (record) => ({
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
      }),
    },
    options,
    context,
  );
}

function formatCost(cost: number): string {
  return Number.isFinite(cost) ? cost.toFixed(6) : 'inf';
}
