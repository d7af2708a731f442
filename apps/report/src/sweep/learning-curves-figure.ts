import type { TopLevelSpec } from 'vega-lite';
import { FIGURE_CONFIG, seriesColorScale, thin } from '../figure-theme';
import type { LearningCurve } from './sweep-report-input';

/** The file name of the learning-curve figure. */
export const LEARNING_CURVES_FILE = 'learning-curves.svg';

/** Vega-Lite spec: the curves' costs against iteration, overlaid, log y when every cost is positive. */
export function learningCurvesSpec(curves: readonly LearningCurve[]): TopLevelSpec {
  const values = curves.flatMap((curve) => thin(curve.costs, 600).map(({ iteration, cost }) => ({ trial: curve.label, iteration, cost })));
  const log = values.every((v) => v.cost > 0);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: FIGURE_CONFIG,
    title: { text: 'Learning curves of the best and worst trials', subtitle: `training cost${log ? ' (log scale)' : ''}` },
    width: 560,
    height: 320,
    data: { values },
    mark: { type: 'line', strokeWidth: 2 },
    encoding: {
      x: { field: 'iteration', type: 'quantitative', title: 'iteration', axis: { format: ',d' } },
      y: { field: 'cost', type: 'quantitative', title: 'cost', scale: log ? { type: 'log' } : { zero: false } },
      color: {
        field: 'trial',
        type: 'nominal',
        title: 'trial',
        scale: seriesColorScale(curves.map((c) => c.label)),
        // Below the plot: inside it, the legend would cover some curve.
        legend: { orient: 'bottom', direction: 'horizontal', columns: Math.min(2, curves.length), labelLimit: 320 },
      },
    },
  };
}
