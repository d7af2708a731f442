import type { RecordIssue } from './record-issue';
import type { RenderedReport } from './rendered-report';

/** What every run record has: the version of its schema and its kind, which picks its {@link ReportKind}. */
export interface RunRecord {
  readonly schemaVersion: number;
  readonly kind: string;
}

/**
 * A validator of one kind of record, shaped like a zod schema's `safeParse` (a zod schema is one),
 * so that the report does not depend on zod's types.
 */
export interface RecordSchema<R extends RunRecord> {
  safeParse(value: unknown): { success: true; data: R } | { success: false; error: { issues: readonly RecordIssue[] } };
}

/**
 * How `@lab/report` validates and renders one kind of run record. The `train` kind (what
 * `lab train` writes) is built in; an experiment plugs in its own kind by passing one of these in
 * the `kinds` option of {@link parseRunRecord}, {@link loadRunRecord}, {@link renderReport} and
 * {@link writeReport}.
 *
 * `render` must be deterministic: for a fixed record, the markdown outside the timing markers
 * (`TIMINGS_START`/`TIMINGS_END`) and every figure must be byte-identical on every call.
 */
export interface ReportKind<R extends RunRecord = RunRecord> {
  /** The record's `kind`, e.g. `batchnorm`. */
  readonly kind: string;
  /** Validates a parsed record of this kind (after its `schemaVersion` and `kind` were checked). */
  readonly schema: RecordSchema<R>;
  /**
   * Cross-field checks the schema cannot express (e.g. a grid holding nx·ny values).
   * @returns the problems found, each with its field path; empty when the record is consistent
   */
  issues?(record: R): RecordIssue[];
  /** Renders a validated, consistent record as markdown and figures, in memory. */
  render(record: R): Promise<RenderedReport>;
}

/** The `kinds` option of the functions that read or render records. */
export interface ReportKindsOption {
  /** Record kinds besides the built-in `train`, e.g. an experiment's. */
  readonly kinds?: readonly ReportKind[];
}
