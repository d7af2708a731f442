import { basename, resolve } from 'node:path';
import { loadExpressionParser, loadRunData, type TrainRecord, trainFromData } from '@lab/trainer';
import { type CommandContext, clockOf } from '../command-context';
import { loadRunConfig } from '../config/load-run-config';
import { runInterruptibly } from '../interrupt';
import { labPackageVersions } from '../lab-packages';
import { printRunResult } from '../output/print-run-result';
import { progressModeFor } from '../progress/progress-mode';
import { ProgressRenderer } from '../progress/progress-renderer';

/** Options of `lab train`, as commander parsed them. */
export interface TrainOptions {
  readonly config: string;
  readonly out: string;
  readonly json?: boolean;
  readonly quiet?: boolean;
}

/**
 * `lab train --config FILE`: validates the config, loads its data and trains (`loadRunData`, `trainFromData`), writes `run.json`
 * (a record of kind `train`) and the report into `--out`, and prints the results table (or one JSON summary).
 * @throws CliError/ConfigError for an unreadable or invalid config; DatasetError for bad data;
 *   InterruptedError when Ctrl-C stops the training
 */
export async function trainCommand(options: TrainOptions, context: CommandContext): Promise<void> {
  const { io } = context;
  const { config, datasetPathAsWritten } = await loadRunConfig(resolve(io.cwd, options.config));
  // mathjs takes about a second to load: only expression schedules need it.
  const expressionParser = config.schedule?.kind === 'expression' ? await loadExpressionParser() : undefined;
  // The report renderer (markdown, record kinds, figures) and the Node-only entry (worker threads,
  // checkpoint files) load only once the config is valid: a config error does not pay for them.
  const { withOutputs } = await import('../output/output-session');
  const { writeRunOutputs } = await import('../output/run-outputs');
  const { describeEnvironment } = await import('@lab/trainer/node');
  const { record, outputs } = await withOutputs(io, options.out, async (session) => {
    const progress = new ProgressRenderer({ stream: io.stderr, mode: progressModeFor(io.stderr, io.env, options), now: clockOf(io) });
    const data = await loadRunData(config);
    progress.startPhase(config.name);
    let record: TrainRecord;
    try {
      // Ctrl-C stops the training at once (InterruptedError); nothing has been written by then.
      record = session.synchronously(() =>
        runInterruptibly(() =>
          trainFromData(config, data, {
            environment: describeEnvironment(labPackageVersions()),
            expressionParser,
            source: basename(options.config),
            onProgress: (event) => progress.update(event.iteration, event.totalIterations, event.cost),
          }),
        ),
      );
    } finally {
      progress.finish();
    }
    if (datasetPathAsWritten !== undefined) record = { ...record, dataset: { ...record.dataset, path: datasetPathAsWritten } };
    return { record, outputs: await writeRunOutputs(record, session.directory) };
  });
  printRunResult(io, 'train', record, outputs, options.json === true);
}
