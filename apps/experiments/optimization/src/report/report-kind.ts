import { binaryRunIssues, type ReportKind } from '@lab/report';
import { type OptimizationRecord, optimizationRecordSchema } from '../record';
import { renderOptimizationReport } from './render-optimization-report';

/** The `optimization` record kind for `@lab/report`: pass it in the `kinds` option to read and render these records. */
export const optimizationReportKind: ReportKind<OptimizationRecord> = {
  kind: 'optimization',
  schema: optimizationRecordSchema,
  issues: binaryRunIssues,
  render: renderOptimizationReport,
};
