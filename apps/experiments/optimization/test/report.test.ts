import { maskTimings, parseRunRecord, type RenderedReport, renderReport as render } from '@lab/report';
import { findAll, markItems, parseSvg } from '@lab/test-kit';
import { describeCourseReport } from '@lab/test-kit/course-report';
import { describe, expect, it } from 'vitest';
import { type OptimizationRecord, optimizationReportKind } from '../src/index';
import { syntheticRecord } from './fixtures/synthetic-record';

const kinds = [optimizationReportKind];

function renderReport(record: OptimizationRecord): Promise<RenderedReport> {
  return render(record, { kinds });
}

describeCourseReport({
  name: 'optimization',
  record: (timings) => syntheticRecord(timings),
  render: renderReport,
  parse: (value) => parseRunRecord(value, { kinds, source: 'run.json' }) as OptimizationRecord,
  maskTimings,
  headings: [
    '# Optimization experiment',
    '## Setup',
    '## Results',
    '## Cost curves',
    '## Decision boundaries',
    '### gd',
    '### momentum',
    '### adam',
    '## Comparison with the published results',
    '## Conclusions',
    '## Environment',
    '## Timings',
  ],
  figureFiles: ['cost-curves.svg', 'decision-boundary-gd.svg', 'decision-boundary-momentum.svg', 'decision-boundary-adam.svg'],
});

describe('the optimization report', () => {
  it('shows the network, the data order, the update rules and the results', async () => {
    const { markdown } = await renderReport(syntheticRecord());
    expect(markdown).toContain('LINEAR(2→5) → RELU → LINEAR(5→2) → RELU → LINEAR(2→1) → SIGMOID');
    expect(markdown).toContain('`np.random.seed(10 + e + 1); np.random.permutation(m)`');
    expect(markdown).toMatch(/\| update of adam +\| v = 0\.9·v \+ \(1 − 0\.9\)·dW, s = 0\.999·s/);
    expect(markdown).toMatch(/\| adam +\| +0\.690552 \| 0\.060000 \(epoch 9000\) \| +0\.2 \| +0\.9400 \|/);
  });

  it('compares the printed cost after epoch 0 digit for digit and the accuracy exactly', async () => {
    const { markdown } = await renderReport(syntheticRecord());
    expect(markdown).toContain('2 of 6 comparable published numbers not matched (marked ✗).');
    expect(markdown).toMatch(/\| gd +\| cost after epoch 0 \| +0\.690736 \| +0\.690736 \| printed digits \(%f\) \| +✓ +\|/);
    expect(markdown).toMatch(/\| momentum \| cost after epoch 0 \| +0\.690741 \| +0\.690745 \| printed digits \(%f\) \| +✗ +\|/);
    expect(markdown).toMatch(/\| momentum \| train accuracy +\| 0\.7966666666666666 \| +0\.8 \| +exact \| +✗ +\|/);
  });

  it('says "not comparable" where the settings differ: epochs change only the accuracy, the learning rate everything', async () => {
    const fewer = (await renderReport(syntheticRecord({ epochs: 3000 }))).markdown;
    expect(fewer).toContain('1 of 3 comparable published numbers not matched (marked ✗).');
    expect(fewer).toMatch(
      /\| adam +\| train accuracy +\| +0\.94 \| +0\.94 \| +exact \| not comparable \(epochs 10000 in the course, 3000 here\) \|/,
    );
    const faster = (await renderReport(syntheticRecord({ learningRate: 0.01 }))).markdown;
    expect(faster).toContain('No published number is comparable with this run');
    expect(faster).toMatch(/\| gd +\| cost after epoch 0 \|.*\| not comparable \(learning rate 0\.0007 in the course, 0\.01 here\) \|/);
  });

  it('concludes from the numbers: each optimizer against gradient descent, the noisy mini-batch costs, the ranking', async () => {
    const { markdown } = await renderReport(syntheticRecord());
    expect(markdown).toContain('momentum ends 0.3 points above gd (train accuracy 0.8000 against 0.7967).');
    expect(markdown).toContain(
      'adam ends 14.3 points above gd (train accuracy 0.9400 against 0.7967). After epoch 1000 its last mini-batch',
    );
    expect(markdown).toContain("adam's rises from 0.080000 after epoch 7000 to 0.200000 after epoch 8000.");
    expect(markdown).toContain('Highest train accuracy: adam (0.9400), then momentum (0.8000), gd (0.7967).');
    const record = syntheticRecord();
    const same = record.models.map((m) => (m.name === 'momentum' ? { ...m, trainAccuracy: 0.7966666666666666 } : m));
    expect((await renderReport({ ...record, models: same })).markdown).toContain(
      'momentum ends at the same train accuracy as gd (0.7967). After epoch 1000 its last mini-batch’s cost is 0.670745, against 0.670736 for gd. Its velocity is a moving average of the gradients (β = 0.9), so with a learning rate this small its steps follow gradient descent’s',
    );
  });

  it('draws the cost curves against epochs', async () => {
    const { figures } = await renderReport(syntheticRecord());
    const costs = parseSvg(figures[0]?.svg ?? '');
    expect(markItems(costs, 'line')).toHaveLength(3);
    expect(findAll(costs, (e) => e.tag === 'g' && (e.attributes['aria-label'] ?? '').startsWith("X-axis titled 'epoch'"))).toHaveLength(1);
  });
});
