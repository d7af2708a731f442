import type { TrainRecord } from '@lab/run-record';
import { markItems, parseSvg } from '@lab/test-kit';
import { lint } from 'markdownlint/sync';
import { describe, expect, it } from 'vitest';
import { CLASS_COLORS } from '../src/figure-theme';
import { maskTimings, parseRunRecord, renderReport, TIMINGS_START } from '../src/index';
import { syntheticTrainRecord } from './fixtures/synthetic-record';

describe('train record validation', () => {
  it('accepts the record, read back from JSON, unchanged', () => {
    const record = syntheticTrainRecord();
    expect(parseRunRecord(JSON.parse(JSON.stringify(record)), { source: 'run.json' })).toEqual(record);
  });

  it('rejects a second model', () => {
    const value = JSON.parse(JSON.stringify(syntheticTrainRecord()));
    value.models.push({ ...value.models[0], name: 'second' });
    expect(() => parseRunRecord(value, { source: 'run.json' })).toThrow('run.json: models: Too big: expected array to have <=1 items');
  });

  it("checks the model's decision grid like a regularization record's", () => {
    const value = JSON.parse(JSON.stringify(syntheticTrainRecord()));
    value.models[0].decisionGrid.values.pop();
    expect(() => parseRunRecord(value, { source: 'run.json' })).toThrow(
      'run.json: models[0].decisionGrid.values: expected nx·ny = 40·40 = 1600 values, got 1599',
    );
  });
});

describe('the train report', async () => {
  // Course data with published numbers: the train report still shows no comparison.
  const record = syntheticTrainRecord({ courseData: true });
  const { markdown, figures } = await renderReport(record);

  it('has the title, setup, results, figures, environment and timings, in order, and no comparison', () => {
    expect(markdown.split('\n').filter((line) => line.startsWith('#'))).toEqual([
      '# Training run: moons, Adam',
      '## Setup',
      '## Results',
      '## Cost curves',
      '## Decision boundaries',
      '### moons, Adam',
      '## Environment',
      '## Timings',
    ]);
    expect(markdown).not.toContain('published');
    expect(markdown).not.toContain('Highest test accuracy');
  });

  it('says in one sentence what was trained, how and on what', () => {
    expect(markdown.split('\n')[2]).toBe(
      'moons, Adam: LINEAR(2→20) → RELU → LINEAR(20→3) → RELU → LINEAR(3→1) → SIGMOID trained with adam (batches of 32) for 30000 iterations on football.mat.',
    );
    expect(markdown).toContain('| optimizer           | adam (batches of 32)');
    expect(markdown).toMatch(/\| moons, Adam +\| +0\.5 \| +1 \| +0\.240342 \| +0\.9375 \| +0\.9250 \|/);
    expect(markdown).toContain('![Cost against iteration](cost-curves.svg)');
    expect(markdown).toContain('Predicted regions of the model with the training points on top');
  });

  it('is byte-identical across renders outside the timings section, figures included', async () => {
    const other = await renderReport(syntheticTrainRecord({ courseData: true, seconds: 98.76, createdAt: '2031-12-31T23:59:59.000Z' }));
    expect(other.markdown).not.toBe(markdown);
    expect(maskTimings(other.markdown)).toBe(maskTimings(markdown));
    expect(other.figures).toEqual(figures);
    const timings = markdown.slice(markdown.indexOf(TIMINGS_START));
    expect(timings).toContain('| moons, Adam |    2.50 |');
    expect(timings).toContain('Total: 2.50 s.');
  });

  it('passes markdownlint', () => {
    const results = lint({ strings: { 'report.md': markdown }, config: { default: true, MD013: false } });
    expect(results['report.md']).toEqual([]);
  });

  it('has two figures: one cost curve and the decision boundary', () => {
    expect(figures.map((f) => f.fileName)).toEqual(['cost-curves.svg', 'decision-boundary-moons-adam.svg']);
    for (const f of figures) expect(markdown).toContain(`](${f.fileName})`);
    expect(markItems(parseSvg(figures[0]?.svg ?? ''), 'line')).toHaveLength(1);
    const points = markItems(parseSvg(figures[1]?.svg ?? ''), 'symbol');
    expect(points).toHaveLength(record.trainPoints.x.length);
    expect(new Set(points.map((p) => p.attributes.fill))).toEqual(new Set(CLASS_COLORS.point));
  });

  it('has only the cost curve when the model has no decision grid', async () => {
    const { decisionGrid: _grid, ...model } = record.models[0];
    const withoutGrid: TrainRecord = { ...record, models: [model] };
    const rendered = await renderReport(withoutGrid);
    expect(rendered.figures.map((f) => f.fileName)).toEqual(['cost-curves.svg']);
    expect(rendered.markdown).toContain('No decision grid was recorded for this model.');
  });
});
