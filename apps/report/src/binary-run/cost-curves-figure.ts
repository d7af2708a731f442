import type { ModelResult } from '@lab/run-record';
import type { TopLevelSpec } from 'vega-lite';
import { FIGURE_CONFIG, seriesColorScale, thin } from '../figure-theme';

/** More points than this per series are thinned evenly (first and last kept): the SVG stays small. */
export const MAX_POINTS_PER_SERIES = 600;

/** The file name of the cost-curve figure. */
export const COST_CURVES_FILE = 'cost-curves.svg';

/** One model's recorded costs, for {@link costCurvesChart}. */
export interface CostSeries {
  readonly label: string;
  /** x is the iteration (or epoch); a cost of `'Infinity'` is +∞ (see `recordedCost` in `@lab/trainer`). */
  readonly points: readonly { readonly x: number; readonly cost: number | 'Infinity' }[];
}

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
  return costCurvesChart(
    models.map((model, m) => ({
      label: labels[m] ?? model.name,
      points: model.costs.map(({ iteration, cost }) => ({ x: iteration, cost })),
    })),
    { xTitle: 'iteration' },
  );
}

/**
 * The Vega-Lite spec of cost curves: one line per series, cost against x (iterations or epochs),
 * log-scale y when every finite cost is positive. A cost of +∞ cannot sit on the scale: it is left
 * out of its line and drawn as a triangle in the series' colour on the top edge, labelled `+∞`, and
 * the subtitle says so. (The legend stays for one series: it names the run.)
 * @param series - one per model, in legend order; labels distinct
 * @param options - `xTitle`: the x axis's title and the data field's name, e.g. `iteration`, `epoch`
 */
export function costCurvesChart(series: readonly CostSeries[], options: { readonly xTitle: string }): TopLevelSpec {
  const labels = series.map((s) => s.label);
  const values: CostPoint[] = [];
  const infinite: { model: string; iteration: number }[] = [];
  for (const { label, points } of series) {
    for (const { x, cost } of thin(points, MAX_POINTS_PER_SERIES)) {
      if (cost === 'Infinity') infinite.push({ model: label, iteration: x });
      else values.push({ model: label, iteration: x, cost });
    }
  }
  // Without a finite cost (a run of no steps) the axes get a fixed range: scales over no data have none.
  const empty = values.length === 0;
  const logScale = !empty && values.every((v) => v.cost > 0);
  const x = {
    field: 'iteration',
    type: 'quantitative' as const,
    title: options.xTitle,
    axis: { format: ',d', ...(empty ? { values: [0, 1] } : {}) },
    ...(empty ? { scale: { domain: [0, 1] } } : {}),
  };
  const color = {
    field: 'model',
    type: 'nominal' as const,
    title: 'model',
    scale: seriesColorScale(labels),
    // Below the plot, never over it: a legend inside the plot covers some curve (L2's, from iteration
    // 20000 on, with the built-in data). Up to three entries a row.
    legend: { orient: 'bottom' as const, direction: 'horizontal' as const, columns: Math.min(3, labels.length), labelLimit: 320 },
  };
  const subtitle = empty
    ? 'no cost was recorded: the run took no training step'
    : `cross-entropy cost${logScale ? ' (log scale)' : ''}${series.length === 1 ? '' : ', all models'}`;
  const line = {
    mark: { type: 'line' as const, strokeWidth: 2, interpolate: 'linear' as const },
    encoding: {
      x,
      y: {
        field: 'cost',
        type: 'quantitative' as const,
        title: 'cost',
        scale: logScale ? { type: 'log' as const } : empty ? { domain: [0, 1] } : { zero: false },
      },
      color,
    },
  };
  const head = (text: string) => ({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: FIGURE_CONFIG,
    title: { text: 'Cost during training', subtitle: text },
    width: 620,
    height: 360,
  });
  if (infinite.length === 0) return { ...head(subtitle), data: { values }, ...line };
  return {
    ...head(`${subtitle}; ▲ on the top edge: a cost of +∞, off the scale`),
    // One colour scale for all layers, but the markers' legends kept apart and off: merged, their
    // `legend: null` would conflict with the lines' legend (vega-lite warns on every render).
    resolve: { legend: { color: 'independent' } },
    layer: [
      { data: { values }, ...line },
      {
        data: { values: infinite },
        mark: { type: 'point', shape: 'triangle-up', filled: true, size: 110, opacity: 1 },
        encoding: { x, y: { value: 0 }, color: { ...color, legend: null } },
      },
      {
        data: { values: infinite },
        mark: { type: 'text', align: 'left', baseline: 'top', dx: 8, dy: 2, fontSize: 12 },
        encoding: { x, y: { value: 0 }, text: { value: '+∞' }, color: { ...color, legend: null } },
      },
    ],
  };
}
