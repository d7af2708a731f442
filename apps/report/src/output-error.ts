/** The brand `@lab/tensor`'s `isLabError` checks (see report-error.ts). */
const LAB_ERROR_BRAND = Symbol.for('@lab/error');

/**
 * An output directory that cannot be used or written: not a directory, holding files lab did not
 * write, locked by another lab run, or a write that failed (`cannot write to /x/out: no space left
 * on device (ENOSPC)`). One line; branded as a `LabError`, so the CLI prints it without a stack.
 */
export class OutputError extends Error {
  override name = 'OutputError';
  readonly [LAB_ERROR_BRAND] = true;
}
