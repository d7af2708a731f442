import type { BatchnormRecord } from './record';
import { batchnormConclusions } from './report/conclusions';

/** The experiment's results in brief: what `lab experiment batchnorm` prints (and its `--json` holds). */
export interface BatchnormFindings {
  readonly workers: number;
  readonly seed: number;
  /** The largest relative error of every gradient check. */
  readonly worstGradientError: number;
  /** Staged / alt backward time per shape. */
  readonly backwardSpeedup: readonly { readonly n: number; readonly d: number; readonly speedup: number }[];
  /** Best validation accuracy per training job id. */
  readonly bestValAccuracy: Readonly<Record<string, number>>;
  /** The report's conclusions, one string per part (speed excluded). */
  readonly conclusions: readonly string[];
}

/** The findings of a finished batch-norm run. */
export function batchnormFindings(record: BatchnormRecord): BatchnormFindings {
  const runs = [...record.deepMlp.runs, ...record.weightScaleSweep.runs, ...record.batchSize.runs];
  return {
    workers: record.workers,
    seed: record.seed,
    worstGradientError: Math.max(...record.gradientChecks.checks.flatMap((c) => [c.dx, c.dgamma, c.dbeta])),
    backwardSpeedup: record.backwardSpeed.timings.map(({ n, d, speedup }) => ({ n, d, speedup })),
    bestValAccuracy: Object.fromEntries(runs.map((run) => [run.job.id, run.bestValAccuracy])),
    conclusions: batchnormConclusions(record),
  };
}

/** The findings as lines for a terminal: the conclusions, one per part, then the backward speedups. */
export function formatBatchnormFindings(findings: BatchnormFindings): string[] {
  const speed = findings.backwardSpeedup.map((t) => `${t.speedup.toFixed(1)}× at (${t.n}, ${t.d})`).join(', ');
  return [
    'Conclusions:',
    ...findings.conclusions.map((sentence) => `- ${sentence}`),
    `Backward speed, closed form against staged: ${speed}.`,
  ];
}
