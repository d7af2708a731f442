import type { DecisionGrid } from '@lab/run-record';
import type { PlotRange } from './decision-regions';

/** A straight piece of a contour, in data coordinates. */
export interface ContourSegment {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

/**
 * The decision boundary P(y = 1) = `level` of a binary decision grid as line segments, by marching
 * squares: in each cell between four nodes, the contour crosses each edge whose ends lie on either
 * side of `level`, at the point linear interpolation puts it (as matplotlib's contour does). A saddle
 * cell (opposite corners on the same side) is split by the mean of its corners. Segments are clipped
 * to `range`.
 * @param grid - P(y = 1) at node (ix, iy) = `values[iy * nx + ix]`, nodes spanning the grid's bounds edge to edge
 * @param range - the plot window
 * @param level - the probability the boundary is drawn at. Default 0.5 (the course's `a3 > 0.5`).
 */
export function decisionContour(grid: DecisionGrid, range: PlotRange, level = 0.5): ContourSegment[] {
  const { nx, ny, values } = grid;
  if (nx < 2 || ny < 2) return [];
  const dx = (grid.xMax - grid.xMin) / (nx - 1);
  const dy = (grid.yMax - grid.yMin) / (ny - 1);
  const at = (ix: number, iy: number) => values[iy * nx + ix] ?? 0;
  const segments: ContourSegment[] = [];
  for (let iy = 0; iy + 1 < ny; iy++) {
    for (let ix = 0; ix + 1 < nx; ix++) {
      // Corners counter-clockwise from bottom left: (x0, y0), (x1, y0), (x1, y1), (x0, y1).
      const x0 = grid.xMin + ix * dx;
      const y0 = grid.yMin + iy * dy;
      const corners = [
        { x: x0, y: y0, v: at(ix, iy) },
        { x: x0 + dx, y: y0, v: at(ix + 1, iy) },
        { x: x0 + dx, y: y0 + dy, v: at(ix + 1, iy + 1) },
        { x: x0, y: y0 + dy, v: at(ix, iy + 1) },
      ] as const;
      const crossings: { x: number; y: number; edge: number }[] = [];
      for (let e = 0; e < 4; e++) {
        const a = corners[e];
        const b = corners[(e + 1) % 4];
        if (a === undefined || b === undefined || a.v > level === b.v > level) continue;
        const t = (level - a.v) / (b.v - a.v);
        crossings.push({ x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y), edge: e });
      }
      const [p, q, r, s] = crossings;
      if (p === undefined || q === undefined) continue;
      if (r === undefined || s === undefined) {
        pushClipped(segments, p, q, range);
        continue;
      }
      // Saddle: edges 0..3 all crossed. Join each crossing to the one that keeps the corners on the
      // side of the cell's mean together: a mean above the level joins the above-level corners.
      const mean = (corners[0].v + corners[1].v + corners[2].v + corners[3].v) / 4;
      const firstAbove = corners[0].v > level;
      if (mean > level === firstAbove) {
        // Corner 0's region reaches the centre: cut off corners 1 and 3 (edges 0–1 and 2–3).
        pushClipped(segments, p, q, range);
        pushClipped(segments, r, s, range);
      } else {
        // Cut off corners 0 and 2 (edges 3–0 and 1–2).
        pushClipped(segments, s, p, range);
        pushClipped(segments, q, r, range);
      }
    }
  }
  return segments;
}

/** The total length of the segments, in data units. */
export function contourLength(segments: readonly ContourSegment[]): number {
  return segments.reduce((sum, s) => sum + Math.hypot(s.x2 - s.x1, s.y2 - s.y1), 0);
}

/** Adds the part of segment a–b inside `range` (Liang–Barsky clipping), if any. */
function pushClipped(out: ContourSegment[], a: { x: number; y: number }, b: { x: number; y: number }, range: PlotRange): void {
  let t0 = 0;
  let t1 = 1;
  const ddx = b.x - a.x;
  const ddy = b.y - a.y;
  const edges: [number, number][] = [
    [-ddx, a.x - range.x[0]],
    [ddx, range.x[1] - a.x],
    [-ddy, a.y - range.y[0]],
    [ddy, range.y[1] - a.y],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return;
      continue;
    }
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 > t1) return;
  }
  out.push({ x1: a.x + t0 * ddx, y1: a.y + t0 * ddy, x2: a.x + t1 * ddx, y2: a.y + t1 * ddy });
}

