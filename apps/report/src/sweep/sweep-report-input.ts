import type { SweepConfig, TrialResult } from '@lab/trainer';

/** One learning curve for the report: a trial's recorded costs. */
export interface LearningCurve {
  /** `best: t0003` */
  readonly label: string;
  readonly costs: readonly { readonly iteration: number; readonly cost: number }[];
}

/** What a sweep report is made from: the sweep, its final results, and what the caller read from the trials' records. */
export interface SweepReportInput {
  readonly config: SweepConfig;
  /** Every trial's final result, in trial order (`SweepStudy.results()`). */
  readonly results: readonly TrialResult[];
  /** The best and worst trials' cost curves (from their run records), overlaid in one figure. */
  readonly learningCurves: readonly LearningCurve[];
  /** The file holding the best point's run config, relative to report.md (`best-config.yaml`). */
  readonly bestConfigFile: string;
  /** That run config's text, shown in the report. */
  readonly bestConfigText: string;
}
