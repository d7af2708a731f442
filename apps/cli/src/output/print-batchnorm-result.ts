import { dirname } from 'node:path';
import { type BatchnormFindings, type BatchnormRecord, batchnormFindings, formatBatchnormFindings } from '@lab/experiment-batchnorm';
import type { CliIo } from '../cli-io';
import { displayPath } from './display-path';
import { reportPageField, reportPageLines } from './report-page';
import type { RunOutputs } from './run-outputs';

/** The machine-readable result of `lab experiment batchnorm --json`: where the files are, and the findings. */
export interface BatchnormSummary extends BatchnormFindings {
  readonly command: 'experiment batchnorm';
  /** Absolute paths. */
  readonly runRecord: string;
  readonly report: string;
  /** `report.html`, when `--html` wrote it. */
  readonly html?: string;
  readonly figures: readonly string[];
  /** True when the run replaced a previous run's outputs in its output directory. */
  readonly replaced: boolean;
  /** Seconds from start to the report written. */
  readonly seconds: number;
}

/** Summarizes a finished batch-norm run for `--json`. */
export function summarizeBatchnormRun(record: BatchnormRecord, outputs: RunOutputs, seconds: number): BatchnormSummary {
  return {
    command: 'experiment batchnorm',
    runRecord: outputs.runPath,
    report: outputs.reportPath,
    ...reportPageField(outputs.htmlPath),
    figures: [...outputs.figures],
    replaced: outputs.replaced,
    ...batchnormFindings(record),
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
  const lines = [
    ...formatBatchnormFindings(summary),
    `Run record: ${displayPath(outputs.runPath, io.cwd)}`,
    `Report:     ${displayPath(outputs.reportPath, io.cwd)} (${outputs.figures.length} figures beside it)`,
    ...reportPageLines(outputs.htmlPath, io.cwd, 'Page:       '),
    ...(outputs.replaced ? [`Replaced the previous outputs in ${displayPath(dirname(outputs.runPath), io.cwd)}.`] : []),
    `Done in ${seconds.toFixed(1)} s with ${record.workers} worker${record.workers === 1 ? '' : 's'}.`,
  ];
  io.stdout.write(`${lines.join('\n')}\n`);
}
