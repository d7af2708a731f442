import { resolve } from 'node:path';
import { BATCHNORM_OUT_DIR } from '@lab/experiment-batchnorm/defaults';
import { INITIALIZATION_OUT_DIR } from '@lab/experiment-initialization/defaults';
import { OPTIMIZATION_OUT_DIR } from '@lab/experiment-optimization/defaults';
import { BUILTIN_FOOTBALL_SEED, COURSE_SEED, REGULARIZATION_OUT_DIR } from '@lab/experiment-regularization/defaults';
import { Command, Option } from 'commander';
import type { CliIo } from './cli-io';
import type { CommandContext } from './command-context';
import type { ExperimentBatchnormOptions } from './commands/experiment-batchnorm';
import type { ExperimentInitializationOptions } from './commands/experiment-initialization';
import type { ExperimentOptimizationOptions } from './commands/experiment-optimization';
import type { ExperimentRegularizationOptions } from './commands/experiment-regularization';
import type { GradcheckOptions } from './commands/gradcheck';
import type { ReportOptions } from './commands/report';
import type { SweepOptions } from './commands/sweep';
import type { TrainOptions } from './commands/train';
import type { WorkerOptions } from './commands/worker';
import { SWEEP_OUT_DIR, TRAIN_OUT_DIR } from './defaults';
import { parsePositiveInteger, parseSeed } from './option-parsers';
import { HTML_OPTION_HELP } from './output/report-page';
import { CLI_VERSION } from './version';

/**
 * The `lab` program: commander set up to write to the context's streams, to throw instead of
 * exiting (`run` turns that into an exit code), and with `--version` and `--help` on every command.
 * Actions run against `context` and leave their exit code in it. Each action imports its
 * command module when it runs, so `--help`, `--version` and usage errors load neither the
 * trainer nor the report renderer.
 */
