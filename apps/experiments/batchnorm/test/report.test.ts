import {
  type Figure,
  maskTimings,
  parseRunRecord as parse,
  type RenderedReport,
  ReportError,
  type RunRecord,
  renderReport as render,
} from '@lab/report';
import { findAll, markItems, parseSvg } from '@lab/test-kit';
import { lint } from 'markdownlint/sync';
import { describe, expect, it } from 'vitest';
import { type BatchnormRecord, batchnormConclusions, batchnormReportKind } from '../src/index';
import { batchnormFixture, FIXTURE_BATCH_SIZES, FIXTURE_SCALES } from './fixtures/batchnorm-record';

const kinds = [batchnormReportKind];

function parseRunRecord(value: unknown, source: string): RunRecord {
  return parse(value, { kinds, source });
}

function renderReport(record: BatchnormRecord): Promise<RenderedReport> {
  return render(record, { kinds });
}

const MAX_FIGURE_BYTES = 300 * 1024;

function figure(figures: readonly Figure[], fileName: string): Figure {
  const found = figures.find((f) => f.fileName === fileName);
  if (found === undefined) throw new Error(`no figure ${fileName}`);
  return found;
}

describe('batch-norm record validation', () => {
  it('accepts the record, read back from JSON, unchanged', () => {
    const record = batchnormFixture();
    expect(parseRunRecord(JSON.parse(JSON.stringify(record)), 'run.json')).toEqual(record);
  });

  it('names the field path of what the schema or the cross-field checks reject', () => {
    const value = JSON.parse(JSON.stringify(batchnormFixture()));
    value.deepMlp.runs[1].bestValAccuracy = 1.5;
    expect(() => parseRunRecord(value, 'run.json')).toThrow(/^run\.json: deepMlp\.runs\[1\]\.bestValAccuracy: /);
    const short = JSON.parse(JSON.stringify(batchnormFixture()));
    short.forwardStatistics.stages[2].stds.pop();
    expect(() => parseRunRecord(short, 'run.json')).toThrow('run.json: forwardStatistics.stages[2].stds: expected D3 = 3 values, got 2');
    const twice = JSON.parse(JSON.stringify(batchnormFixture()));
    twice.batchSize.runs[1].job.id = twice.batchSize.runs[0].job.id;
    expect(() => parseRunRecord(twice, 'run.json')).toThrow(ReportError);
  });
});

