import { type TrainRecord, trainRecordSchema } from '@lab/run-record';
import type { ReportKind } from '../report-kind';
import { binaryRunIssues } from './consistency';
import { renderTrainReport } from './render-train-report';

/** The built-in record kind: `train`, one configured training run (what `lab train` and `runFromConfig` write). */
export const trainReportKind: ReportKind<TrainRecord> = {
  kind: 'train',
  schema: trainRecordSchema,
  issues: binaryRunIssues,
  render: renderTrainReport,
};