export function createProgram(context: CommandContext): Command {
  const { io } = context;
  const program = new Command('lab')
    .description('A TypeScript deep-learning lab: run the course experiments, train from a config, check gradients, render reports.')
    .version(CLI_VERSION)
    .option('--debug', 'show stack traces for every error')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // One line that starts with "lab: ", like every other error (commander's start with "error: "
      // and put "(Did you mean …?)" on a line of its own).
      outputError: (text, write) =>
        write(
          `${text
            .trimEnd()
            .replace(/^error: /, 'lab: ')
            .replace(/\s*\n\s*/g, ' ')}\n`,
        ),
      getOutHelpWidth: () => helpWidth(io.stdout),
      getErrHelpWidth: () => helpWidth(io.stderr),
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    })
    .showSuggestionAfterError();

  const experiment = subcommand(program, 'experiment').description("run one of the course's experiments and write its report");
  subcommand(experiment, 'regularization')
    .description('train the 3-layer net without regularization, with L2 and with dropout; write run.json and the report')
    .option(
      '--data <file.mat>',
      "MAT file with X, y, Xval, yval (e.g. the course's football.mat); default: the built-in football-field set",
    )
    .option('--out <dir>', 'output directory', REGULARIZATION_OUT_DIR)
    .option('--seed <n>', 'seed of initialization and dropout masks', parseSeed, COURSE_SEED)
    .option('--data-seed <n>', 'seed of the built-in football-field set', parseSeed, BUILTIN_FOOTBALL_SEED)
    .option('--iterations <n>', 'gradient-descent iterations per model (default: 30000, as the course)', parsePositiveInteger)
    .option(
      '--workers <n>',
      'worker threads for the three trainings (default: one per core; 1: one after the other in this thread)',
      parsePositiveInteger,
    )
    .option('--json', 'print one JSON object (paths and results) on stdout and nothing else')
    .option('--quiet', 'no progress and no notes: only the results')
    .option('--html', HTML_OPTION_HELP)
    .action(async (options: ExperimentRegularizationOptions) => {
      const { experimentRegularization } = await import('./commands/experiment-regularization');
      await experimentRegularization(options, context);
    });
  subcommand(experiment, 'initialization')
    .description('train the 3-layer net on the circles from zero, large random (×10) and He weights; write run.json and the report')
    .option('--out <dir>', 'output directory', INITIALIZATION_OUT_DIR)
    .option('--iterations <n>', 'gradient-descent iterations per model (default: 15000, as the course)', parsePositiveInteger)
    .option('--json', 'print one JSON object (paths and results) on stdout and nothing else')
    .option('--quiet', 'no progress and no notes: only the results')
    .option('--html', HTML_OPTION_HELP)
    .action(async (options: ExperimentInitializationOptions) => {
      const { experimentInitialization } = await import('./commands/experiment-initialization');
      await experimentInitialization(options, context);
    });
  subcommand(experiment, 'optimization')
    .description('train the 3-layer net on the moons with mini-batch gradient descent, momentum and Adam; write run.json and the report')
    .option('--out <dir>', 'output directory', OPTIMIZATION_OUT_DIR)
    .option('--epochs <n>', 'epochs per model (default: 10000, as the course)', parsePositiveInteger)
    .option('--json', 'print one JSON object (paths and results) on stdout and nothing else')
    .option('--quiet', 'no progress and no notes: only the results')
    .option('--html', HTML_OPTION_HELP)
    .action(async (options: ExperimentOptimizationOptions) => {
      const { experimentOptimization } = await import('./commands/experiment-optimization');
      await experimentOptimization(options, context);
    });
  subcommand(experiment, 'batchnorm')
    .description(
      'batch norm: forward statistics, gradient checks, backward speed, then MNIST trainings (deep MLP, weight-scale sweep, batch sizes) on worker threads; write run.json and the report',
    )
    .option('--out <dir>', 'output directory', BATCHNORM_OUT_DIR)
    .option('--workers <n>', 'worker threads for the trainings (default: one per core)', parsePositiveInteger)
    .option('--json', 'print one JSON object (paths and results) on stdout and nothing else')
    .option('--quiet', 'no progress and no notes: only the results')
    .option('--html', HTML_OPTION_HELP)
    .action(async (options: ExperimentBatchnormOptions) => {
      const { experimentBatchnorm } = await import('./commands/experiment-batchnorm');
      await experimentBatchnorm(options, context);
    });

  subcommand(program, 'train')
    .description('train any model a YAML or JSON config describes (layers, loss, data, optimizer); write run.json and the report')
    .requiredOption('--config <file>', 'run config (.yaml, .yml or .json), or a run record to rerun')
    .option('--data <path>', "replaces the config's data file (a mat or csv path)")
    .option('--out <dir>', 'output directory: run.json, the report, checkpoints', TRAIN_OUT_DIR)
    .option('--resume', "continue from the config's last checkpoint in --out")
    .option('--json', 'print one JSON object (paths and results) on stdout and nothing else')
    .option('--quiet', 'no progress: only the results')
    .option('--html', HTML_OPTION_HELP)
    .action(async (options: TrainOptions) => {
      const { trainCommand } = await import('./commands/train');
      await trainCommand(options, context);
    });

  subcommand(program, 'sweep')
    .description('train a run config many times with some values varied (grid, random or TPE); journal every trial, resume after a crash')
    .requiredOption('--config <file>', 'sweep config (.yaml, .yml or .json)')
    .option('--out <dir>', 'output directory: journal.jsonl, trials/<id>/run.json, the report', SWEEP_OUT_DIR)
    .option('--workers <n>', 'worker threads on this machine (default: one per core)', parsePositiveInteger)
    .addOption(
      new Option(
        '--queue [url]',
        'put the trials on a Redis queue (redis://[:password@]host:port, rediss:// for TLS) for `lab worker`s; without a URL, LAB_QUEUE_URL',
      ).conflicts('workers'),
    )
    .option('--resume', 'continue the sweep in --out from its journal: run only the trials without a result')
    .option('--json', 'print one JSON document (journal, report, every trial) on stdout and nothing else')
    .option('--quiet', 'no progress: only the results')
    .option('--html', HTML_OPTION_HELP)
    .action(async (options: SweepOptions) => {
      // The config is read and validated before the sweep's modules (the trainer, worker pools, the
      // Redis client) load: a mistake in it is reported at once.
      const { loadSweepConfig } = await import('./config/load-sweep-config');
      const loaded = await loadSweepConfig(resolve(io.cwd, options.config));
      // Then the threads, which load the trial task while this thread loads the sweep's modules.
      const { startSweepThreads } = await import('./sweep-threads');
      const threads = await startSweepThreads(options, loaded);
      try {
        const { sweepCommand } = await import('./commands/sweep');
        await sweepCommand(options, context, { loaded, ...(threads === undefined ? {} : { threads }) });
      } finally {
        await threads?.pool.close();
      }
    });

  subcommand(program, 'worker')
    .description('take sweep trials from a Redis queue and run them on this machine until stopped (Ctrl-C: finish the running trials)')
    .requiredOption('--queue [url]', 'the queue: redis://[:password@]host:port, rediss:// for TLS; without a URL, LAB_QUEUE_URL')
    .option('--workers <n>', 'trials at once, on worker threads (default: one per core)', parsePositiveInteger)
    .option('--data-dir <dir>', "where the trials' data files are; a job naming a file outside it is refused", '.')
    .option(
      '--lock-ms <ms>',
      'how long a trial stays with a worker that stopped answering before it goes to another',
      parsePositiveInteger,
      30_000,
    )
    .option('--stalled-check-ms <ms>', 'how often this worker looks for trials whose worker died', parsePositiveInteger, 30_000)
    .option('--quiet', 'no line per trial')
    .action(async (options: WorkerOptions) => {
      const { workerCommand } = await import('./commands/worker');
      await workerCommand(options, context);
    });

  subcommand(program, 'report')
    .description('render report.md and its SVG figures from a saved run record')
    .argument('<run.json>', 'run record written by `lab experiment` or `lab train`')
    .option('--out <dir>', "output directory (default: the run record's directory)")
    .option('--html', HTML_OPTION_HELP)
    .option('--json', 'print one JSON object with the paths written')
    .action(async (runFile: string, options: ReportOptions) => {
      const { reportCommand } = await import('./commands/report');
      await reportCommand(runFile, options, context);
    });

  subcommand(program, 'gradcheck')
    .description('check every kernel and loss against numerical gradients (exit code 1 if any fails)')
    .option('--json', 'print one JSON object with every relative error')
    .action(async (options: GradcheckOptions) => {
      const { gradcheckCommand } = await import('./commands/gradcheck');
      gradcheckCommand(options, context);
    });

  return program;
}

/**
 * A subcommand with its own `--version` (commander copies the output settings and
 * exitOverride to subcommands, but not the version option).
 */
function subcommand(parent: Command, name: string): Command {
  return parent.command(name).version(CLI_VERSION);
}

function helpWidth(stream: CliIo['stdout']): number {
  return stream.columns !== undefined && stream.columns > 40 ? stream.columns : 80;
}
