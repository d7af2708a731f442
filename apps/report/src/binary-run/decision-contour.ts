import type { DecisionGrid } from '@lab/trainer';
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
