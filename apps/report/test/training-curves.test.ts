import type { TrainRecord } from '@lab/run-record';
import { legendAndPlotBoxes, markItems, overlaps, parseSvg } from '@lab/test-kit';
import { describe, expect, it } from 'vitest';
import { movingAverage, movingAverageHalfWidth } from '../src/binary-run/moving-average';
import { TRAINING_CURVE_SERIES, trainingCurvesSpec } from '../src/binary-run/training-curves-figure';
import { renderReport } from '../src/index';
import { renderVegaLite } from '../src/render-vega-lite';
import { syntheticTrainRecord } from './fixtures/synthetic-record';

describe('movingAverage: a centred window cut at the ends (hand-derived)', () => {
  it('averages i − h … i + h, fewer values at the ends', () => {
    expect(movingAverage([1, 2, 6, 3], 1)).toEqual([1.5, 3, 11 / 3, 4.5]);
    // h = 2: (5+1+4)/3, (5+1+4+2)/4, 15/5, (1+4+2+3)/4, (4+2+3)/3.
    expect(movingAverage([5, 1, 4, 2, 3], 2)).toEqual([10 / 3, 3, 3, 2.5, 3]);
    expect(movingAverage([5, 1, 4], 0)).toEqual([5, 1, 4]);
    expect(movingAverage([], 3)).toEqual([]);
  });

  it('leaves +∞ out of every window; a window of none is null', () => {
    expect(movingAverage([1, Number.POSITIVE_INFINITY, 3], 1)).toEqual([1, 2, 3]);
    expect(movingAverage([Number.POSITIVE_INFINITY, 2], 0)).toEqual([null, 2]);
    expect(() => movingAverage([1], 0.5)).toThrow('movingAverage: halfWidth must be an integer ≥ 0, got 0.5');
  });

  it('takes a half-width of max(1, round(points / 40))', () => {
    expect([1, 10, 59, 60, 200, 1000].map(movingAverageHalfWidth)).toEqual([1, 1, 1, 2, 5, 25]);
  });
});

/** The fixed train record as a mini-batch run: 120 noisy single-batch costs, a test curve at every 10th and the end. */
function miniBatchRecord(): TrainRecord {
  const base = syntheticTrainRecord();
  const costs = Array.from({ length: 120 }, (_, i) => ({
    iteration: 10 * i,
    cost: 0.3 + 0.4 * Math.exp(-i / 30) + 0.08 * Math.sin(i * 2.3),
  }));
  const testCurve = [...Array.from({ length: 12 }, (_, k) => 100 * k), 1200].map((iteration) => ({
    iteration,
    accuracy: 0.5 + 0.4 * (1 - Math.exp(-iteration / 300)),
    cost: 0.35 + 0.4 * Math.exp(-iteration / 300),
  }));
  const [model] = base.models;
  return {
    ...base,
    training: { ...base.training, batchSize: 32, numIterations: 1200, costEvery: 10 },
    models: [{ ...model, costs, testCurve }],
  };
}

describe("a mini-batch run's cost figure", async () => {
  const record = miniBatchRecord();
  const [model] = record.models;
  const spec = trainingCurvesSpec(model);
  const svg = parseSvg(await renderVegaLite(spec));

  it('draws the raw cost faintly, its moving average (h = 3 for 120 points) and the test cost and accuracy', () => {
    const data = (spec as { vconcat: { data: { values: { series: string; value: number }[] } }[] }).vconcat;
    const values = data[0]?.data.values ?? [];
    const of = (series: string) => values.filter((v) => v.series === series).map((v) => v.value);
    expect(of(TRAINING_CURVE_SERIES.raw)).toEqual(model.costs.map((c) => c.cost));
    // Spot check by hand: point 0 averages points 0 … 3, point 60 points 57 … 63.
    const cost = (i: number) => 0.3 + 0.4 * Math.exp(-i / 30) + 0.08 * Math.sin(i * 2.3);
    const smoothed = of(TRAINING_CURVE_SERIES.smoothed);
    expect(smoothed).toHaveLength(120);
    expect(smoothed[0]).toBeCloseTo((cost(0) + cost(1) + cost(2) + cost(3)) / 4, 14);
    expect(smoothed[60]).toBeCloseTo([57, 58, 59, 60, 61, 62, 63].reduce((s, i) => s + cost(i), 0) / 7, 14);
    expect(of(TRAINING_CURVE_SERIES.test)).toEqual(model.testCurve?.map((p) => p.cost));
    expect(data[1]?.data.values.map((v) => v.value)).toEqual(model.testCurve?.map((p) => p.accuracy));
  });

  it('tells training from test by colour AND line style; the raw cost is faint', () => {
    const lines = markItems(svg, 'line');
    // Raw, smoothed and test cost in the top panel; test accuracy below.
    expect(lines).toHaveLength(4);
    const style = (i: number) => {
      const a = lines[i]?.attributes ?? {};
      return { stroke: a.stroke, dash: a['stroke-dasharray'] ?? 'none', opacity: a.opacity ?? '1' };
    };
    const [raw, smooth, testCost, testAccuracy] = [0, 1, 2, 3].map(style);
    expect(raw?.stroke).toBe(smooth?.stroke);
    expect(testCost?.stroke).not.toBe(smooth?.stroke);
    expect(testCost?.dash).not.toBe(smooth?.dash);
    expect(testCost?.dash).toBe('6,4');
    expect(testAccuracy).toEqual(testCost);
    expect(Number(raw?.opacity)).toBeLessThan(0.5);
    expect(Number(smooth?.opacity)).toBe(1);
  });

  it('keeps its legend off both panels', async () => {
    const { legends, plots } = await legendAndPlotBoxes(spec);
    expect(plots).toHaveLength(2);
    expect(legends.length).toBeGreaterThan(0);
    for (const legend of legends)
      for (const plot of plots) expect(overlaps(legend, plot), `legend ${legend} over plot ${plot}`).toBe(false);
  });

  it('is the train report’s cost figure for a mini-batch record, which explains the smoothing; full-batch records keep theirs', async () => {
    const { markdown, figures } = await renderReport(record);
    expect(figures[0]?.fileName).toBe('cost-curves.svg');
    expect(figures[0]?.svg).toBe(await renderVegaLite(spec));
    expect(markdown).toContain('centred moving average over 7 points');
    expect(markdown).toContain('at 13 points, the last after training');
    const full = await renderReport(syntheticTrainRecord());
    expect(markItems(parseSvg(full.figures[0]?.svg ?? ''), 'line')).toHaveLength(1);
    expect(full.markdown).not.toContain('moving average');
  });

  it('without a test curve (an older record): the cost panel alone', async () => {
    const { testCurve: _curve, ...bare } = model;
    const alone = trainingCurvesSpec(bare);
    expect(markItems(parseSvg(await renderVegaLite(alone)), 'line')).toHaveLength(2);
    const { legends, plots } = await legendAndPlotBoxes(alone);
    expect(plots).toHaveLength(1);
    for (const legend of legends) expect(overlaps(legend, plots[0] ?? [0, 0, 0, 0])).toBe(false);
  });
});
