import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { basename, dirname, isAbsolute, resolve } from 'node:path';
import type { TrainRecord } from '@lab/run-record';
import { ConfigError } from '@lab/tensor';
import { loadExpressionParser, type RunConfig } from '@lab/trainer/config';
import type { LoadedCheckpoint } from '@lab/trainer/node';
import { CliError } from '../cli-error';
import { type CommandContext, clockOf } from '../command-context';
import { type LoadedRunConfig, loadRunConfig } from '../config/load-run-config';
import { withDataPathsRelativeTo } from '../config/record-data-paths';
import { describeFsError, isFsError } from '../fs-error';
import { withGitCommit } from '../git-commit';
import { runInterruptibly } from '../interrupt';
import { labPackageVersions } from '../lab-packages';
import { displayPath } from '../output/display-path';
import { printRunResult } from '../output/print-run-result';
import { progressModeFor } from '../progress/progress-mode';
import { ProgressRenderer } from '../progress/progress-renderer';

/** Options of `lab train`, as commander parsed them. */
export interface TrainOptions {
  readonly config: string;
  readonly data?: string;
  readonly out: string;
  readonly resume?: boolean;
  readonly json?: boolean;
  readonly quiet?: boolean;
  /** `--html`: also write report.html, the report with interactive figures. */
  readonly html?: boolean;
}

/**
 * `lab train --config FILE`: validates the config, loads its data (`--data` replaces a data file's
 * path) and trains (`loadRunData`, `trainFromData`), writing checkpoints when the config asks for
 * them and continuing from the last one with `--resume`; then writes `run.json` (a record of kind
 * `train` that holds the resolved config) and the report into `--out`, and prints the results
 * table (or one JSON summary).
 * @throws CliError/ConfigError for an unreadable or invalid config, or `--data`/`--resume` that do
 *   not fit it; DatasetError for bad data; InterruptedError when Ctrl-C stops the training
 */
export async function trainCommand(options: TrainOptions, context: CommandContext): Promise<void> {
  const { io } = context;
  const source = basename(options.config);
  const loaded = await loadRunConfig(resolve(io.cwd, options.config));
  let { config } = loaded;
  let pathAsWritten = loaded.datasetPathAsWritten;
  let relativeDataFiles = loaded.relativeDataFiles;
  if (options.data !== undefined) {
    config = withDataPath(config, resolve(io.cwd, options.data), source);
    pathAsWritten = options.data;
    relativeDataFiles = [...relativeDataFiles.filter((field) => field !== 'path'), ...(isAbsolute(options.data) ? [] : ['path' as const])];
  }
  const checkpointPath = checkpointPathOf(config, resolve(io.cwd, options.out));
  const node = await import('@lab/trainer/node');
  const resumeFrom = options.resume === true ? loadResumeCheckpoint(node, checkpointPath, source) : undefined;
  if (resumeFrom?.fellBack !== undefined) {
    // Never silent, not even with --json (it goes to stderr).
    io.stderr.write(`lab: warning: ${resumeFrom.fellBack.reason}; resuming from the previous checkpoint, ${resumeFrom.path}\n`);
  }
  // The trainer (layers, compiled models, run records), the report renderer (markdown, record
  // kinds, figures) and the Node-only entry (worker threads, checkpoint files) load only once the
  // config is valid: a config error does not pay for them.
  const { loadRunData, trainFromData } = await import('@lab/trainer');
  // mathjs takes about a second to load: only expression schedules need it (loaded once, by the config's reader).
  const expressionParser = config.schedule.kind === 'expression' ? await loadExpressionParser() : undefined;
  const { withOutputs } = await import('../output/output-session');
  const { writeRunOutputs } = await import('../output/run-outputs');
  const { record, outputs } = await withOutputs(io, options.out, async (session) => {
    const chatty = options.json !== true && options.quiet !== true;
    if (chatty && resumeFrom === undefined && checkpointPath !== undefined && existsSync(checkpointPath)) {
      io.stderr.write(
        `lab: note: ${displayPath(checkpointPath, io.cwd)} exists; this run starts over and replaces it (--resume continues it)\n`,
      );
    }
    if (checkpointPath !== undefined) await makeDirectory(dirname(checkpointPath));
    const progress = new ProgressRenderer({ stream: io.stderr, mode: progressModeFor(io.stderr, io.env, options), now: clockOf(io) });
    const data = await loadRunData(config, { source });
    if (options.data === undefined) checkRecordedData(loaded.recordedSha256, data.info, source);
    progress.startPhase(config.name);
    let record: TrainRecord;
    try {
      // Ctrl-C stops the training at once (InterruptedError); the last checkpoint, if any, stays.
      record = session.synchronously(() =>
        runInterruptibly(() =>
          trainFromData(config, data, {
            environment: withGitCommit(node.describeEnvironment(labPackageVersions()), io.cwd),
            expressionParser,
            source,
            ...(checkpointPath === undefined ? {} : { onCheckpoint: (checkpoint) => node.saveCheckpoint(checkpointPath, checkpoint) }),
            ...(resumeFrom === undefined ? {} : { resumeFrom }),
            onProgress: (event) => progress.update(event.iteration, event.totalIterations, event.cost),
          }),
        ),
      );
    } finally {
      progress.finish();
    }
    if (pathAsWritten !== undefined) record = { ...record, dataset: { ...record.dataset, path: pathAsWritten } };
    record = withDataPathsRelativeTo(record, relativeDataFiles, resolve(io.cwd, options.out));
    return { record, outputs: await writeRunOutputs(record, session.directory, undefined, { html: options.html === true }) };
  });
  printRunResult(io, 'train', record, outputs, options.json === true);
}

