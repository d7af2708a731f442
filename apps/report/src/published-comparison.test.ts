import { describe, expect, it } from 'vitest';
import { formatCost, formatCostExact } from './format-number';
import { root, toGfm } from './markdown';
import { comparisonTally, type PublishedComparisonRow, publishedComparisonSection } from './published-comparison';

const row = (status: PublishedComparisonRow['status'], extra: Partial<PublishedComparisonRow> = {}): PublishedComparisonRow => ({
  model: 'he',
  quantity: 'train accuracy',
  published: '0.99',
  ours: '0.99',
  rule: 'exact',
  status,
  ...extra,
});

const render = (rows: readonly PublishedComparisonRow[]) =>
  toGfm(root(publishedComparisonSection(rows, { rules: ['Accuracies exactly. '], ruleHeader: 'rule' })));

describe('comparisonTally', () => {
  it('counts matched and comparable numbers, and those the settings make incomparable', () => {
    expect(comparisonTally([row('match'), row('differs'), row('not comparable'), row('match')])).toEqual({
      matched: 2,
      total: 3,
      notComparable: 1,
    });
    expect(comparisonTally([])).toEqual({ matched: 0, total: 0, notComparable: 0 });
  });
});

describe('publishedComparisonSection', () => {
  it('tallies the comparable numbers after the rules and shows every row', () => {
    const markdown = render([row('match'), row('differs', { quantity: 'test accuracy', ours: undefined })]);
    expect(markdown).toContain('## Comparison with the published results');
    expect(markdown).toContain('Accuracies exactly. 1 of 2 comparable published numbers not matched (marked ✗).');
    expect(markdown).toMatch(/\| model \| quantity +\| published \| +ours \| +rule \| match \|/);
    expect(markdown).toMatch(/\| he +\| train accuracy \| +0\.99 \| +0\.99 \| exact \| +✓ +\|/);
    expect(markdown).toMatch(/\| he +\| test accuracy +\| +0\.99 \| not recorded \| exact \| +✗ +\|/);
  });

  it('names the settings that make a number incomparable, and says when nothing is comparable', () => {
    const reasons = ['epochs 10000 in the course, 300 here', 'seed 3 in the course, 4 here'];
    const markdown = render([row('not comparable', { reasons })]);
    expect(markdown).toContain('No published number is comparable with this run');
    expect(markdown).toContain('not comparable (epochs 10000 in the course, 300 here; seed 3 in the course, 4 here)');
    expect(render([row('match'), row('not comparable', { reasons })])).toContain(
      'All 1 comparable published numbers matched (1 not comparable).',
    );
  });

  it('is one sentence without rows', () => {
    expect(render([])).toBe(
      '## Comparison with the published results\n\nNo model of this run is one of the course’s, so there is nothing to compare.\n',
    );
  });
});

describe('recorded costs', () => {
  it('print +∞ as the report and the course write it', () => {
    expect([formatCost('Infinity'), formatCost(Number.POSITIVE_INFINITY), formatCost(0.380549401)]).toEqual(['+∞', '+∞', '0.380549']);
    expect([formatCostExact('Infinity'), formatCostExact(0.0648108662944469)]).toEqual(['inf', '0.0648108662944469']);
  });
});
