import { findAll, parseSvg } from '@lab/test-kit';
import { describe, expect, it } from 'vitest';
import { root, toGfm } from '../markdown';
import { binaryModelFigures } from './binary-model-figures';

/** A 4 × 4 grid on [−2, 2]², predicting y = 1 right of x₁ = 0. */
const grid = { xMin: -2, xMax: 2, yMin: -2, yMax: 2, nx: 4, ny: 4, values: Array.from({ length: 16 }, (_, i) => (i % 4 >= 2 ? 0.9 : 0.1)) };
const points = { x: [[-1, 0] as const, [1, 0] as const], y: [0, 1] };

describe('binaryModelFigures', async () => {
  const { figures, sections } = await binaryModelFigures({
    models: [
      {
        label: 'gd',
        costs: [
          { x: 0, cost: 0.7 },
          { x: 1, cost: 0.5 },
        ],
        decisionGrid: grid,
        subtitle: 'train accuracy 1.0000',
      },
      {
        label: 'adam',
        costs: [
          { x: 0, cost: 'Infinity' },
          { x: 1, cost: 0.4 },
        ],
        decisionGrid: undefined,
        subtitle: 'unused',
      },
    ],
    xTitle: 'epoch',
    costCurvesAlt: 'Cost against epoch',
    boundariesText: 'Predicted regions of each model.',
    points,
  });
  const markdown = toGfm(root([...sections]));

  it('draws the cost curves, then a decision boundary for each model with a grid', () => {
    expect(figures.map((f) => f.fileName)).toEqual(['cost-curves.svg', 'decision-boundary-gd.svg']);
    const costs = parseSvg(figures[0]?.svg ?? '');
    expect(findAll(costs, (e) => (e.attributes['aria-label'] ?? '').startsWith("X-axis titled 'epoch'"))).toHaveLength(1);
    expect(figures[0]?.svg).toContain('+∞');
    expect(figures[1]?.svg).toContain('Decision boundary: gd');
    expect(figures[1]?.svg).toContain('train accuracy 1.0000');
  });

  it("puts each boundary on its grid's window unless a range is given", async () => {
    const axes = (svg: string) => svg.match(/values from [^"]*/g);
    expect(axes(figures[1]?.svg ?? '')).toEqual(['values from −2 to 2', 'values from −2 to 2']);
    const narrow = await binaryModelFigures({
      models: [{ label: 'gd', costs: [], decisionGrid: grid, subtitle: '' }],
      xTitle: 'epoch',
      costCurvesAlt: '',
      boundariesText: '',
      points,
      range: { x: [-1, 1], y: [-1, 1] },
    });
    expect(axes(narrow.figures[1]?.svg ?? '')).toEqual(['values from −1.0 to 1.0', 'values from −1.0 to 1.0']);
  });

  it('links the figures from their sections and says which model has no grid', () => {
    expect(markdown).toBe(
      [
        '## Cost curves',
        '![Cost against epoch](cost-curves.svg)',
        '## Decision boundaries',
        'Predicted regions of each model.',
        '### gd',
        '![Decision boundary of gd](decision-boundary-gd.svg)',
        '### adam',
        'No decision grid was recorded for this model.\n',
      ].join('\n\n'),
    );
  });
});
