import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { type CostSeries, costCurvesChart } from './cost-curves-figure';

/** Compiles a spec with a logger that keeps vega-lite's warnings instead of printing them. */
function compileWarnings(spec: Parameters<typeof compile>[0]): { warnings: string[]; legends: number } {
  const warnings: string[] = [];
  const logger = {
    level: () => logger,
    error: (...message: unknown[]) => {
      warnings.push(message.join(' '));
      return logger;
    },
    warn: (...message: unknown[]) => {
      warnings.push(message.join(' '));
      return logger;
    },
    info: () => logger,
    debug: () => logger,
  };
  const { spec: vega } = compile(spec, { logger: logger as never });
  return { warnings, legends: vega.legends?.length ?? 0 };
}

const series: CostSeries[] = [
  {
    label: 'zeros',
    points: [
      { x: 0, cost: 0.69 },
      { x: 1000, cost: 0.69 },
    ],
  },
  {
    label: 'random',
    points: [
      { x: 0, cost: 'Infinity' },
      { x: 1000, cost: 0.62 },
    ],
  },
];

describe('costCurvesChart', () => {
  it('compiles without a warning and with one legend when a cost is +∞ (markers share the lines’ colour scale)', () => {
    const { warnings, legends } = compileWarnings(costCurvesChart(series, { xTitle: 'iteration' }));
    expect(warnings).toEqual([]);
    expect(legends).toBe(1);
  });

  it('compiles without a warning and with one legend when every cost is finite', () => {
    const finite = series.map((s) => ({ ...s, points: s.points.filter((p) => p.cost !== 'Infinity') }));
    const { warnings, legends } = compileWarnings(costCurvesChart(finite, { xTitle: 'epoch' }));
    expect(warnings).toEqual([]);
    expect(legends).toBe(1);
  });
});
