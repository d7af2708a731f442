import { RUN_RECORD_VERSION, RUN_RECORD_VERSIONS } from '@lab/run-record';
import { trainReportKind } from './binary-run/train-report-kind';
import { formatIssue } from './record-issue';
import { ReportError } from './report-error';
import type { ReportKind, ReportKindsOption, RunRecord } from './report-kind';

/** The built-in kinds: what `@lab/report` reads without any `kinds` option. */
const BUILT_IN_KINDS: readonly ReportKind[] = [trainReportKind];

/**
 * The built-in kinds and `kinds`, by name.
 * @throws ReportError when two kinds have the same name
 */
export function kindsByName(kinds: readonly ReportKind[] = []): ReadonlyMap<string, ReportKind> {
  const byName = new Map<string, ReportKind>();
  for (const kind of [...BUILT_IN_KINDS, ...kinds]) {
    if (byName.has(kind.kind)) throw new ReportError(`report kinds: two kinds are both named ${JSON.stringify(kind.kind)}`);
    byName.set(kind.kind, kind);
  }
  return byName;
}

/** Options of {@link parseRunRecord}. */
export interface ParseRunRecordOptions extends ReportKindsOption {
  /** What to call the record in messages, usually its file name (`run.json`). Default `run record`. */
  readonly source?: string;
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
 * @param options - `source` names the record in messages; `kinds` adds record kinds to the built-in `train`
 * @returns the validated record (narrow it by `kind`)
 * @throws ReportError `run.json: models[0].trainAccuracy: expected number, received string`;
 *   `run.json: schemaVersion: version 3 is not supported (this report reads versions 1, 2) …`;
 *   `run.json: kind: unknown record kind "x" (known: train)`
 */
export function parseRunRecord(value: unknown, options: ParseRunRecordOptions = {}): RunRecord {
  const source = options.source ?? 'run record';
  const kinds = kindsByName(options.kinds);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(source, [`expected a run record (a JSON object), got ${describe(value)}`]);
  }
  const { schemaVersion, kind } = value as { schemaVersion?: unknown; kind?: unknown };
  if (schemaVersion === undefined) {
    fail(source, ['schemaVersion: missing; is this a lab run record?']);
  }
  if (!RUN_RECORD_VERSIONS.includes(schemaVersion as number)) {
    const hint =
      typeof schemaVersion === 'number' && schemaVersion > RUN_RECORD_VERSION
        ? 'written by a newer lab; upgrade @lab/report'
        : 'written by an older or foreign tool; re-run the experiment to get a current record';
    fail(source, [
      `schemaVersion: version ${describe(schemaVersion)} is not supported (this report reads versions ${RUN_RECORD_VERSIONS.join(', ')}): ${hint}`,
    ]);
  }
  const handler = typeof kind === 'string' ? kinds.get(kind) : undefined;
  if (handler === undefined) {
    fail(source, [`kind: unknown record kind ${describe(kind)} (known: ${[...kinds.keys()].sort().join(', ')})`]);
  }
  const parsed = handler.schema.safeParse(value);
  if (!parsed.success) fail(source, parsed.error.issues.map(formatIssue));
  const issues = handler.issues?.(parsed.data) ?? [];
  if (issues.length > 0) fail(source, issues.map(formatIssue));
  return parsed.data;
}

/**
 * The kind of an already validated record, and its cross-field checks (for a record built in
 * memory, e.g. by the CLI, so never parsed).
 * @throws ReportError for an unknown kind, or naming the field path of the first problem
 */
export function checkedKind(record: RunRecord, options: ParseRunRecordOptions = {}): ReportKind {
  const source = options.source ?? 'run record';
  const kinds = kindsByName(options.kinds);
  const handler = kinds.get(record.kind);
  if (handler === undefined)
    fail(source, [`kind: unknown record kind ${describe(record.kind)} (known: ${[...kinds.keys()].sort().join(', ')})`]);
  const issues = handler.issues?.(record) ?? [];
  if (issues.length > 0) fail(source, issues.map(formatIssue));
  return handler;
}
