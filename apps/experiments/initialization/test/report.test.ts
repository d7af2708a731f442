import { maskTimings, parseRunRecord, type RenderedReport, ReportError, renderReport as render } from '@lab/report';
import { markItems, parseSvg } from '@lab/test-kit';
import { describeCourseReport } from '@lab/test-kit/course-report';
import { describe, expect, it } from 'vitest';
import { type InitializationRecord, initializationReportKind } from '../src/index';
import { syntheticRecord } from './fixtures/synthetic-record';

const kinds = [initializationReportKind];

function renderReport(record: InitializationRecord): Promise<RenderedReport> {
  return render(record, { kinds });
}

describeCourseReport({
  name: 'initialization',
  record: (timings) => syntheticRecord(timings),
  render: renderReport,
  parse: (value) => parseRunRecord(value, { kinds, source: 'run.json' }) as InitializationRecord,
  maskTimings,
  headings: [
    '# Initialization experiment',
    '## Setup',
    '## Results',
    '## Cost curves',
    '## Decision boundaries',
    '### zeros',
    '### random',
    '### he',
    '## Comparison with the published results',
    '## Conclusions',
    '## Environment',
    '## Timings',
  ],
  figureFiles: ['cost-curves.svg', 'decision-boundary-zeros.svg', 'decision-boundary-random.svg', 'decision-boundary-he.svg'],
});

describe('the initialization report', () => {
  it('shows the network, the initializations and the results', async () => {
    const { markdown } = await renderReport(syntheticRecord());
    expect(markdown).toContain('LINEAR(2→10) → RELU → LINEAR(10→5) → RELU → LINEAR(5→1) → SIGMOID');
    expect(markdown).toContain('`np.random.randn(layers_dims[l], layers_dims[l-1]) * np.sqrt(2./layers_dims[l-1])`');
    expect(markdown).toMatch(/\| random +\| +\+∞ \| +0\.381 \| +0\.8300 \| +0\.8500 \|/);
  });

  it('compares with the published numbers cell by cell: +∞ exactly, the zeros cost throughout, accuracies exactly', async () => {
    const { markdown } = await renderReport(syntheticRecord());
    expect(markdown).toContain('1 of 10 comparable published numbers not matched (marked ✗).');
    expect(markdown.match(/✓/g)).toHaveLength(9);
    expect(markdown).toMatch(/\| random +\| cost at iteration 0 +\| +inf \| +inf \| +exact \| +✓ +\|/);
    expect(markdown).toMatch(/\| random +\| test accuracy +\| +0\.86 \| +0\.85 \| +exact \| +✗ +\|/);
    expect(markdown).toMatch(
      /\| zeros +\| cost at every recorded iteration \| 0\.6931471805599453 \| 0\.6931471805599453 \| +±1e-12 \| +✓ +\|/,
    );
    expect(markdown).toMatch(/\| he +\| cost at iteration 0 +\| 0\.8830537463419761 \| 0\.8830537463419761 \| +±1e-12 \| +✓ +\|/);
  });

  it('says "not comparable" where the settings differ from the course, but still compares the cost at iteration 0', async () => {
    const { markdown } = await renderReport(syntheticRecord({ numIterations: 3000 }));
    expect(markdown).toContain('All 3 comparable published numbers matched (7 not comparable).');
    expect(markdown).toMatch(
      /\| he +\| train accuracy +\| 0\.9933333333333333 \| 0\.9933333333333333 \| +exact \| not comparable \(iterations 15000 in the course, 3000 here\) \|/,
    );
    expect(markdown).toMatch(/\| he +\| cost at iteration 0 +\|.*\| +✓ +\|/);
  });

  it('concludes from the numbers: the flat zeros cost, the infinite start, the ranking', async () => {
    const { markdown } = await renderReport(syntheticRecord());
    expect(markdown).toContain(
      'zeros: the cost stays at 0.693147 (ln 2, the cost of predicting 0.5 for every example) at all 15 recorded iterations and the model ends at train accuracy 0.5000, test accuracy 0.5000; it learns nothing: with equal weights',
    );
    expect(markdown).toContain('random: the cost at iteration 0 is +∞');
    expect(markdown).toContain('the first finite recorded cost is 0.58 at iteration 1000');
    expect(markdown).toContain(
      'Highest test accuracy: he (0.9600), then random (0.8500), zeros (0.5000); he also ends with the lowest cost (0.0648).',
    );
  });
});

describe('the figures', async () => {
  const record = syntheticRecord();
  const { figures } = await renderReport(record);

  it('draw each finite cost on its line and the infinite one as a marker on the top edge', () => {
    const root = parseSvg(figures[0]?.svg ?? '');
    const lines = markItems(root, 'line');
    expect(lines).toHaveLength(3);
    // One vertex per finite cost: the random model's line starts at iteration 1000.
    expect(lines.map((l) => (l.attributes.d ?? '').match(/[ML]/g)?.length)).toEqual([15, 14, 15]);
    const markers = markItems(root, 'symbol');
    expect(markers).toHaveLength(1);
    expect(markers[0]?.attributes.transform).toMatch(/^translate\(0,0\)$/);
    expect(figures[0]?.svg).toContain('+∞');
  });

  it('draw the cost curves without a marker when every cost is finite', async () => {
    const finite = syntheticRecord();
    const models = finite.models.map((m) => ({ ...m, costs: m.costs.map((c) => ({ ...c, cost: c.cost === 'Infinity' ? 5 : c.cost })) }));
    const rendered = await renderReport({ ...finite, models });
    const root = parseSvg(rendered.figures[0]?.svg ?? '');
    expect(markItems(root, 'symbol')).toHaveLength(0);
    expect(rendered.figures[0]?.svg).not.toContain('+∞');
  });
});

describe('initialization records', () => {
  const plain = () => JSON.parse(JSON.stringify(syntheticRecord())) as Record<string, unknown> & { models: Record<string, unknown>[] };

  it('write +∞ as "Infinity"', () => {
    expect(JSON.stringify(syntheticRecord())).toContain('"cost":"Infinity"');
  });

  it('refuse a cost written as null (what JSON.stringify makes of an infinity), naming the field', () => {
    const value = plain();
    (value.models[1]?.costs as { iteration: number; cost: unknown }[])[0] = { iteration: 0, cost: null };
    const error = (() => {
      try {
        return parseRunRecord(value, { kinds, source: 'run.json' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ReportError);
    expect((error as Error).message).toContain('run.json: models[1].costs[0].cost');
  });

  it('are checked for what the schema cannot express: grid size', () => {
    const value = plain();
    const grid = value.models[2]?.decisionGrid as { values: number[] };
    grid.values.pop();
    expect(() => parseRunRecord(value, { kinds, source: 'run.json' })).toThrow(
      'run.json: models[2].decisionGrid.values: expected nx·ny = 20·20 = 400 values, got 399',
    );
  });
});
