import type { DecisionGrid } from '@lab/run-record';

/** A plot window: `[min, max]` on each axis. */
export interface PlotRange {
  readonly x: readonly [min: number, max: number];
  readonly y: readonly [min: number, max: number];
}

/** The course's football-field window: x from -0.75 to 0.40, y from -0.75 to 0.65. */
export const COURSE_RANGE: PlotRange = { x: [-0.75, 0.4], y: [-0.75, 0.65] };

/** One rectangle of constant predicted class, in data coordinates. */
export interface RegionRect {
  readonly x: number;
  readonly x2: number;
  readonly y: number;
  readonly y2: number;
  /** The predicted class: 1 when P(y = 1) > 0.5 (the course's `a3 > 0.5`), or the grid's class for a multi-class grid. */
  readonly predicted: number;
}

/** Node spacing along one axis; a single node covers the whole [min, max] span. */
function step(min: number, max: number, n: number): number {
  return n > 1 ? (max - min) / (n - 1) : max - min;
}

/**
 * Turns a decision grid into a coarse raster: grid node (ix, iy) sits at
 * `(xMin + ix·dx, yMin + iy·dy)` and stands for the cell of size dx × dy around it;
 * neighbouring cells of one row with the same predicted class merge into one rectangle,
 * so a 100 × 100 grid becomes a few hundred rectangles, not 10 000. Cells are clipped to `range`.
 * @param grid - `values[iy * nx + ix]` is P(y = 1), or with `classes` the predicted class; length nx·ny
 * @param range - the plot window
 * @returns rectangles in row order, left to right
 */
export function decisionRegions(grid: DecisionGrid, range: PlotRange): RegionRect[] {
  const dx = step(grid.xMin, grid.xMax, grid.nx);
  const dy = step(grid.yMin, grid.yMax, grid.ny);
  const clampX = (v: number) => Math.min(range.x[1], Math.max(range.x[0], v));
  const clampY = (v: number) => Math.min(range.y[1], Math.max(range.y[0], v));
  const multiclass = grid.classes !== undefined;
  const predictedAt = (ix: number, iy: number): number => {
    const value = grid.values[iy * grid.nx + ix] ?? 0;
    return multiclass ? value : value > 0.5 ? 1 : 0;
  };
  const rects: RegionRect[] = [];
  for (let iy = 0; iy < grid.ny; iy++) {
    const yc = grid.yMin + iy * dy;
    const y = clampY(yc - dy / 2);
    const y2 = clampY(yc + dy / 2);
    if (y2 <= y) continue;
    let start = 0;
    for (let ix = 1; ix <= grid.nx; ix++) {
      if (ix < grid.nx && predictedAt(ix, iy) === predictedAt(start, iy)) continue;
      const x = clampX(grid.xMin + start * dx - dx / 2);
      const x2 = clampX(grid.xMin + (ix - 1) * dx + dx / 2);
      if (x2 > x) rects.push({ x, x2, y, y2, predicted: predictedAt(start, iy) });
      start = ix;
    }
  }
  return rects;
}

/**
 * The plot window for a set of points: the course's window, widened (with 5 % margin)
 * only when some points fall outside it, so no training point is ever cut off.
 * @param points - (N, 2) coordinates
 */
export function plotRangeFor(points: readonly (readonly [number, number])[]): PlotRange {
  let [xMin, xMax] = COURSE_RANGE.x;
  let [yMin, yMax] = COURSE_RANGE.y;
  const outside = points.some(([px, py]) => px < xMin || px > xMax || py < yMin || py > yMax);
  if (!outside) return COURSE_RANGE;
  for (const [px, py] of points) {
    xMin = Math.min(xMin, px);
    xMax = Math.max(xMax, px);
    yMin = Math.min(yMin, py);
    yMax = Math.max(yMax, py);
  }
  const mx = 0.05 * (xMax - xMin);
  const my = 0.05 * (yMax - yMin);
  return { x: [xMin - mx, xMax + mx], y: [yMin - my, yMax + my] };
}
