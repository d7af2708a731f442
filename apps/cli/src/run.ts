import { cleanStream } from './clean-stream';
import type { CliIo } from './cli-io';
import type { CommandContext } from './command-context';
import { EXIT_CODES, handleError } from './handle-error';
import { InterruptedError, reportInterrupt } from './interrupt';
import { createProgram } from './program';

/**
 * Runs the `lab` command line in-process and returns its exit code; never calls `process.exit`.
 * A `LabError` (the user's mistake) prints one line, `lab: <message>`, on stderr; any other
 * error is a bug in lab and prints its stack trace. `--debug` prints stacks for everything.
 * A training stopped by Ctrl-C prints `lab: interrupted` and returns 130. Control characters in
 * anything written (a run name, a path) come out escaped (see `cleanStream`).
 * @param argv - the arguments after `lab`, e.g. `['experiment', 'regularization', '--json']`
 * @param rawIo - streams, environment and working directory
 * @returns 0 on success, 1 for a LabError or a failed check, 2 for a usage error, 130 when interrupted (see EXIT_CODES)
 */
export async function run(argv: readonly string[], rawIo: CliIo): Promise<number> {
  // Names, paths and messages from outside reach the terminal with their control characters escaped.
  const io: CliIo = { ...rawIo, stdout: cleanStream(rawIo.stdout), stderr: cleanStream(rawIo.stderr) };
  const context: CommandContext = { io, exitCode: EXIT_CODES.ok };
  try {
    await createProgram(context).parseAsync([...argv], { from: 'user' });
    return context.exitCode;
  } catch (error) {
    if (error instanceof InterruptedError) return reportInterrupt(error.signal, io.stderr, io.env);
    return handleError(error, io.stderr, wantsDebug(argv));
  }
}

/** `--debug` anywhere before a `--` terminator, also when parsing failed before commander saw it. */
function wantsDebug(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).includes('--debug');
}
