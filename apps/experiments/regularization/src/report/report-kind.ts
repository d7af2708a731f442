import { binaryRunIssues, type ReportKind } from '@lab/report';
import { type RegularizationRecord, regularizationRecordSchema } from '../record';
import { renderRegularizationReport } from './render-regularization-report';

/** The `regularization` record kind for `@lab/report`: pass it in the `kinds` option to read and render these records. */
export const regularizationReportKind: ReportKind<RegularizationRecord> = {
  kind: 'regularization',
  schema: regularizationRecordSchema,
  issues: binaryRunIssues,
  render: renderRegularizationReport,
};
