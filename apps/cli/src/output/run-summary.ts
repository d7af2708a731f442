import type { BinaryRunRecord } from '@lab/run-record';
import { reportPageField } from './report-page';
import type { RunOutputs } from './run-outputs';

/** How a run on the course's data compares with the published numbers (the regularization experiment's tally). */
export interface PublishedComparison {
  /** Comparable numbers that matched. */
  readonly matched: number;
  /** Numbers that were comparable (the run used the settings they hold for). */
  readonly comparable: number;
  readonly total: number;
  /** Why the others are not comparable: the settings that differ, `seed 4 ≠ 3`. Empty when all are. */
  readonly notComparable: readonly string[];
}

/** The machine-readable result of a run (`--json`): where its files are, and its numbers. */
export interface RunSummary {
  readonly command: string;
  /** Absolute paths. */
  readonly runRecord: string;
  readonly report: string;
  /** `report.html`, when `--html` wrote it. */
  readonly html?: string;
  readonly figures: readonly string[];
  /** True when the run replaced a previous run's outputs in its output directory. */
  readonly replaced: boolean;
  readonly dataset: {
    readonly name: string;
    readonly source: 'file' | 'builtin';
    readonly path?: string;
    readonly isCourseData: boolean;
    readonly trainSize: number;
    readonly testSize: number;
  };
  readonly seed: number;
  readonly numIterations: number;
  readonly learningRate: number;
  readonly models: readonly {
    readonly name: string;
    readonly lambd: number;
    readonly keepProb: number;
    readonly finalCost: number;
    readonly trainAccuracy: number;
    readonly testAccuracy: number;
    readonly seconds: number;
  }[];
  /** Present when the run was compared with published numbers (the regularization experiment on the course's data). */
  readonly published?: PublishedComparison;
  readonly totalSeconds: number;
}

/**
 * Summarizes a finished run for `--json`.
 * @param command - e.g. `experiment regularization`
 * @param published - how many published numbers the run matched, when it was compared with any
 */
export function summarizeRun(command: string, record: BinaryRunRecord, outputs: RunOutputs, published?: PublishedComparison): RunSummary {
  const { name, source, path, isCourseData, trainSize, testSize } = record.dataset;
  return {
    command,
    runRecord: outputs.runPath,
    report: outputs.reportPath,
    ...reportPageField(outputs.htmlPath),
    figures: [...outputs.figures],
    replaced: outputs.replaced,
    dataset: { name, source, ...(path === undefined ? {} : { path }), isCourseData, trainSize, testSize },
    seed: record.seed,
    numIterations: record.training.numIterations,
    learningRate: record.training.learningRate,
    models: record.models.map(({ name, lambd, keepProb, finalCost, trainAccuracy, testAccuracy, seconds }) => ({
      name,
      lambd,
      keepProb,
      finalCost,
      trainAccuracy,
      testAccuracy,
      seconds,
    })),
    ...(published === undefined ? {} : { published }),
    totalSeconds: record.totalSeconds,
  };
}
