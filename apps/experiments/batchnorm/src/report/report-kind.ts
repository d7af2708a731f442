import type { ReportKind } from '@lab/report';
import { type BatchnormRecord, batchnormRecordSchema } from '../record';
import { batchnormIssues } from './consistency';
import { renderBatchnormReport } from './render-batchnorm-report';

/** The `batchnorm` record kind for `@lab/report`: pass it in the `kinds` option to read and render these records. */
export const batchnormReportKind: ReportKind<BatchnormRecord> = {
  kind: 'batchnorm',
  schema: batchnormRecordSchema,
  issues: batchnormIssues,
  render: renderBatchnormReport,
};
