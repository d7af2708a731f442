import { binaryRunIssues, type ReportKind } from '@lab/report';
import { type InitializationRecord, initializationRecordSchema } from '../record';
import { renderInitializationReport } from './render-initialization-report';

/** The `initialization` record kind for `@lab/report`: pass it in the `kinds` option to read and render these records. */
export const initializationReportKind: ReportKind<InitializationRecord> = {
  kind: 'initialization',
  schema: initializationRecordSchema,
  issues: binaryRunIssues,
  render: renderInitializationReport,
};
