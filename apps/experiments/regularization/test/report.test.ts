import { maskTimings, type RenderedReport, renderReport as render, TIMINGS_END, TIMINGS_START } from '@lab/report';
import { describe, expect, it } from 'vitest';
import { type RegularizationRecord, regularizationReportKind, tallyPublished } from '../src/index';
import { MODEL_NAMES, syntheticRecord } from './fixtures/synthetic-record';

function renderReport(record: RegularizationRecord): Promise<RenderedReport> {
  return render(record, { kinds: [regularizationReportKind] });
}

function timingsSection(markdown: string): string {
  const start = markdown.indexOf(TIMINGS_START);
  const end = markdown.indexOf(TIMINGS_END);
  expect(start).toBeGreaterThan(0);
  expect(end).toBeGreaterThan(start);
  return markdown.slice(start, end);
}

describe('renderReport', () => {
  it('is byte-identical across renders outside the timings section, figures included', async () => {
    const first = await renderReport(syntheticRecord({ courseData: true, seconds: 1.25, createdAt: '2025-01-02T03:04:05.000Z' }));
    const second = await renderReport(syntheticRecord({ courseData: true, seconds: 98.76, createdAt: '2031-12-31T23:59:59.000Z' }));
    expect(second.markdown).not.toBe(first.markdown);
    expect(maskTimings(second.markdown)).toBe(maskTimings(first.markdown));
    expect(second.figures).toEqual(first.figures);
  });

  it('keeps every timing value inside the marked section', async () => {
    const { markdown } = await renderReport(syntheticRecord({ seconds: 12.34, createdAt: '2025-06-07T08:09:10.000Z' }));
    const timings = timingsSection(markdown);
    for (const value of ['12.34', '24.68', '37.02', '74.04', '2025-06-07T08:09:10.000Z']) {
      expect(timings).toContain(value);
      expect(maskTimings(markdown)).not.toContain(value);
    }
  });

  it('has the title, setup, results, figures, environment and timings sections in order', async () => {
    const { markdown } = await renderReport(syntheticRecord());
    const headings = markdown.split('\n').filter((line) => line.startsWith('#'));
    expect(headings).toEqual([
      '# Regularization experiment',
      '## Setup',
      '## Results',
      '## Cost curves',
      '## Decision boundaries',
      ...MODEL_NAMES.map((name) => `### ${name}`),
      '## Comparison with the published results',
      '## Conclusions',
      '## Environment',
      '## Timings',
    ]);
    expect(markdown).toContain('LINEAR(2→20) → RELU → LINEAR(20→3) → RELU → LINEAR(3→1) → SIGMOID');
    expect(markdown).toContain('| seed                | 3 ');
    expect(markdown).toContain('`course`: the course');
    expect(markdown).toMatch(/\| L2 +\| +0\.5 \| +1 \| +0\.240342 \| +0\.9375 \| +0\.9250 \|/);
    expect(markdown).toContain('![Cost against iteration for every model](cost-curves.svg)');
    expect(markdown).toContain('![Decision boundary of L2](decision-boundary-l2.svg)');
    expect(markdown).toContain('| `@lab/tensor`  | 0.1.0   |');
  });

  it('says why there is no comparison when the data is not the course file', async () => {
    const { markdown } = await renderReport(syntheticRecord({ courseData: false }));
    expect(markdown).toContain("The data is not the course's file, so the published numbers do not apply.");
    expect(markdown).not.toContain('✓');
  });

  it('compares with the published numbers cell by cell, with the tolerance used', async () => {
    const { markdown } = await renderReport(syntheticRecord({ courseData: true }));
    expect(markdown).toContain('1 of 9 published numbers not matched (marked ✗).');
    expect(markdown.match(/✓/g)).toHaveLength(8);
    expect(markdown).toMatch(/\| dropout +\| test accuracy +\| +0\.95 \| +0\.9375 \| +exact \| +✗ +\|/);
    expect(markdown).toMatch(/\| L2 +\| cost at iteration 0 \| +0\.7214 \| +0\.7214 \| +±1e-12 \| +✓ +\|/);
  });

  it("says 'not comparable' instead of ✗ where the seed, iterations, learning rate or masks differ from the published run", async () => {
    const record = syntheticRecord({ courseData: true });
    const seed4 = await renderReport({ ...record, seed: 4 });
    expect(seed4.markdown).toContain(
      "The published numbers hold for seed 3, 30000 iterations and learning rate 0.3 only; this run's are not comparable (seed 4 ≠ 3), so none is compared.",
    );
    expect(seed4.markdown.match(/\| not comparable \(seed 4 ≠ 3\) +\|/g)).toHaveLength(9);
    expect(seed4.markdown).not.toMatch(/✗|✓/);

    // The cost at iteration 0 depends on the seed and the data alone: still compared.
    const shorter = await renderReport({ ...record, training: { ...record.training, numIterations: 200, learningRate: 0.1 } });
    expect(shorter.markdown).toContain(
      "All 3 comparable published numbers matched. The other 6 are not comparable (iterations 200 ≠ 30000, learning rate 0.1 ≠ 0.3): the published accuracies hold only for the course's settings.",
    );
    expect(shorter.markdown).toMatch(/\| L2 +\| cost at iteration 0 \| +0\.7214 \| +0\.7214 \| +±1e-12 \| +✓ +\|/);
    expect(shorter.markdown).toMatch(
      /\| L2 +\| train accuracy +\| .* \| not comparable \(iterations 200 ≠ 30000, learning rate 0\.1 ≠ 0\.3\) \|/,
    );

    // Fresh dropout masks change only the dropout model's accuracies (its failed test accuracy included).
    const fresh = { ...record, training: { ...record.training, dropoutMasks: 'fresh' as const } };
    expect(tallyPublished(fresh)).toEqual({ matched: 7, comparable: 7, total: 9, notComparable: ['dropout masks fresh ≠ course'] });
    expect(tallyPublished(record)).toEqual({ matched: 8, comparable: 9, total: 9, notComparable: [] });
    expect(tallyPublished({ ...record, seed: 4 })).toEqual({ matched: 0, comparable: 0, total: 9, notComparable: ['seed 4 ≠ 3'] });
  });

  it('draws the lessons from the numbers: gaps, best model, weight norms, boundary lengths, dropout in training only', async () => {
    const record = syntheticRecord();
    // Made-up norms: L2's are smaller, dropout's larger than the unregularized model's.
    const norms = [
      [3, 4, 0],
      [1, 2, 2],
      [6, 8, 0],
    ];
    const models = record.models.map((m, i) => ({ ...m, weightNorms: norms[i] }));
    const { markdown } = await renderReport({ ...record, models });
    const conclusions = markdown.slice(markdown.indexOf('## Conclusions'), markdown.indexOf('## Environment'));
    // Synthetic accuracies: 0.95/0.9, 0.9375/0.925, 0.925/0.9375.
    expect(conclusions).toContain(
      'Train–test gap (train accuracy − test accuracy): no regularization +0.0500, L2 +0.0125, dropout -0.0125. dropout generalizes best: the highest test accuracy (0.9375) and the smallest gap. Every regularized model does better on the test set than no regularization (0.9000), which fits the training set more closely than the test set: it overfits.',
    );
    expect(conclusions).toMatch(/\| no regularization \| +3\.000 \| +4\.000 \| +0\.000 \| +5\.000 \|/);
    expect(conclusions).toContain("L2's weights are 40 % smaller than no regularization's (‖W‖ 3.000 against 5.000): the penalty");
    expect(conclusions).toContain("dropout's weights are 100 % larger than no regularization's (‖W‖ 10.000 against 5.000).");
    expect(conclusions).toContain('Dropout is used in training only: at each training step dropout (keep_prob 0.8) drops');
    // The synthetic grids' boundaries wiggle less with regularization (wiggle 0.08, 0.02, 0).
    const lengths =
      /inside the plotted window, in the data's units: no regularization (\d\.\d\d), L2 (\d\.\d\d) \((\d+) % shorter\), dropout (\d\.\d\d) \((\d+) % shorter\)/.exec(
        conclusions,
      );
    expect(lengths).not.toBeNull();

    const bare = await renderReport(record);
    expect(bare.markdown).toContain('The record holds no weight norms (it was written before they were recorded).');
  });

  it('escapes markdown in model names inside tables', async () => {
    const record = syntheticRecord();
    const models = record.models.map((m, i) => (i === 1 ? { ...m, name: 'L2 | λ = *0.5*' } : m));
    const { markdown, figures } = await renderReport({ ...record, models });
    expect(markdown).toContain('L2 \\| λ = \\*0.5\\*');
    expect(figures.map((f) => f.fileName)).toContain('decision-boundary-l2-0-5.svg');
  });

  it('gives repeated model names distinct labels and file names', async () => {
    const record = syntheticRecord();
    const models = record.models.map((m) => ({ ...m, name: 'same' }));
    const { markdown, figures } = await renderReport({ ...record, models });
    expect(figures.map((f) => f.fileName)).toEqual([
      'cost-curves.svg',
      'decision-boundary-same.svg',
      'decision-boundary-same-2.svg',
      'decision-boundary-same-3.svg',
    ]);
    expect(markdown).toContain('### same (3)');
  });

  it('skips the decision-boundary figure of a model without a grid and says so', async () => {
    const record = syntheticRecord();
    const models = record.models.map((m, i) => (i === 0 ? { ...m, decisionGrid: undefined } : m));
    const { markdown, figures } = await renderReport({ ...record, models });
    expect(figures).toHaveLength(3);
    expect(markdown).toContain('No decision grid was recorded for this model.');
  });
});
