import { legendAndPlotBoxes, overlaps } from '@lab/test-kit';
import { describe, expect, it } from 'vitest';
import { costCurvesChart } from '../src/binary-run/cost-curves-figure';
import { decisionBoundarySpec } from '../src/binary-run/decision-boundary-figure';
import { COURSE_RANGE } from '../src/binary-run/decision-regions';
import { learningCurvesSpec } from '../src/sweep/learning-curves-figure';

/** The built-in data's curves: L2 flat at 0.35 from iteration 1000 on, right where a top-right legend sat. */
const courseLike = [
  { label: 'no regularization', start: 0.65, end: 0.1 },
  { label: 'L2', start: 0.69, end: 0.35 },
  { label: 'dropout', start: 0.65, end: 0.2 },
].map(({ label, start, end }) => ({
  label,
  points: Array.from({ length: 31 }, (_, i) => ({ x: i * 1000, cost: end + (start - end) * Math.exp(-i) })),
}));

async function expectLegendsOutsidePlots(spec: Parameters<typeof legendAndPlotBoxes>[0]): Promise<void> {
  const { legends, plots } = await legendAndPlotBoxes(spec);
  expect(legends.length).toBeGreaterThan(0);
  expect(plots.length).toBeGreaterThan(0);
  for (const legend of legends) for (const plot of plots) expect(overlaps(legend, plot), `legend ${legend} over plot ${plot}`).toBe(false);
}

describe('legends never cover data: each lies outside every plot area once laid out', () => {
  it('cost curves, three models with long names', async () => {
    const long = courseLike.map((s, i) => ({ ...s, label: `${s.label} — a much longer model name ${i}` }));
    await expectLegendsOutsidePlots(costCurvesChart(courseLike, { xTitle: 'iteration' }));
    await expectLegendsOutsidePlots(costCurvesChart(long, { xTitle: 'iteration' }));
  });

  it('cost curves with a cost of +∞ marked', async () => {
    const infinite = courseLike.map((s, i) =>
      i === 0 ? { ...s, points: [{ x: 0, cost: 'Infinity' as const }, ...s.points.slice(1)] } : s,
    );
    await expectLegendsOutsidePlots(costCurvesChart(infinite, { xTitle: 'iteration' }));
  });

  it("a sweep's learning curves", async () => {
    const curves = courseLike.map((s) => ({ label: s.label, costs: s.points.map((p) => ({ iteration: p.x, cost: p.cost })) }));
    await expectLegendsOutsidePlots(learningCurvesSpec(curves));
  });

  it('a decision boundary', async () => {
    const grid = { xMin: -0.75, xMax: 0.4, yMin: -0.75, yMax: 0.65, nx: 3, ny: 3, values: [0, 0, 0, 0.4, 0.6, 1, 1, 1, 1] };
    const points = { x: [[-0.5, -0.5] as const, [0.2, 0.5] as const], y: [0, 1] };
    await expectLegendsOutsidePlots(decisionBoundarySpec({ label: 'L2', subtitle: 'λ = 0.7', grid, points, range: COURSE_RANGE }));
  });
});
