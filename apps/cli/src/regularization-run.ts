import {
  COURSE_MODELS,
  prerenderModelFigure,
  type RegularizationData,
  type RegularizationRecord,
  recordedData,
  runRegularizationExperiment,
  runRegularizationExperimentWith,
  tallyPublished,
} from '@lab/experiment-regularization';
import { preloadFigureRenderer } from '@lab/report';
import { cleanText } from '@lab/tensor';
import { describeEnvironment } from '@lab/trainer/node';
import { type CommandContext, clockOf } from './command-context';
import type { ExperimentRegularizationOptions } from './commands/experiment-regularization';
import type { EarlyTraining } from './early-training';
import { withGitCommit } from './git-commit';
import { runInterruptibly, whileHandlingSignals } from './interrupt';
import { labPackageVersions } from './lab-packages';
import { withOutputs } from './output/output-session';
import { printRunResult } from './output/print-run-result';
import { writeRunOutputs } from './output/run-outputs';
import { savePoolTimeline } from './pool-timeline-file';
import { ConcurrentProgressRenderer } from './progress/concurrent-progress';
import { progressModeFor } from './progress/progress-mode';
import { ProgressRenderer } from './progress/progress-renderer';

/**
 * The body of `lab experiment regularization` (see `experimentRegularization`, which starts the
 * threads, the data's loading and the trainings first): opens `--out`, takes the three models from
 * `training` (or trains them one by one on this thread without), writes `run.json` and the report
 * into `--out`, and prints the results.
 * @param loading - the data, being loaded
 * @param training - the trainings on the threads, started when the data is loaded
 * @throws DatasetError for a missing or corrupt `--data` file; CliError when `--out` cannot be written;
 *   InterruptedError when Ctrl-C stops the training on the main thread
 */
export async function runRegularizationCommand(
  options: ExperimentRegularizationOptions,
  context: CommandContext,
  loading: Promise<RegularizationData>,
  training: EarlyTraining | undefined,
): Promise<void> {
  const { io } = context;
  const chatty = options.quiet !== true && options.json !== true;
  const { record, outputs } = await withOutputs(io, options.out, async (session) => {
    const { data, dataset, note } = await loading;
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
    if (training === undefined) {
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
        // Each model's decision boundary is drawn as soon as it is trained, while the others train.
        const recorded = recordedData({ data, dataset });
        const drawings: Promise<void>[] = [];
        const startedAt = await training.startedAt();
        record = await whileHandlingSignals(io, () =>
          runRegularizationExperimentWith({ ...experiment, startedAt }, (jobs) => {
            training.listen({
              onStart: (job) => progress.start(job.index, job.spec.name),
              onProgress: (job, event) => progress.update(job.index, event.iteration, event.totalIterations, event.cost),
              onModel: (_job, model) => drawings.push(prerenderModelFigure(recorded, model)),
            });
            return training.modelsFor(jobs);
          }),
        );
        await Promise.all([renderer, ...drawings]);
      } finally {
        progress.finish();
      }
      await savePoolTimeline(io, training.timeline());
      // The threads are done: they wind down (their heaps freed) on the other core while this one
      // writes the outputs, instead of after them. The command closes the pool again at its end.
      training.close().catch(() => undefined);
    }
    return { record, outputs: await writeRunOutputs(record, session.directory, undefined, { html: options.html === true }) };
  });
  printRunResult(io, 'experiment regularization', record, outputs, options.json === true, tallyPublished(record));
}
