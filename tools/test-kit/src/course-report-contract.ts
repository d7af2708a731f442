import { lint } from 'markdownlint/sync';
import { describe, expect, it } from 'vitest';
import { findAll, parseSvg } from './svg';

/** A rendered report, as `@lab/report`'s `renderReport` returns it. */
export interface RenderedCourseReport {
  readonly markdown: string;
  readonly figures: readonly { readonly fileName: string; readonly svg: string }[];
}

/** One course experiment's report, for {@link describeCourseReport}. */
export interface CourseReportCase<R> {
  /** e.g. `initialization`: names the tests. */
  readonly name: string;
  /** A made-up record of the kind; `seconds` and `createdAt` vary only the timings. */
  readonly record: (timings?: { readonly seconds?: number; readonly createdAt?: string }) => R;
  /** `renderReport(record, { kinds })`. */
  readonly render: (record: R) => Promise<RenderedCourseReport>;
  /** `parseRunRecord(value, { kinds, source: 'run.json' })`. */
  readonly parse: (value: unknown) => R;
  /** `@lab/report`'s `maskTimings`. */
  readonly maskTimings: (markdown: string) => string;
  /** Every heading of the report of {@link record}, in order. */
  readonly headings: readonly string[];
  /** The figures' file names, in order. */
  readonly figureFiles: readonly string[];
}

/**
 * What every course experiment's report must do, as one `describe` block: its headings in order,
 * byte-identical renders outside the timings section (figures included), no markdownlint finding
 * (line length aside), the figures named in order with one title each, and records that read
 * back unchanged through the kind.
 */
export function describeCourseReport<R>(c: CourseReportCase<R>): void {
  describe(`the ${c.name} report`, () => {
    it('has its sections in order', async () => {
      const { markdown } = await c.render(c.record());
      expect(markdown.split('\n').filter((line) => line.startsWith('#'))).toEqual(c.headings);
    });

    it('is byte-identical across renders outside the timings section, figures included', async () => {
      const first = await c.render(c.record({ seconds: 1.25, createdAt: '2025-01-02T03:04:05.000Z' }));
      const second = await c.render(c.record({ seconds: 9.75, createdAt: '2031-12-31T23:59:59.000Z' }));
      expect(second.markdown).not.toBe(first.markdown);
      expect(c.maskTimings(second.markdown)).toBe(c.maskTimings(first.markdown));
      expect(second.figures).toEqual(first.figures);
    });

    it('passes markdownlint (line length aside)', async () => {
      const { markdown } = await c.render(c.record());
      const results = lint({ strings: { 'report.md': markdown }, config: { default: true, MD013: false } });
      expect(results['report.md'] ?? []).toEqual([]);
    });

    it('has the cost curves and one decision boundary per model, each with a title', async () => {
      const { figures } = await c.render(c.record());
      expect(figures.map((f) => f.fileName)).toEqual(c.figureFiles);
      for (const { fileName, svg } of figures) {
        const titles = findAll(parseSvg(svg), (e) => e.tag === 'g' && e.attributes.class === 'mark-text role-title-text');
        expect(titles, fileName).toHaveLength(1);
      }
    });

    it('reads its records back unchanged through the kind', () => {
      const record = c.record();
      expect(c.parse(JSON.parse(JSON.stringify(record)))).toEqual(record);
    });
  });
}
