import type { ModelResult } from '@lab/trainer';
import type { TopLevelSpec } from 'vega-lite';
import { FIGURE_CONFIG, seriesColorScale, thin } from '../figure-theme';

/** More points than this per series are thinned evenly (first and last kept): the SVG stays small. */
export const MAX_POINTS_PER_SERIES = 600;

/** The file name of the cost-curve figure. */
export const COST_CURVES_FILE = 'cost-curves.svg';

interface CostPoint {
  readonly model: string;
  readonly iteration: number;
  readonly cost: number;
}

/**
 * The Vega-Lite spec of the cost curves: one line per model, cost against iteration,
 * log-scale y when every cost is positive. (The legend stays for one model: it names the run.)
 * @param models - the record's models
 * @param labels - one distinct label per model (see `modelLabels`)
 */
export function costCurvesSpec(models: readonly ModelResult[], labels: readonly string[]): TopLevelSpec {
  const values: CostPoint[] = models.flatMap((model, m) =>
    thin(model.costs, MAX_POINTS_PER_SERIES).map(({ iteration, cost }) => ({ model: labels[m] ?? model.name, iteration, cost })),
  );
  const logScale = values.every((v) => v.cost > 0);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: FIGURE_CONFIG,
    title: {
      text: 'Cost during training',
      subtitle: `cross-entropy cost${logScale ? ' (log scale)' : ''}${models.length === 1 ? '' : ', all models'}`,
    },
    width: 620,
    height: 360,
    data: { values },
    mark: { type: 'line', strokeWidth: 2, interpolate: 'linear' },
    encoding: {
      x: { field: 'iteration', type: 'quantitative', title: 'iteration', axis: { format: ',d' } },
      y: { field: 'cost', type: 'quantitative', title: 'cost', scale: logScale ? { type: 'log' } : { zero: false } },
      color: {
        field: 'model',
        type: 'nominal',
        title: 'model',
        scale: seriesColorScale(labels),
        legend: { orient: 'top-right', fillColor: 'white', padding: 6, strokeColor: '#bbb', labelLimit: 320 },
      },
    },
  };
}
