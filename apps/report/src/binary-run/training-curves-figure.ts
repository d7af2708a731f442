import { fromRecordedCost, type ModelResult } from '@lab/run-record';
import type { TopLevelSpec } from 'vega-lite';
import { FIGURE_CONFIG, SERIES_COLORS, thin } from '../figure-theme';
import { MAX_POINTS_PER_SERIES } from './cost-curves-figure';
import { movingAverage, movingAverageHalfWidth } from './moving-average';

/** The series of {@link trainingCurvesSpec}, in legend order. */
export const TRAINING_CURVE_SERIES = {
  raw: 'training set: each recorded mini-batch',
  smoothed: 'training set: moving average',
  test: 'test set (test mode, no L2)',
} as const;

const SERIES = [TRAINING_CURVE_SERIES.raw, TRAINING_CURVE_SERIES.smoothed, TRAINING_CURVE_SERIES.test];
const TRAIN_COLOR = SERIES_COLORS[0] ?? '#4c78a8';
const TEST_COLOR = SERIES_COLORS[1] ?? '#f58518';
/** Training solid, test dashed: told apart without colour too. */
export const TRAINING_CURVE_DASHES: Readonly<Record<string, readonly number[]>> = {
  [TRAINING_CURVE_SERIES.raw]: [1, 0],
  [TRAINING_CURVE_SERIES.smoothed]: [1, 0],
  [TRAINING_CURVE_SERIES.test]: [6, 4],
};

interface Point {
  readonly series: string;
  readonly iteration: number;
  readonly value: number;
}

/**
 * The cost figure of a mini-batch run: each recorded mini-batch's cost drawn faintly, its centred
 * moving average (window of 2h + 1 points, h from {@link movingAverageHalfWidth}) solid, and, when
 * the model has a test curve, the test set's cost beside them and its accuracy in a second panel,
 * dashed and in another colour. One legend, below the panels. Log-scale cost when every cost is
 * positive; costs of +∞ are left out of the lines (the subtitle says so).
 * @param model - a model with its recorded costs (one per mini-batch point) and optional `testCurve`
 */
export function trainingCurvesSpec(model: ModelResult): TopLevelSpec {
  const costs = model.costs.map(({ iteration, cost }) => ({ iteration, cost: fromRecordedCost(cost) }));
  const halfWidth = movingAverageHalfWidth(costs.length);
  const smoothed = movingAverage(
    costs.map((c) => c.cost),
    halfWidth,
  );
  const testCurve = model.testCurve ?? [];
  const values: Point[] = [];
  const smoothedValues: Point[] = [];
  for (const [i, { iteration, cost }] of costs.entries()) {
    if (Number.isFinite(cost)) values.push({ series: TRAINING_CURVE_SERIES.raw, iteration, value: cost });
    const average = smoothed[i];
    if (average !== null && average !== undefined)
      smoothedValues.push({ series: TRAINING_CURVE_SERIES.smoothed, iteration, value: average });
  }
  const testCosts = testCurve
    .map(({ iteration, cost }) => ({ series: TRAINING_CURVE_SERIES.test, iteration, value: fromRecordedCost(cost) }))
    .filter((p) => Number.isFinite(p.value));
  const costValues = [...thin(values, MAX_POINTS_PER_SERIES), ...thin(smoothedValues, MAX_POINTS_PER_SERIES), ...testCosts];
  const accuracies = testCurve.map(({ iteration, accuracy }) => ({ series: TRAINING_CURVE_SERIES.test, iteration, value: accuracy }));
  const infinite = costs.some((c) => !Number.isFinite(c.cost)) || testCurve.some((p) => p.cost === 'Infinity');
  const logScale = costValues.length > 0 && costValues.every((p) => p.value > 0);
  const present = SERIES.filter((s) => costValues.some((p) => p.series === s));
  const x = { field: 'iteration', type: 'quantitative' as const, title: 'iteration', axis: { format: ',d' } };
  // One legend for colour and dash (same field, same title): below the panels, never over a curve.
  const legend = {
    orient: 'bottom' as const,
    direction: 'vertical' as const,
    title: null,
    labelLimit: 400,
    symbolType: 'stroke',
    symbolStrokeWidth: 2.5,
    symbolOpacity: 1,
    symbolSize: 400,
  };
  const color = {
    field: 'series',
    type: 'nominal' as const,
    scale: { domain: present, range: present.map((s) => (s === TRAINING_CURVE_SERIES.test ? TEST_COLOR : TRAIN_COLOR)) },
    legend,
  };
  const strokeDash = {
    field: 'series',
    type: 'nominal' as const,
    scale: { domain: present, range: present.map((s) => [...(TRAINING_CURVE_DASHES[s] ?? [1, 0])]) },
    legend,
  };
  const y = (title: string, scale: object) => ({ field: 'value', type: 'quantitative' as const, title, scale });
  // One layer per series, each with its own weight: faint raw costs under the solid average.
  const seriesLayer = (series: string, mark: { opacity?: number; strokeWidth: number; point?: object }) => ({
    transform: [{ filter: { field: 'series', equal: series } }],
    mark: { type: 'line' as const, interpolate: 'linear' as const, ...mark },
    encoding: { x, color, strokeDash },
  });
  const costPanel = {
    width: 620,
    height: 300,
    data: { values: costValues },
    encoding: { y: y('cost', logScale ? { type: 'log' } : { zero: false }) },
    layer: [
      seriesLayer(TRAINING_CURVE_SERIES.raw, { opacity: 0.35, strokeWidth: 1 }),
      seriesLayer(TRAINING_CURVE_SERIES.smoothed, { strokeWidth: 2.5 }),
      ...(testCosts.length === 0 ? [] : [seriesLayer(TRAINING_CURVE_SERIES.test, { strokeWidth: 2 })]),
    ],
  };
  const accuracyPanel = {
    width: 620,
    height: 160,
    data: { values: accuracies },
    encoding: { y: y('test accuracy', { domain: [0, 1] }) },
    layer: [seriesLayer(TRAINING_CURVE_SERIES.test, { strokeWidth: 2, point: { filled: true, size: 30 } })],
  };
  const window = 2 * halfWidth + 1;
  const subtitle = [
    `faint: the cost of each recorded mini-batch; solid: its centred moving average over ${window} points`,
    testCurve.length === 0
      ? 'no test curve in this record'
      : `dashed: the test set's cost and accuracy at ${testCurve.length} points${logScale ? '; cost on a log scale' : ''}`,
    ...(infinite ? ['costs of +∞ left out'] : []),
  ];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: FIGURE_CONFIG,
    title: { text: 'Cost during training', subtitle },
    ...(accuracies.length === 0 ? costPanel : { vconcat: [costPanel, accuracyPanel], spacing: 16 }),
  } as TopLevelSpec;
}
