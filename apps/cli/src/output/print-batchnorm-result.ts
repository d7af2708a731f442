import { batchnormConclusions } from '@lab/report';
import type { BatchnormRecord } from '@lab/trainer';
import type { CliIo } from '../cli-io';
import { displayPath } from './display-path';
import type { RunOutputs } from './write-run-outputs';

/** The machine-readable result of `lab experiment batchnorm --json`. */
export interface BatchnormSummary {
  readonly command: 'experiment batchnorm';
  /** Absolute paths. */
  readonly runRecord: string;
  readonly report: string;
  readonly figures: readonly string[];
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
  /** Seconds from start to the report written. */
  readonly seconds: number;
}

/** Summarizes a finished batch-norm run for `--json`. */
export function summarizeBatchnormRun(record: BatchnormRecord, outputs: RunOutputs, seconds: number): BatchnormSummary {
  const runs = [...record.deepMlp.runs, ...record.weightScaleSweep.runs, ...record.batchSize.runs];
  return {
    command: 'experiment batchnorm',
    runRecord: outputs.runPath,
    report: outputs.reportPath,
    figures: [...outputs.figures],
    workers: record.workers,
    seed: record.seed,
    worstGradientError: Math.max(...record.gradientChecks.checks.flatMap((c) => [c.dx, c.dgamma, c.dbeta])),
    backwardSpeedup: record.backwardSpeed.timings.map(({ n, d, speedup }) => ({ n, d, speedup })),
    bestValAccuracy: Object.fromEntries(runs.map((run) => [run.job.id, run.bestValAccuracy])),
    conclusions: batchnormConclusions(record),
    seconds,
  };
}

/**
 * Prints a finished batch-norm run on stdout: with `json`, one JSON object and nothing else;
 * otherwise the conclusions, one paragraph per part, the backward speedups, and where the
 * record and the report are.
 */
export function printBatchnormResult(io: CliIo, record: BatchnormRecord, outputs: RunOutputs, json: boolean, seconds: number): void {
  const summary = summarizeBatchnormRun(record, outputs, seconds);
  if (json) {
    io.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return;
  }
  const speed = summary.backwardSpeedup.map((t) => `${t.speedup.toFixed(1)}× at (${t.n}, ${t.d})`).join(', ');
  const lines = [
    'Conclusions:',
    ...summary.conclusions.map((sentence) => `- ${sentence}`),
    `Backward speed, closed form against staged: ${speed}.`,
    `Run record: ${displayPath(outputs.runPath, io.cwd)}`,
    `Report:     ${displayPath(outputs.reportPath, io.cwd)} (${outputs.figures.length} figures beside it)`,
    `Done in ${seconds.toFixed(1)} s with ${record.workers} worker${record.workers === 1 ? '' : 's'}.`,
  ];
  io.stdout.write(`${lines.join('\n')}\n`);
}