/**
 * Where the config's checkpoints go: `training.checkpoints.path`, a relative one inside
 * `<out>.checkpoints/` beside the output directory (which holds only the run's record and report,
 * swapped in as a whole when the run ends). Undefined when the config writes none.
 */
export function checkpointPathOf(config: RunConfig, outDir: string): string | undefined {
  const checkpoints = config.training.checkpoints;
  return checkpoints === undefined ? undefined : resolve(`${outDir}.checkpoints`, checkpoints.path);
}

/**
 * The config with `--data` as its data file: the path of a MAT or CSV file (a CSV's separate test
 * file stays as the config says).
 * @throws ConfigError naming the config when its data is not a file
 */
function withDataPath(config: RunConfig, path: string, source: string): RunConfig {
  const { data } = config;
  if (data.kind !== 'mat' && data.kind !== 'csv') {
    throw new ConfigError(
      `${source}: data.kind: --data replaces the path of a mat or csv file, but this config's data is ${data.kind} (built-in)`,
    );
  }
  return { ...config, data: { ...data, path } };
}

/** Creates the checkpoints' directory. @throws CliError naming it when it cannot be created */
async function makeDirectory(path: string): Promise<void> {
  try {
    await mkdir(path, { recursive: true });
  } catch (error) {
    throw isFsError(error) ? new CliError(`cannot create ${path}: ${describeFsError(error)}`) : error;
  }
}

/**
 * The checkpoint `--resume` continues from.
 * @throws CliError when the config writes no checkpoints or there is none yet
 */
function loadResumeCheckpoint(node: typeof import('@lab/trainer/node'), path: string | undefined, source: string): LoadedCheckpoint {
  if (path === undefined) throw new CliError(`--resume: ${source} has no training.checkpoints, so there is no checkpoint to resume from`);
  if (!existsSync(path) && !existsSync(node.previousCheckpointPath(path))) {
    throw new CliError(`--resume: ${path}: the file does not exist (no checkpoint to resume from yet)`);
  }
  return node.loadCheckpoint(path);
}

/**
 * A rerun from a run record reproduces the run only on the same data: refuses a data file whose
 * SHA-256 differs from the one the record states.
 * @throws CliError naming the file and both hashes
 */
function checkRecordedData(
  recorded: LoadedRunConfig['recordedSha256'],
  info: {
    readonly path?: string;
    readonly name: string;
    readonly sha256?: string;
    readonly testPath?: string;
    readonly testSha256?: string;
  },
  source: string,
): void {
  const pairs = [
    [recorded?.train, info.sha256, info.path ?? info.name],
    [recorded?.test, info.testSha256, info.testPath ?? info.name],
  ] as const;
  for (const [was, now, file] of pairs) {
    if (was !== undefined && now !== was) {
      throw new CliError(
        `${source}: the data file ${file} has changed since the recorded run (its SHA-256 was ${was}, now ${now ?? 'none'}): a rerun would not reproduce it`,
      );
    }
  }
}
