import {
  type BatchnormRecord,
  batchnormRecordSchema,
  type RegularizationRecord,
  RUN_RECORD_VERSION,
  regularizationRecordSchema,
  type TrainRecord,
  trainRecordSchema,
} from '@lab/trainer';
import { batchnormIssues } from './batchnorm/consistency';
import { formatIssue, type RecordIssue } from './internal/format-issue';
import { regularizationIssues } from './regularization/consistency';
import { ReportError } from './report-error';

/** Every run record this app can report, told apart by `kind`. */
export type RunRecord = RegularizationRecord | TrainRecord | BatchnormRecord;

/** The `kind` values this app understands. */
export type RunRecordKind = RunRecord['kind'];

/** Anything with zod's `safeParse` shape; keeps this file free of a direct zod dependency. */
interface RecordSchema {
  safeParse(value: unknown): { success: true; data: unknown } | { success: false; error: { issues: RecordIssue[] } };
}

/** The schema of each record kind. A new kind (issue 9: batch norm) adds an entry here and cases below and in `renderReport`. */
const SCHEMAS: { readonly [K in RunRecordKind]: RecordSchema } = {
  regularization: regularizationRecordSchema,
  train: trainRecordSchema,
  batchnorm: batchnormRecordSchema,
};

/** Cross-field checks the schema cannot express, dispatched on `kind`. */
function kindIssues(record: RunRecord): RecordIssue[] {
  switch (record.kind) {
    case 'regularization':
    case 'train':
      return regularizationIssues(record);
    case 'batchnorm':
      return batchnormIssues(record);
    default:
      return unknownKind(record);
  }
}

function unknownKind(record: never): never {
  // With every kind handled, `record` is `never` here; at run time it is a record of an unknown kind.
  const kind = (record as { kind?: unknown }).kind;
  throw new Error(`parseRunRecord: no checks for record kind ${JSON.stringify(kind)}`);
}

/** The record kinds {@link parseRunRecord} accepts, sorted. */
export const RUN_RECORD_KINDS: readonly RunRecordKind[] = (Object.keys(SCHEMAS) as RunRecordKind[]).sort();

function isKnownKind(kind: unknown): kind is RunRecordKind {
  return typeof kind === 'string' && Object.hasOwn(SCHEMAS, kind);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? JSON.stringify(value) : typeof value === 'object' ? 'an object' : String(value);
}

function fail(source: string, lines: readonly string[]): never {
  const first = `${source}: ${lines[0]}`;
  const more = lines.length > 1 ? ` (and ${lines.length - 1} more problem${lines.length > 2 ? 's' : ''})` : '';
  throw new ReportError(
    first + more,
    lines.map((line) => `${source}: ${line}`),
  );
}

/**
 * Validates a parsed run record: `schemaVersion` first (so a record from another
 * version gets a clear message rather than a list of field errors), then `kind`, then
 * the kind's schema and its cross-field checks.
 * @param value - the parsed JSON
 * @param source - what to call the record in messages, usually its file name (`run.json`)
 * @returns the typed record
 * @throws ReportError `run.json: models[1].trainAccuracy: expected number, received string`;
 *   `run.json: schemaVersion: version 2 is not supported (this report reads version 1) …`;
 *   `run.json: kind: unknown record kind "x" (known: batchnorm, regularization, train)`
 */
export function parseRunRecord(value: unknown, source = 'run record'): RunRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(source, [`expected a run record (a JSON object), got ${describe(value)}`]);
  }
  const { schemaVersion, kind } = value as { schemaVersion?: unknown; kind?: unknown };
  if (schemaVersion === undefined) {
    fail(source, ['schemaVersion: missing; is this a lab run record?']);
  }
  if (schemaVersion !== RUN_RECORD_VERSION) {
    const hint =
      typeof schemaVersion === 'number' && schemaVersion > RUN_RECORD_VERSION
        ? 'written by a newer lab; upgrade @lab/report'
        : 'written by an older or foreign tool; re-run the experiment to get a current record';
    fail(source, [
      `schemaVersion: version ${describe(schemaVersion)} is not supported (this report reads version ${RUN_RECORD_VERSION}): ${hint}`,
    ]);
  }
  if (!isKnownKind(kind)) {
    fail(source, [`kind: unknown record kind ${describe(kind)} (known: ${RUN_RECORD_KINDS.join(', ')})`]);
  }
  const parsed = SCHEMAS[kind].safeParse(value);
  if (!parsed.success) fail(source, parsed.error.issues.map(formatIssue));
  // The schema of `kind` accepted it, so it is that kind's record.
  const record = parsed.data as RunRecord;
  const issues = kindIssues(record);
  if (issues.length > 0) fail(source, issues.map(formatIssue));
  return record;
}

/**
 * The cross-field checks of {@link parseRunRecord} for a record that is already typed
 * (e.g. built in memory by the CLI, so never parsed).
 * @throws ReportError naming the field path of the first problem
 */
export function assertConsistentRecord(record: RunRecord, source = 'run record'): void {
  const issues = kindIssues(record);
  if (issues.length > 0) fail(source, issues.map(formatIssue));
}
