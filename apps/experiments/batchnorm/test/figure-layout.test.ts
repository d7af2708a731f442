import { renderReport } from '@lab/report';
import { GRADIENT_CHECK_TOLERANCE } from '@lab/tensor';
import { contains, figureLayout, findAll, fixtureRecords, overlaps, parseSvg } from '@lab/test-kit';
import { describe, expect, it } from 'vitest';
import { type BatchnormRecord, batchnormRecordSchema, batchnormReportKind } from '../src/index';
import {
  backwardSpeedSpec,
  batchSizeSpec,
  deepMlpAccuracySpec,
  deepMlpLossSpec,
  forwardStatisticsSpec,
  gradientChecksSpec,
  weightScaleSpec,
} from '../src/report/figures';
import { batchnormFixture } from './fixtures/batchnorm-record';

/** The made-up record, and the one `lab experiment batchnorm` wrote (shrunk) among @lab/test-kit's fixture records. */
const records: [string, BatchnormRecord][] = [
  ['made-up record', batchnormFixture()],
  ...fixtureRecords()
    .filter((f) => f.kind === 'batchnorm')
    .map((f): [string, BatchnormRecord] => [f.file, batchnormRecordSchema.parse(f.value)]),
];

const specs = (record: BatchnormRecord) => ({
  forwardStatistics: forwardStatisticsSpec(record),
  gradientChecks: gradientChecksSpec(record, GRADIENT_CHECK_TOLERANCE),
  backwardSpeed: backwardSpeedSpec(record),
  deepMlpLoss: deepMlpLossSpec(record),
  deepMlpAccuracy: deepMlpAccuracySpec(record),
  weightScale: weightScaleSpec(record),
  batchSize: batchSizeSpec(record),
});

describe.each(records)('the batch-norm figures of the %s', (_, record) => {
  it('has at least one real record to check', () => {
    expect(records.length).toBeGreaterThan(1);
  });

  it('truncates no label: every text drawn in full, the gradient checks named whole', async () => {
    const { figures } = await renderReport(record, { kinds: [batchnormReportKind] });
    for (const { fileName, svg } of figures) {
      const texts = findAll(parseSvg(svg), (e) => e.tag === 'text').map((e) => e.text ?? '');
      // vega draws a label longer than its limit cut, ending in an ellipsis.
      expect(
        texts.filter((t) => t.endsWith('…')),
        fileName,
      ).toEqual([]);
    }
    const checks = findAll(parseSvg(figures.find((f) => f.fileName === 'bn-gradient-checks.svg')?.svg ?? ''), (e) => e.tag === 'text').map(
      (e) => e.text,
    );
    for (const check of record.gradientChecks.checks) expect(checks).toContain(`${check.kernel} vs numerical`);
  });

  it('draws every error bar, reference line and bar inside its plot area, clear of the edge', async () => {
    for (const [name, spec] of Object.entries(specs(record))) {
      const { marks, plots } = await figureLayout(spec);
      expect(plots.length, name).toBeGreaterThan(0);
      for (const mark of marks.filter((m) => m.marktype === 'rect')) {
        // Bars start at the axis: within the plot, their bounds rounded by half a pixel at most.
        expect(contains(mark.plot ?? [0, 0, 0, 0], mark.box, 0.5), `${name}: bar ${mark.box} beyond plot ${mark.plot}`).toBe(true);
      }
      const rules = marks.filter((m) => m.marktype === 'rule');
      if (name === 'forwardStatistics') expect(rules).toHaveLength(record.forwardStatistics.stages.reduce((n, s) => n + s.means.length, 0));
      for (const rule of rules) {
        const [x1, y1, x2, y2] = rule.plot ?? [0, 0, 0, 0];
        const [ax, ay, bx, by] = rule.ends ?? [Number.NaN, Number.NaN, Number.NaN, Number.NaN];
        const half = (rule.strokeWidth ?? 1) / 2;
        // Across the rule, all of its width inside the plot: not drawn on (and half hidden by) the frame.
        if (ax === bx)
          expect(ax - half >= x1 && ax + half <= x2, `${name}: vertical rule at x = ${ax} on the edge of ${rule.plot}`).toBe(true);
        if (ay === by)
          expect(ay - half >= y1 && ay + half <= y2, `${name}: horizontal rule at y = ${ay} on the edge of ${rule.plot}`).toBe(true);
        // Along it: its ends inside; an error bar's (part 1) a pixel clear of the edge, so its end shows.
        const clear = name === 'forwardStatistics' ? 1 : 0;
        for (const [x, y] of [
          [ax, ay],
          [bx, by],
        ] as const) {
          expect(
            x >= x1 + clear && x <= x2 - clear && y >= y1 + clear && y <= y2 - clear,
            `${name}: rule end (${x}, ${y}) outside ${rule.plot}`,
          ).toBe(true);
        }
      }
    }
  });

  it('tells training from validation by line style, not only colour', async () => {
    for (const name of ['deepMlpAccuracy', 'batchSize'] as const) {
      const { marks } = await figureLayout(specs(record)[name]);
      const lines = marks.filter((m) => m.marktype === 'line');
      const dashes = (split: string) => new Set(lines.filter((m) => m.datum.split === split).map((m) => m.strokeDash ?? 'solid'));
      expect(dashes('train'), name).toEqual(new Set(['solid']));
      expect(dashes('validation'), name).toEqual(new Set(['6,4']));
    }
  });

  it('shows the line styles in the legend: a visible stroke with the dash', async () => {
    const { figures } = await renderReport(record, { kinds: [batchnormReportKind] });
    for (const fileName of ['bn-deep-mlp-accuracy.svg', 'bn-batch-size.svg']) {
      const root = parseSvg(figures.find((f) => f.fileName === fileName)?.svg ?? '');
      const symbols = findAll(root, (e) => e.tag === 'g' && (e.attributes.class ?? '').includes('role-legend-symbol')).flatMap(
        (g) => g.children,
      );
      const dashed = symbols.filter((p) => p.attributes['stroke-dasharray'] === '6,4');
      expect(dashed, fileName).toHaveLength(1);
      expect(dashed[0]?.attributes.stroke, fileName).toBe('#444');
    }
  });

  it('keeps legends off the plots', async () => {
    for (const [name, spec] of Object.entries(specs(record))) {
      const { legends, plots } = await figureLayout(spec);
      for (const legend of legends)
        for (const plot of plots) expect(overlaps(legend, plot), `${name}: legend ${legend} over ${plot}`).toBe(false);
    }
  });
});
