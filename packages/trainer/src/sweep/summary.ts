import { canonicalJson } from './canonical-json';
import { scoreOf } from './early-termination';
import type { JsonValue } from './param-path';
import { applyParameters, type SweepConfig } from './sweep-config';
import type { TrialResult } from './trial';

/** A metric over a point's repeats. */
export interface MetricSpread {
  readonly mean: number;
  /** Sample standard deviation (n − 1), 0 for one repeat. */
  readonly std: number;
  readonly min: number;
  readonly max: number;
  readonly n: number;
}

/** One point of the search space with its trials (one per repeat) and their metrics' spread. */
export interface PointSummary {
  readonly point: number;
  readonly params: { readonly [name: string]: JsonValue };
  readonly trials: readonly TrialResult[];
  /** Every metric the point's trials all have. */
  readonly metrics: { readonly [name: string]: MetricSpread };
  /** Trials of this point that early termination stopped. */
  readonly stopped: number;
}

/** Mean, sample standard deviation, min and max. */
export function spreadOf(values: readonly number[]): MetricSpread {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const variance = n > 1 ? values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1) : 0;
  return { mean, std: Math.sqrt(variance), min: Math.min(...values), max: Math.max(...values), n };
}

/** The results grouped by point, in point order. */
export function summarizePoints(results: readonly TrialResult[]): PointSummary[] {
  const byPoint = new Map<number, TrialResult[]>();
  for (const result of results) {
    const list = byPoint.get(result.trial.point) ?? [];
    list.push(result);
    byPoint.set(result.trial.point, list);
  }
  return [...byPoint.entries()]
    .sort(([a], [b]) => a - b)
    .map(([point, trials]) => {
      const names = Object.keys(trials[0]?.metrics ?? {}).filter((name) => trials.every((t) => typeof t.metrics[name] === 'number'));
      const metrics: { [name: string]: MetricSpread } = {};
      for (const name of names) metrics[name] = spreadOf(trials.map((t) => t.metrics[name] as number));
      return {
        point,
        params: (trials[0] as TrialResult).trial.params,
        trials,
        metrics,
        stopped: trials.filter((t) => t.status === 'stopped').length,
      };
    });
}

/**
 * The best point by the mean of the sweep's metric over its repeats. Points with a stopped trial
 * only compete when no point ran every repeat to the end.
 */
export function bestPoint(config: SweepConfig, points: readonly PointSummary[]): PointSummary | undefined {
  const { name, goal } = config.metric;
  const complete = points.filter((p) => p.stopped === 0);
  const pool = complete.length > 0 ? complete : points;
  let best: PointSummary | undefined;
  for (const point of pool) {
    const spread = point.metrics[name];
    if (spread === undefined) continue;
    const bestSpread = best?.metrics[name];
    if (bestSpread === undefined || scoreOf(spread.mean, goal) > scoreOf(bestSpread.mean, goal)) best = point;
  }
  return best;
}

/** The run config of a point with the sweep's seed (repeat 0's): a ready `lab train` config. */
export function pointRunConfig(config: SweepConfig, point: PointSummary): JsonValue {
  return applyParameters(
    config,
    config.parameters.map((p) => point.params[p.name] as JsonValue),
    config.seed,
  );
}

/** The parameters that take more than one value among the points: the columns worth showing. */
export function variedParameters(config: SweepConfig, points: readonly PointSummary[]): string[] {
  return config.parameters.map((p) => p.name).filter((name) => new Set(points.map((point) => canonicalJson(point.params[name]))).size > 1);
}