describe('the batch-norm report', async () => {
  const record = batchnormFixture();
  const { markdown, figures } = await renderReport(record);

  it('has the title, setup, six parts, conclusions, environment and timings, in order', () => {
    expect(markdown.split('\n').filter((line) => line.startsWith('#'))).toEqual([
      '# Batch normalization experiment',
      '## Setup',
      '## 1. Forward statistics',
      '## 2. Gradient checks',
      '## 3. Backward speed',
      '## 4. Deep MLP with and without batch norm',
      '## 5. Weight-initialization scale',
      '## 6. Batch size: batch norm vs layer norm',
      '## Conclusions',
      '## Environment',
      '## Timings',
    ]);
    for (const f of figures) expect(markdown).toContain(`](${f.fileName})`);
  });

  it('tabulates every part', () => {
    expect(markdown).toMatch(
      /\| batch norm, train mode, scaled and shifted +\| 1, 2, 3 +\| 11, 12, 13 +\| 11, 12, 13 +\| 0\.9999999932, 1\.999999991, 2\.999999989 +\|/,
    );
    expect(markdown).toMatch(/\| batch norm, train mode +\| 1, 1, 1 +\| 0, 0, 0 +\| 5\.00e-17, -1\.00e-17, 2\.00e-17 +\|/);
    expect(markdown).toMatch(/\| layernormBackward vs numerical \(4, 5\) +\| +2\.11e-9 \| +4\.52e-12 \| +2\.58e-12 \| +✓ +\|/);
    expect(markdown).toMatch(/\| \(100, 500\) +\| +1\.200 \| +0\.100 \| +12\.00× \|/);
    expect(markdown).toMatch(/\| batch norm +\| +[\d.]+ \| +0\.990 \| +0\.880 \| +0\.880 \| +\|/);
    for (const scale of FIXTURE_SCALES) expect(markdown).toMatch(new RegExp(`\\| +${scale.toExponential(2).replace('e+', 'e')} \\|`));
    for (const size of FIXTURE_BATCH_SIZES) expect(markdown).toContain(`| layer norm, batch ${size} `);
  });

  it('states the conclusions the numbers support', () => {
    const conclusions = batchnormConclusions(record);
    expect(conclusions).toHaveLength(5);
    expect(conclusions[1]).toMatch(/^All 9 gradient checks pass: the largest relative error is 2\.11e-9 \(dx of layernormBackward\)/);
    expect(conclusions[2]).toMatch(/0\.880 against 0\.600 without \(\+0\.280\).*: batch norm helped\./);
    expect(conclusions[3]).toBe(
      'Counting a run as trained when its best training accuracy reaches 0.5: without batch norm 2 of 5 scales train (1.00e-2 to 1.00e-1); ' +
        'with batch norm 4 of 5 scales train (1.00e-4 to 1.00e-1). So batch norm lets 2 more of the scales train.',
    );
    expect(conclusions[4]).toContain(
      'batch norm loses 0.100 and layer norm loses 0.010: batch norm degrades more at small batches than layer norm',
    );
    for (const sentence of conclusions) expect(markdown).toContain(sentence);
  });

  it('changes its verdict with the numbers', async () => {
    const worse = batchnormFixture({ batchnormHelps: false });
    expect(batchnormConclusions(worse)[2]).toMatch(/: batch norm hurt\.$/);
    const gradients = JSON.parse(JSON.stringify(record));
    gradients.gradientChecks.checks[0].dx = 3e-6;
    expect(batchnormConclusions(gradients)[1]).toMatch(/^1 of 9 gradient checks fail .*dx of batchnormBackward \(3\.00e-6\)/);
  });

  it('keeps every measurement inside the timing markers: records differing only in timings render the same', async () => {
    const slower = await renderReport(batchnormFixture({ timeFactor: 3, createdAt: '2031-12-31T23:59:59.000Z' }));
    expect(slower.markdown).not.toBe(markdown);
    expect(maskTimings(slower.markdown)).toBe(maskTimings(markdown));
    const changed = slower.figures.filter((f, i) => f.svg !== figures[i]?.svg).map((f) => f.fileName);
    expect(changed).toEqual(['bn-backward-speed.svg']);
    expect(maskTimings(markdown)).not.toContain('12.00×');
  });

  it('is byte-identical on every render', async () => {
    const again = await renderReport(batchnormFixture());
    expect(again.markdown).toBe(markdown);
    expect(again.figures).toEqual(figures);
  });

  it('passes markdownlint', () => {
    const results = lint({ strings: { 'report.md': markdown }, config: { default: true, MD013: false } });
    expect((results['report.md'] ?? []).map((e) => `${e.lineNumber}: ${e.ruleNames.join('/')} ${e.errorDetail ?? ''}`)).toEqual([]);
  });

  it('has seven figures, each parsing as XML, under 300 KB, with one titled subtitle', () => {
    expect(figures.map((f) => f.fileName)).toEqual([
      'bn-forward-statistics.svg',
      'bn-gradient-checks.svg',
      'bn-backward-speed.svg',
      'bn-deep-mlp-loss.svg',
      'bn-deep-mlp-accuracy.svg',
      'bn-weight-scale.svg',
      'bn-batch-size.svg',
    ]);
    for (const { fileName, svg } of figures) {
      const root = parseSvg(svg);
      expect(Buffer.byteLength(svg), fileName).toBeLessThan(MAX_FIGURE_BYTES);
      // Facet headers are titles too; only the figure's own title has a subtitle.
      expect(
        findAll(root, (e) => e.tag === 'g' && e.attributes.class === 'mark-text role-title-subtitle'),
        fileName,
      ).toHaveLength(1);
    }
  });

  it('draws the expected series', () => {
    const count = (fileName: string, type: 'line' | 'rect' | 'symbol') => markItems(parseSvg(figure(figures, fileName).svg), type).length;
    // One loss line per normalization; train and validation lines per normalization.
    expect(count('bn-deep-mlp-loss.svg', 'line')).toBe(2);
    expect(count('bn-deep-mlp-accuracy.svg', 'line')).toBe(4);
    // Three panels, a line per normalization in each.
    expect(count('bn-weight-scale.svg', 'line')).toBe(6);
    expect(count('bn-weight-scale.svg', 'symbol')).toBe(3 * 2 * FIXTURE_SCALES.length);
    // Two splits × three normalizations, a line per batch size in each panel.
    expect(count('bn-batch-size.svg', 'line')).toBe(2 * 3 * FIXTURE_BATCH_SIZES.length);
    // 3 kernels + the agreement row, 3 gradients each; 2 shapes × 2 kernels.
    expect(count('bn-gradient-checks.svg', 'rect')).toBe(12);
    expect(count('bn-backward-speed.svg', 'rect')).toBe(4);
    // Four stages × three features: a rule and a dot each.
    expect(count('bn-forward-statistics.svg', 'symbol')).toBe(12);
  });
});
