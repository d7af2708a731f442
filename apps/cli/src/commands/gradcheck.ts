import { GRADIENT_CHECK_TOLERANCE } from '@lab/tensor';
import type { CommandContext } from '../command-context';
import { ALL_GRADIENT_CHECKS } from '../gradcheck/all-checks';
import { formatGradientChecks } from '../gradcheck/format-gradient-checks';
import { type GradientCheck, runGradientChecks } from '../gradcheck/gradient-check';

/** Options of `lab gradcheck`, as commander parsed them. */
export interface GradcheckOptions {
  readonly json?: boolean;
}

/**
 * `lab gradcheck`: checks every kernel's and loss's analytic gradients against numerical ones
 * and prints a table (or one JSON object); the exit code is 1 when any check fails.
 * @param checks - the checks to run (tests pass broken ones); default all of them
 */
export function gradcheckCommand(
  options: GradcheckOptions,
  context: CommandContext,
  checks: readonly GradientCheck[] = ALL_GRADIENT_CHECKS,
): void {
  const { io } = context;
  const results = runGradientChecks(checks);
  const failed = results.filter((result) => !result.passed).length;
  if (failed > 0) context.exitCode = 1;
  if (options.json === true) {
    io.stdout.write(
      `${JSON.stringify({ command: 'gradcheck', tolerance: GRADIENT_CHECK_TOLERANCE, passed: failed === 0, checks: results }, null, 2)}\n`,
    );
    return;
  }
  io.stdout.write(formatGradientChecks(results));
  if (failed === 0) {
    io.stdout.write(`\nAll ${results.length} gradient checks passed (relative error < ${GRADIENT_CHECK_TOLERANCE}).\n`);
  } else {
    io.stderr.write(`lab: ${failed} of ${results.length} gradient checks failed (relative error >= ${GRADIENT_CHECK_TOLERANCE})\n`);
  }
}
