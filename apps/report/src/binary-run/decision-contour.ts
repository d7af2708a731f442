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
  const segments: ContourSegment[] = [];
  // The cell's crossings, in edge order: x, y of each. Plain locals and one small buffer, no
  // objects per cell: this runs once per figure, mostly before the JIT has optimized it.
  const crossings = new Float64Array(8);
  const clip = new Clipper(range, segments);
  for (let iy = 0; iy + 1 < ny; iy++) {
    for (let ix = 0; ix + 1 < nx; ix++) {
      // Corners counter-clockwise from bottom left: (x0, y0), (x1, y0), (x1, y1), (x0, y1).
      const x0 = grid.xMin + ix * dx;
      const y0 = grid.yMin + iy * dy;
      const x1 = x0 + dx;
      const y1 = y0 + dy;
      const v0 = values[iy * nx + ix] ?? 0;
      const v1 = values[iy * nx + ix + 1] ?? 0;
      const v2 = values[(iy + 1) * nx + ix + 1] ?? 0;
      const v3 = values[(iy + 1) * nx + ix] ?? 0;
      // Each edge a → b whose ends lie on either side of the level, crossed where linear
      // interpolation puts it: a + t·(b − a), t = (level − a.v) / (b.v − a.v).
      let count = 0;
      if (v0 > level !== v1 > level) count = crossing(crossings, count, x0, y0, v0, x1, y0, v1, level);
      if (v1 > level !== v2 > level) count = crossing(crossings, count, x1, y0, v1, x1, y1, v2, level);
      if (v2 > level !== v3 > level) count = crossing(crossings, count, x1, y1, v2, x0, y1, v3, level);
      if (v3 > level !== v0 > level) count = crossing(crossings, count, x0, y1, v3, x0, y0, v0, level);
      if (count < 4) {
        if (count >= 2) clip.push(crossings, 0, 1);
        continue;
      }
      // Saddle: edges 0..3 all crossed. Join each crossing to the one that keeps the corners on the
      // side of the cell's mean together: a mean above the level joins the above-level corners.
      const mean = (v0 + v1 + v2 + v3) / 4;
      if (mean > level === v0 > level) {
        // Corner 0's region reaches the centre: cut off corners 1 and 3 (edges 0–1 and 2–3).
        clip.push(crossings, 0, 1);
        clip.push(crossings, 2, 3);
      } else {
        // Cut off corners 0 and 2 (edges 3–0 and 1–2).
        clip.push(crossings, 3, 0);
        clip.push(crossings, 1, 2);
      }
    }
  }
  return segments;
}

/** Stores the crossing of edge a → b as crossing number `count`; returns count + 1. */
function crossing(
  out: Float64Array,
  count: number,
  ax: number,
  ay: number,
  av: number,
  bx: number,
  by: number,
  bv: number,
  level: number,
): number {
  const t = (level - av) / (bv - av);
  out[2 * count] = ax + t * (bx - ax);
  out[2 * count + 1] = ay + t * (by - ay);
  return count + 1;
}

/** The total length of the segments, in data units. */
export function contourLength(segments: readonly ContourSegment[]): number {
  return segments.reduce((sum, s) => sum + Math.hypot(s.x2 - s.x1, s.y2 - s.y1), 0);
}

/** Adds the parts of segments inside a plot window to a list (Liang–Barsky clipping). */
class Clipper {
  private readonly xMin: number;
  private readonly xMax: number;
  private readonly yMin: number;
  private readonly yMax: number;

  constructor(
    range: PlotRange,
    private readonly out: ContourSegment[],
  ) {
    [this.xMin, this.xMax] = range.x;
    [this.yMin, this.yMax] = range.y;
  }

  /** Adds the part of segment a–b inside the window, if any: a and b are points `a` and `b` of `points` (x, y pairs). */
  push(points: Float64Array, a: number, b: number): void {
    const ax = points[2 * a] as number;
    const ay = points[2 * a + 1] as number;
    const ddx = (points[2 * b] as number) - ax;
    const ddy = (points[2 * b + 1] as number) - ay;
    // The window's four edges as p·t ≤ q, in the order left, right, bottom, top.
    let t0 = 0;
    let t1 = 1;
    for (let edge = 0; edge < 4; edge++) {
      const p = edge === 0 ? -ddx : edge === 1 ? ddx : edge === 2 ? -ddy : ddy;
      const q = edge === 0 ? ax - this.xMin : edge === 1 ? this.xMax - ax : edge === 2 ? ay - this.yMin : this.yMax - ay;
      if (p === 0) {
        if (q < 0) return;
        continue;
      }
      const t = q / p;
      if (p < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
      if (t0 > t1) return;
    }
    this.out.push({ x1: ax + t0 * ddx, y1: ay + t0 * ddy, x2: ax + t1 * ddx, y2: ay + t1 * ddy });
  }
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
  const { nx, ny, values } = grid;
  const at = (ix: number, iy: number) => values[iy * nx + ix] ?? 0;
  const xAt = (i: number) => Math.min(range.x[1], range.x[0] + i * cell);
  // Where each column's centre falls between the grid's nodes: the same for every row.
  const columnNode = new Float64Array(columns);
  const columnFraction = new Float64Array(columns);
  for (let c = 0; c < columns; c++) {
    const u = gridPosition((xAt(c) + xAt(c + 1)) / 2, grid.xMin, grid.xMax, nx);
    const node = nodeBelow(u, nx);
    columnNode[c] = node;
    columnFraction[c] = u - node;
  }
  const rects: { x: number; x2: number; y: number; y2: number; predicted: 0 | 1 }[] = [];
  for (let r = 0; r < rows; r++) {
    const y = range.y[0] + r * cell;
    const y2 = Math.min(range.y[1], y + cell);
    const yc = (y + y2) / 2;
    const v = gridPosition(yc, grid.yMin, grid.yMax, ny);
    const iy = nodeBelow(v, ny);
    const fy = v - iy;
    const iy1 = Math.min(ny - 1, iy + 1);
    // P(y = 1) at column c's centre of this row, bilinear between the grid's nodes, clamped to its edges.
    const predictedAt = (c: number): 0 | 1 => {
      const ix = columnNode[c] as number;
      const fx = columnFraction[c] as number;
      const ix1 = Math.min(nx - 1, ix + 1);
      const bottom = at(ix, iy) * (1 - fx) + at(ix1, iy) * fx;
      const top = at(ix, iy1) * (1 - fx) + at(ix1, iy1) * fx;
      return bottom * (1 - fy) + top * fy > 0.5 ? 1 : 0;
    };
    let start = 0;
    let current = predictedAt(0);
    for (let c = 1; c <= columns; c++) {
      const next: 0 | 1 | undefined = c < columns ? predictedAt(c) : undefined;
      if (next === current) continue;
      rects.push({ x: xAt(start), x2: xAt(c), y, y2, predicted: current });
      start = c;
      if (next !== undefined) current = next;
    }
  }
  return rects;
}

/** Where `value` falls along an axis of `n` nodes spanning [min, max], in node steps, clamped to [0, n − 1]; 0 for a single node. */
function gridPosition(value: number, min: number, max: number, n: number): number {
  if (n < 2 || max === min) return 0;
  return Math.min(n - 1, Math.max(0, ((value - min) / (max - min)) * (n - 1)));
}

/** The node at or below grid position `u`, at most the last but one (so that it has a node above). */
function nodeBelow(u: number, n: number): number {
  return n < 2 ? 0 : Math.min(n - 2, Math.floor(u));
}
