import { describe, expect, it } from 'vitest';
import { COURSE_RANGE, decisionRegions, plotRangeFor } from './decision-regions';

describe('decisionRegions', () => {
  it('merges equal neighbours of a row into one rectangle around the grid nodes', () => {
    // 3 × 2 grid over [0, 1] × [0, 1]: nodes at x = 0, 0.5, 1 and y = 0, 1.
    const grid = { xMin: 0, xMax: 1, yMin: 0, yMax: 1, nx: 3, ny: 2, values: [0.1, 0.2, 0.9, 0.6, 0.7, 0.8] };
    const wide = { x: [-1, 2], y: [-1, 2] } as const;
    expect(decisionRegions(grid, wide)).toEqual([
      { x: -0.25, x2: 0.75, y: -0.5, y2: 0.5, predicted: 0 },
      { x: 0.75, x2: 1.25, y: -0.5, y2: 0.5, predicted: 1 },
      { x: -0.25, x2: 1.25, y: 0.5, y2: 1.5, predicted: 1 },
    ]);
  });

  it('clips to the plot window and drops rows outside it; exactly 0.5 predicts 0', () => {
    const grid = { xMin: 0, xMax: 1, yMin: 0, yMax: 4, nx: 2, ny: 5, values: [0.5, 0.5, 1, 1, 1, 1, 1, 1, 1, 1] };
    const rects = decisionRegions(grid, { x: [0, 1], y: [0, 1] });
    expect(rects).toEqual([
      { x: 0, x2: 1, y: 0, y2: 0.5, predicted: 0 },
      { x: 0, x2: 1, y: 0.5, y2: 1, predicted: 1 },
    ]);
  });
});

describe('plotRangeFor', () => {
  it("is the course's window when every point fits", () => {
    expect(
      plotRangeFor([
        [-0.7, 0.6],
        [0.39, -0.74],
      ]),
    ).toBe(COURSE_RANGE);
  });

  it('widens to fit points outside the window, with a 5 % margin', () => {
    const range = plotRangeFor([[1.25, 0]]);
    expect(range.x[0]).toBeCloseTo(-0.75 - 0.1, 12);
    expect(range.x[1]).toBeCloseTo(1.25 + 0.1, 12);
    expect(range.y).toEqual([-0.75 - 0.07, 0.65 + 0.07].map((v) => expect.closeTo(v, 12)));
  });
});
