import { describe, expect, it } from 'vitest';
import { contourLength, decisionContour, interpolatedRegions } from './decision-contour';
import { COURSE_RANGE, type PlotRange } from './decision-regions';

/** P(y = 1) = f(x, y) at the nodes of an n × n grid over `range`, as predictGrid lays them out. */
function gridOf(f: (x: number, y: number) => number, range: PlotRange, n: number) {
  const [xMin, xMax] = range.x;
  const [yMin, yMax] = range.y;
  const values: number[] = [];
  for (let iy = 0; iy < n; iy++) {
    for (let ix = 0; ix < n; ix++) values.push(f(xMin + (ix * (xMax - xMin)) / (n - 1), yMin + (iy * (yMax - yMin)) / (n - 1)));
  }
  return { xMin, xMax, yMin, yMax, nx: n, ny: n, values };
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

describe('decisionContour', () => {
  it('finds a straight boundary where linear interpolation puts it, across the whole window', () => {
    // P = 0.5 on x = −0.123 exactly: the crossing of every row lies there, whatever the grid's step.
    const grid = gridOf((x) => 0.5 + (x + 0.123), COURSE_RANGE, 60);
    const segments = decisionContour(grid, COURSE_RANGE);
    expect(segments.length).toBe(59);
    for (const s of segments) {
      expect(Math.abs(s.x1 + 0.123)).toBeLessThan(1e-12);
      expect(Math.abs(s.x2 + 0.123)).toBeLessThan(1e-12);
    }
    expect(Math.abs(contourLength(segments) - 1.4)).toBeLessThan(1e-12);
  });

  it("measures a circle's circumference (2πr) to within 0.1 % on a 60 × 60 grid", () => {
    const range: PlotRange = { x: [-1, 1], y: [-1, 1] };
    const radius = 0.6;
    const grid = gridOf((x, y) => sigmoid(8 * (radius - Math.hypot(x, y))), range, 60);
    const length = contourLength(decisionContour(grid, range));
    expect(Math.abs(length / (2 * Math.PI * radius) - 1)).toBeLessThan(1e-3);
  });

  it('clips to the window: a diagonal boundary in a window that shows half of the grid', () => {
    const range: PlotRange = { x: [-1, 1], y: [-1, 1] };
    const grid = gridOf((x, y) => sigmoid(5 * (x - y)), range, 41);
    expect(Math.abs(contourLength(decisionContour(grid, range)) - 2 * Math.SQRT2)).toBeLessThan(1e-9);
    const half: PlotRange = { x: [0, 1], y: [-1, 1] };
    expect(Math.abs(contourLength(decisionContour(grid, half)) - Math.SQRT2)).toBeLessThan(1e-9);
  });

  it('resolves a saddle cell by the mean of its corners', () => {
    const range: PlotRange = { x: [0, 1], y: [0, 1] };
    // Corners 0 and 2 (bottom left, top right) above 0.5; the mean 0.525 too: they join, and the
    // two other corners are cut off by segments near them.
    const joined = decisionContour({ xMin: 0, xMax: 1, yMin: 0, yMax: 1, nx: 2, ny: 2, values: [0.9, 0.2, 0.2, 0.8] }, range);
    expect(joined).toHaveLength(2);
    const near = (s: { x1: number; y1: number; x2: number; y2: number }, x: number, y: number) =>
      Math.hypot((s.x1 + s.x2) / 2 - x, (s.y1 + s.y2) / 2 - y) < 0.5;
    expect(joined.some((s) => near(s, 1, 0)) && joined.some((s) => near(s, 0, 1))).toBe(true);
    // Mean 0.4 below: corners 0 and 2 are cut off instead.
    const split = decisionContour({ xMin: 0, xMax: 1, yMin: 0, yMax: 1, nx: 2, ny: 2, values: [0.6, 0.2, 0.2, 0.6] }, range);
    expect(split.some((s) => near(s, 0, 0)) && split.some((s) => near(s, 1, 1))).toBe(true);
  });

  it('has no boundary where the model predicts one class everywhere', () => {
    expect(
      decisionContour(
        gridOf(() => 0.9, COURSE_RANGE, 10),
        COURSE_RANGE,
      ),
    ).toEqual([]);
  });
});

describe('interpolatedRegions', () => {
  it("fills at the course's 0.01 step, the edge within one cell of the boundary in every row", () => {
    // P(y = 1) linear in x: bilinear interpolation is exact, the boundary is x = −0.123.
    const grid = gridOf((x) => 0.5 + (x + 0.123), COURSE_RANGE, 60);
    const rects = interpolatedRegions(grid, COURSE_RANGE);
    const rows = [...new Set(rects.map((r) => r.y))];
    expect(rows).toHaveLength(140);
    for (const y of rows) {
      const row = rects.filter((r) => r.y === y);
      expect(row.map((r) => r.predicted)).toEqual([0, 1]);
      const [left, right] = row as [(typeof row)[0], (typeof row)[0]];
      expect(left.x).toBeCloseTo(-0.75, 12);
      expect(right.x2).toBeCloseTo(0.4, 12);
      expect(Math.abs(left.x2 - -0.123)).toBeLessThanOrEqual(0.01);
      expect(left.y2 - left.y).toBeCloseTo(0.01, 12);
    }
  });

  it('follows a curved boundary: every cell whose centre is 0.02 or more inside the circle predicts 1, outside 0', () => {
    const range: PlotRange = { x: [-1, 1], y: [-1, 1] };
    const grid = gridOf((x, y) => sigmoid(8 * (0.6 - Math.hypot(x, y))), range, 60);
    const rects = interpolatedRegions(grid, range);
    for (const r of rects) {
      for (let x = r.x + 0.005; x < r.x2; x += 0.01) {
        const distance = 0.6 - Math.hypot(x, (r.y + r.y2) / 2);
        if (Math.abs(distance) >= 0.02) expect(r.predicted).toBe(distance > 0 ? 1 : 0);
      }
    }
  });

  it('caps the rows at 400 on a wide window', () => {
    const range: PlotRange = { x: [-10, 10], y: [-10, 10] };
    const rects = interpolatedRegions(
      gridOf((x) => sigmoid(x), range, 20),
      range,
    );
    expect(new Set(rects.map((r) => r.y)).size).toBe(400);
  });
});
