import { batchnormReportKind } from '@lab/experiment-batchnorm';
import { initializationReportKind } from '@lab/experiment-initialization';
import { optimizationReportKind } from '@lab/experiment-optimization';
import { regularizationReportKind } from '@lab/experiment-regularization';
import type { ReportKind } from '@lab/report';

/** The record kinds `lab` reports besides `@lab/report`'s built-in `train`: the experiments'. */
export const REPORT_KINDS: readonly ReportKind[] = [
  regularizationReportKind,
  batchnormReportKind,
  initializationReportKind,
  optimizationReportKind,
];
