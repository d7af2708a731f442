import { cleanText, isLabError } from '@lab/tensor';
import { CommanderError } from 'commander';
import type { CliStream } from './cli-io';

/** Exit codes of `lab`. */
export const EXIT_CODES = {
  ok: 0,
  /** A LabError (bad file, bad config, corrupt data, …), a failed gradient check, or a bug in lab. */
  failure: 1,
  /** The command line itself: unknown command or option, missing or invalid argument. */
  usage: 2,
  /** Stopped by SIGINT (Ctrl-C): 128 + 2, what shells report for it. */
  interrupted: 130,
  /** Stopped by SIGTERM: 128 + 15. */
  terminated: 143,
} as const;

/**
 * Turns an error that ended a command into output on stderr and an exit code:
 * - commander's (usage errors, `--help`, `--version`): already printed by commander; 0 or 2;
 * - a `LabError`, the user's mistake: one line, `lab: <message>`, plus its stack with `debug`; 1;
 * - anything else, a bug in lab: the full stack trace, always; 1.
 */
export function handleError(error: unknown, stderr: CliStream, debug: boolean): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.usage;
  if (isLabError(error)) {
    // One line, whatever the message holds: a newline (in a path, a name) shows as `\n`.
    stderr.write(`lab: ${cleanText(error.message)}\n`);
    if (debug && error.stack !== undefined) stderr.write(`${error.stack}\n`);
    return EXIT_CODES.failure;
  }
  const stack = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  stderr.write(`lab: internal error (a bug in lab; please report it with the command you ran):\n${stack}\n`);
  return EXIT_CODES.failure;
}
