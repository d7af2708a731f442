import type { TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import type { RenderedReport } from '../rendered-report';
import { renderReportHtml } from './render-report-html';

const spec = {
  title: 'closing </script> in a title',
  data: { values: [{ a: 1, b: 2, s: 'x' }] },
  mark: 'point',
  encoding: { x: { field: 'a', type: 'quantitative' }, y: { field: 'b', type: 'quantitative' }, color: { field: 's', type: 'nominal' } },
} as TopLevelSpec;

const report: RenderedReport = {
  markdown: [
    '# Run <b>one</b>',
    '',
    '| model | accuracy |',
    '|---|---|',
    '| L2 | 0.93 |',
    '',
    '<!-- timings:start -->',
    '![the cost](cost-curves.svg)',
    '',
    '![a drawing](static.svg)',
    '',
  ].join('\n'),
  figures: [
    { fileName: 'cost-curves.svg', svg: '<svg/>', spec },
    { fileName: 'static.svg', svg: '<svg/>' },
  ],
};

/** The page's parts, found by their markers. */
function parts(page: string) {
  const json = /<script type="application\/json" id="lab-figures">(.*?)<\/script>/s.exec(page)?.[1] ?? '';
  return { json, body: page.slice(page.indexOf('<body>'), page.indexOf('<script')) };
}

describe('renderReportHtml', () => {
  it('writes the markdown as HTML, with raw HTML escaped and comment lines left out', async () => {
    const page = await renderReportHtml(report);
    const { body } = parts(page);
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(page).toContain('<title>Run &lt;b&gt;one&lt;/b&gt;</title>');
    expect(body).toContain('<h1>Run &lt;b&gt;one&lt;/b&gt;</h1>');
    expect(body).toContain('<td>L2</td>');
    expect(body).not.toContain('timings:start');
  });

  it('draws a figure with a spec in the page and keeps the file of one without', async () => {
    const { body, json } = parts(await renderReportHtml(report));
    expect(body).toContain(
      '<div class="lab-figure" data-figure="0" role="img" aria-label="the cost"><noscript><img src="cost-curves.svg" alt="the cost" /></noscript></div>',
    );
    expect(body).toContain('<img src="static.svg" alt="a drawing" />');
    expect(body).not.toContain('data-figure="1"');
    const specs = JSON.parse(json) as { $schema: string; signals?: { name: string }[] }[];
    expect(specs).toHaveLength(1);
    expect(specs[0]?.$schema).toMatch(/vega\/v6/);
    expect(specs[0]?.signals?.map((signal) => signal.name)).toContain('lab_series_1');
  });

  it('cannot close its script element from inside the data', async () => {
    const { json } = parts(await renderReportHtml(report));
    expect(json).not.toContain('<');
    expect(JSON.stringify(JSON.parse(json))).toContain('closing </script> in a title');
  });

  it('inlines vega, so the page needs nothing beside it but the SVGs it falls back on', async () => {
    const page = await renderReportHtml(report);
    expect(page).toMatch(/<script>!function\(t,e\)/);
    expect(page).not.toMatch(/<script[^>]+src=/);
  });
});