/** The course's mesh step: `plot_decision_boundary` evaluates the model every 0.01 on both axes. */
export const COURSE_MESH_STEP = 0.01;

/** At most this many rows of fill, whatever the window: the figure stays a few hundred KB. */
const MAX_FILL_ROWS = 400;

/**
 * The predicted regions of a binary decision grid as rectangles of one row each, at the course's
 * resolution: the plane is cut into rows and columns `step` apart (coarser only when the window
 * would need more than 400 rows), and each cell takes the class of P(y = 1) at its centre,
 * interpolated bilinearly between the grid's nodes — the surface a contour plot of the grid
 * draws, so the fill's edge follows {@link decisionContour} to within one cell. Neighbouring cells
 * of one row with the same class merge into one rectangle.
 * @param grid - P(y = 1) at node (ix, iy) = `values[iy * nx + ix]`
 * @param range - the plot window; cells beyond the grid's nodes take the nearest edge's values
 * @param step - the cell size in data units. Default 0.01, the course's.
 */
export function interpolatedRegions(
  grid: DecisionGrid,
  range: PlotRange,
  step = COURSE_MESH_STEP,
): { x: number; x2: number; y: number; y2: number; predicted: 0 | 1 }[] {
  const width = range.x[1] - range.x[0];
  const height = range.y[1] - range.y[0];
  const cell = Math.max(step, Math.max(width, height) / MAX_FILL_ROWS);
  const columns = Math.max(1, Math.ceil(width / cell - 1e-9));
  const rows = Math.max(1, Math.ceil(height / cell - 1e-9));
  const probability = bilinear(grid);
  const rects: { x: number; x2: number; y: number; y2: number; predicted: 0 | 1 }[] = [];
  const xAt = (i: number) => Math.min(range.x[1], range.x[0] + i * cell);
  for (let r = 0; r < rows; r++) {
    const y = range.y[0] + r * cell;
    const y2 = Math.min(range.y[1], y + cell);
    const yc = (y + y2) / 2;
    let start = 0;
    let current: 0 | 1 = probability((xAt(0) + xAt(1)) / 2, yc) > 0.5 ? 1 : 0;
    for (let c = 1; c <= columns; c++) {
      const next: 0 | 1 | undefined = c < columns ? (probability((xAt(c) + xAt(c + 1)) / 2, yc) > 0.5 ? 1 : 0) : undefined;
      if (next === current) continue;
      rects.push({ x: xAt(start), x2: xAt(c), y, y2, predicted: current });
      start = c;
      if (next !== undefined) current = next;
    }
  }
  return rects;
}

/** P(y = 1) anywhere in the plane, bilinear between the grid's nodes, clamped to its edges. */
function bilinear(grid: DecisionGrid): (x: number, y: number) => number {
  const { nx, ny, values } = grid;
  const at = (ix: number, iy: number) => values[iy * nx + ix] ?? 0;
  const locate = (v: number, min: number, max: number, n: number): [number, number] => {
    if (n < 2 || max === min) return [0, 0];
    const u = Math.min(n - 1, Math.max(0, ((v - min) / (max - min)) * (n - 1)));
    const i = Math.min(n - 2, Math.floor(u));
    return [i, u - i];
  };
  return (x, y) => {
    const [ix, fx] = locate(x, grid.xMin, grid.xMax, nx);
    const [iy, fy] = locate(y, grid.yMin, grid.yMax, ny);
    const ix1 = Math.min(nx - 1, ix + 1);
    const iy1 = Math.min(ny - 1, iy + 1);
    const bottom = at(ix, iy) * (1 - fx) + at(ix1, iy) * fx;
    const top = at(ix, iy1) * (1 - fx) + at(ix1, iy1) * fx;
    return bottom * (1 - fy) + top * fy;
  };
}
