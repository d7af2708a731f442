import type { DecisionGrid } from '@lab/run-record';
import type { TopLevelSpec } from 'vega-lite';
import { classColors, FIGURE_CONFIG } from '../figure-theme';
import { decisionContour, interpolatedRegions } from './decision-contour';
import { decisionRegions, type PlotRange } from './decision-regions';

/** Legend entries of the predicted regions and of the training labels of a binary model, in class order 0, 1. */
export const REGION_NAMES = ['predicts y = 0', 'predicts y = 1'] as const;
export const LABEL_NAMES = ['y = 0', 'y = 1'] as const;

/** Legend entries for `classes` classes: the binary names for 2, `predicts class k` and `class k` for more. */
export function classNames(classes: number): { regions: string[]; labels: string[] } {
  if (classes <= 2) return { regions: [...REGION_NAMES], labels: [...LABEL_NAMES] };
  const ks = Array.from({ length: classes }, (_, k) => k);
  return { regions: ks.map((k) => `predicts class ${k}`), labels: ks.map((k) => `class ${k}`) };
}

/** Plot width in pixels; the height follows from the window so one unit is as long on both axes. */
const WIDTH = 420;

/** What one decision-boundary figure shows. */
export interface DecisionBoundaryInput {
  readonly label: string;
  /** One line under the title, e.g. the model's settings and accuracies. */
  readonly subtitle: string;
  readonly grid: DecisionGrid;
  /** x (N, 2) and labels (N,) of the training set. */
  readonly points: { readonly x: readonly (readonly [number, number])[]; readonly y: readonly number[] };
  readonly range: PlotRange;
  /** Classes the labels stand for (2 for labels 0/1). Default 2. */
  readonly classes?: number;
}

/**
 * The Vega-Lite spec of one model's decision boundary: for a binary model, the predicted regions
 * at the course's 0.01 mesh (see `interpolatedRegions`) with the boundary P(y = 1) = 0.5 drawn as a
 * contour line (see `decisionContour`); training points on top coloured by label, on the given
 * window with equal scales on both axes. A multi-class model (a grid with `classes`) gets one
 * region colour per class, as a raster of its grid (see `decisionRegions`).
 */
export function decisionBoundarySpec({
  label,
  subtitle,
  grid,
  points,
  range,
  classes = grid.classes ?? 2,
}: DecisionBoundaryInput): TopLevelSpec {
  const height = Math.round((WIDTH * (range.y[1] - range.y[0])) / (range.x[1] - range.x[0]));
  const names = classNames(classes);
  const colors = classColors(classes);
  // A binary model's regions at the course's 0.01 mesh, interpolated between the grid's nodes, and
  // its boundary (P = 0.5) as a contour line: no staircase of grid cells. Class grids stay a raster.
  const binary = grid.classes === undefined;
  const regions = (binary ? interpolatedRegions(grid, range) : decisionRegions(grid, range)).map((r) => ({
    ...r,
    region: names.regions[r.predicted] ?? `predicts class ${r.predicted}`,
  }));
  const pointValues = points.x.map(([x1, x2], i) => {
    const y = points.y[i] ?? 0;
    return { x1, x2, label: classes <= 2 ? names.labels[y === 1 ? 1 : 0] : (names.labels[y] ?? `class ${y}`) };
  });
  const x = { type: 'quantitative' as const, scale: { domain: [range.x[0], range.x[1]], nice: false, zero: false }, title: 'x₁' };
  const y = { type: 'quantitative' as const, scale: { domain: [range.y[0], range.y[1]], nice: false, zero: false }, title: 'x₂' };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: FIGURE_CONFIG,
    title: { text: `Decision boundary: ${label}`, subtitle },
    width: WIDTH,
    height,
    layer: [
      {
        data: { values: regions },
        // A hairline stroke in the fill colour hides the anti-aliasing seams between neighbouring rows.
        mark: { type: 'rect', strokeWidth: 0.6, aria: false },
        encoding: {
          x: { field: 'x', ...x },
          x2: { field: 'x2' },
          y: { field: 'y', ...y },
          y2: { field: 'y2' },
          color: {
            field: 'region',
            type: 'nominal',
            title: 'decision region',
            scale: { domain: names.regions, range: colors.region },
            legend: { orient: 'right', symbolType: 'square', symbolStrokeColor: '#888', symbolStrokeWidth: 0.5 },
          },
          stroke: { field: 'region', type: 'nominal', scale: { domain: names.regions, range: colors.region }, legend: null },
        },
      },
      ...(binary
        ? [
            {
              data: { values: decisionContour(grid, range) },
              mark: { type: 'rule' as const, color: '#555', strokeWidth: 1.2, aria: false },
              encoding: { x: { field: 'x1', ...x }, y: { field: 'y1', ...y }, x2: { field: 'x2' }, y2: { field: 'y2' } },
            },
          ]
        : []),
      {
        data: { values: pointValues },
        mark: { type: 'circle', size: 36, opacity: 1, stroke: 'white', strokeWidth: 0.6, aria: false },
        encoding: {
          x: { field: 'x1', ...x },
          y: { field: 'x2', ...y },
          color: {
            field: 'label',
            type: 'nominal',
            title: 'training point',
            scale: { domain: names.labels, range: colors.point },
            legend: { orient: 'right' },
          },
        },
      },
    ],
    resolve: { scale: { color: 'independent' }, legend: { color: 'independent' } },
  };
}
