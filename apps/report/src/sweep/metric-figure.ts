import type { PointSummary } from '@lab/trainer';
import type { TopLevelSpec } from 'vega-lite';
import { FIGURE_CONFIG, seriesColorScale } from '../figure-theme';

/** The file name of the figure of the metrics against one parameter: `metric-vs-regularization-l2.svg`. */
export function metricFigureFile(parameter: string): string {
  return `metric-vs-${parameter
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase()}.svg`;
}

/**
 * The metrics shown beside the sweep's: a `test…`/`val…` metric is drawn with its `train…` twin
 * (and the other way round), so that fit and generalization sit side by side.
 */
export function pairedMetrics(metric: string, available: readonly string[]): string[] {
  const twin = /^(test|val)(.+)$/.exec(metric);
  const train = /^train(.+)$/.exec(metric);
  const candidates =
    twin !== null ? [`train${twin[2]}`, metric] : train !== null ? [metric, `test${train[1]}`, `val${train[1]}`] : [metric];
  return candidates.filter((name, i) => i === candidates.indexOf(name) && available.includes(name));
}

interface Datum {
  readonly value: number | string;
  readonly metric: string;
  readonly mean: number;
  readonly low: number;
  readonly high: number;
}

/**
 * Vega-Lite spec: each metric's mean over the repeats against one parameter, with a bar from
 * mean − sd to mean + sd, one colour per metric; a log x axis when the values are positive and
 * span two decades or more; lines join the points when the parameter is the only one varied.
 * @param points - the sweep's points
 * @param parameter - the parameter on the x axis (its name as in the sweep config)
 * @param metrics - the metrics drawn (see {@link pairedMetrics})
 * @param alone - true when no other parameter varies
 */
export function metricFigureSpec(
  points: readonly PointSummary[],
  parameter: string,
  metrics: readonly string[],
  alone: boolean,
): TopLevelSpec {
  const values: Datum[] = points.flatMap((point) =>
    metrics.flatMap((metric) => {
      const spread = point.metrics[metric];
      const raw = point.params[parameter];
      if (spread === undefined || raw === undefined) return [];
      const value = typeof raw === 'number' ? raw : JSON.stringify(raw);
      return [{ value, metric, mean: spread.mean, low: spread.mean - spread.std, high: spread.mean + spread.std }];
    }),
  );
  const numbers = values.map((d) => d.value).filter((v): v is number => typeof v === 'number');
  const numeric = numbers.length === values.length && values.length > 0;
  const log = numeric && Math.min(...numbers) > 0 && Math.max(...numbers) / Math.min(...numbers) >= 100;
  const x = {
    field: 'value',
    type: numeric ? ('quantitative' as const) : ('ordinal' as const),
    title: parameter,
    ...(log ? { scale: { type: 'log' as const } } : numeric ? { scale: { zero: false } } : {}),
  };
  const color = {
    field: 'metric',
    type: 'nominal' as const,
    title: 'metric',
    scale: seriesColorScale(metrics),
    legend: { orient: 'bottom' as const },
  };
  const repeats = Math.max(...points.map((p) => p.trials.length));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: FIGURE_CONFIG,
    title: {
      text: `${metrics.join(' and ')} against ${parameter}`,
      subtitle: repeats > 1 ? `mean over ${repeats} repeats, bars ± one standard deviation` : 'one trial per point',
    },
    width: 560,
    height: 320,
    data: { values },
    layer: [
      {
        mark: { type: 'rule', strokeWidth: 2 },
        encoding: { x, y: { field: 'low', type: 'quantitative', title: 'metric', scale: { zero: false } }, y2: { field: 'high' }, color },
      },
      ...(alone && numeric
        ? [
            {
              mark: { type: 'line' as const, strokeWidth: 1.5 },
              encoding: { x, y: { field: 'mean', type: 'quantitative' as const }, color },
            },
          ]
        : []),
      { mark: { type: 'point', filled: true, size: 50 }, encoding: { x, y: { field: 'mean', type: 'quantitative' }, color } },
    ],
  };
}
