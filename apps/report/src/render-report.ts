import { renderBatchnormReport } from './batchnorm/render-batchnorm-report';
import { assertConsistentRecord, type RunRecord } from './parse-run-record';
import { renderRegularizationReport } from './regularization/render-regularization-report';
import type { RenderedReport } from './rendered-report';
import { renderTrainReport } from './train/render-train-report';

/**
 * Renders a run record as markdown plus SVG figures, in memory (no file system).
 * Deterministic: for a fixed record, the markdown outside the timings section and every
 * figure are byte-identical on every call. Async only because vega renders asynchronously.
 * @param record - a validated record (from `loadRunRecord`/`parseRunRecord`, or built by the trainer)
 * @returns `{ markdown, figures }`; figure file names are relative to report.md
 * @throws ReportError when the record is inconsistent (e.g. a decision grid with the wrong number of values)
 */
export async function renderReport(record: RunRecord): Promise<RenderedReport> {
  assertConsistentRecord(record);
  switch (record.kind) {
    case 'regularization':
      return renderRegularizationReport(record);
    case 'train':
      return renderTrainReport(record);
    case 'batchnorm':
      return renderBatchnormReport(record);
    default:
      return unknownKind(record);
  }
}

/** Exhaustiveness check: adding a kind to `RunRecord` without a case here fails to compile. */
function unknownKind(record: never): never {
  // With every kind handled, `record` is `never` here; at run time it is a record of an unknown kind.
  const kind = (record as { kind?: unknown }).kind;
  throw new Error(`renderReport: no renderer for record kind ${JSON.stringify(kind)}`);
}
