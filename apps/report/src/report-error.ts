/**
 * The brand `@lab/tensor`'s `isLabError` checks. apps/report does not depend on
 * `@lab/tensor`, so it brands its own error class with the same registered symbol:
 * the CLI then treats a {@link ReportError} like any other `LabError` (one line, exit 1).
 */
const LAB_ERROR_BRAND = Symbol.for('@lab/error');

/**
 * A run record that cannot be reported: unreadable file, invalid JSON, unknown
 * `schemaVersion` or `kind`, or a field that fails validation. The message is one line,
 * `<source>: <field path>: <what is wrong>`, e.g. `run.json: models[1].trainAccuracy: expected number, received string`.
 */
export class ReportError extends Error {
  override name = 'ReportError';
  readonly [LAB_ERROR_BRAND] = true;
  /** Every problem found, one line each; `message` holds the first (and how many more there are). */
  readonly issues: readonly string[];

  constructor(message: string, issues: readonly string[] = [message]) {
    super(message);
    this.issues = issues;
  }
}
