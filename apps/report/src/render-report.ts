import { checkedKind } from './parse-run-record';
import type { RenderedReport } from './rendered-report';
import type { ReportKindsOption, RunRecord } from './report-kind';

/**
 * Renders a run record as markdown plus SVG figures, in memory (no file system).
 * Deterministic: for a fixed record, the markdown outside the timings section and every
 * figure are byte-identical on every call. Async only because vega renders asynchronously.
 * @param record - a validated record (from `loadRunRecord`/`parseRunRecord`, or built by the trainer)
 * @param options - `kinds`: record kinds besides the built-in `train`, e.g. an experiment's
 * @returns `{ markdown, figures }`; figure file names are relative to report.md
 * @throws ReportError when the record's kind is unknown or the record is inconsistent (e.g. a decision grid with the wrong number of values)
 */
export async function renderReport(record: RunRecord, options: ReportKindsOption = {}): Promise<RenderedReport> {
  return checkedKind(record, options).render(record);
}
