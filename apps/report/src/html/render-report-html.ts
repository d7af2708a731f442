import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { compileVegaLite } from '../render-vega-lite';
import type { RenderedReport } from '../rendered-report';
import { interactiveSpec } from './interactive-spec';
import { PAGE_SCRIPT, PAGE_STYLE } from './page-script';
import { vegaBrowserBuild } from './vega-runtime';

/** The name of the page {@link renderReportHtml} renders, beside report.md. */
export const REPORT_HTML_FILE = 'report.html';

/** An image as micromark writes it: `<img src="…" alt="…" />`. */
const IMAGE = /<img src="([^"]*)" alt="([^"]*)" \/>/g;

/** A line that is only an HTML comment (the reports' timing markers): invisible in markdown, so left out. */
const COMMENT_LINE = /^<!--.*-->$/gm;

/** JSON safe inside a `<script>` element: no `</script>`, no `<!--`, no line separators JavaScript rejects. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The first level-1 heading's text, for the page's title. */
function titleOf(markdown: string): string {
  const heading = /^# (.+)$/m.exec(markdown);
  return heading?.[1]?.trim() ?? 'lab report';
}

/**
 * A report as one self-contained HTML page: the markdown as HTML, and every figure that kept its
 * spec drawn by vega in the page — hover shows values, a legend entry picks its series. Figures
 * without a spec show their SVG file (beside the page, as in report.md); without JavaScript, every
 * figure does. The page loads nothing from the network: vega's browser build is inlined (~0.5 MB).
 * Raw HTML in the markdown is escaped, never passed through.
 * @param report - a rendered report (`renderReport`)
 * @returns the page's text, for {@link REPORT_HTML_FILE} beside report.md and the SVG files
 */
export async function renderReportHtml(report: RenderedReport): Promise<string> {
  const bySource = new Map(report.figures.map((figure) => [figure.fileName, figure]));
  const html = micromark(report.markdown.replace(COMMENT_LINE, ''), {
    extensions: [gfm()],
    htmlExtensions: [gfmHtml()],
  });
  const specOf = (source: string) => bySource.get(decodeURIComponent(source.replace(/&amp;/g, '&')))?.spec;
  // The specs in the order the page shows their figures: the n-th drawn figure is specs[n].
  const specs: unknown[] = [];
  for (const [, source] of html.matchAll(IMAGE)) {
    const spec = specOf(source ?? '');
    if (spec !== undefined) specs.push(await compileVegaLite(interactiveSpec(spec)));
  }
  let drawn = 0;
  const body = html.replace(IMAGE, (image, source: string, alt: string) => {
    if (specOf(source) === undefined) return image;
    const index = drawn;
    drawn += 1;
    return `<div class="lab-figure" data-figure="${index}" role="img" aria-label="${alt}"><noscript>${image}</noscript></div>`;
  });
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeHtml(titleOf(report.markdown))}</title>`,
    `<style>${PAGE_STYLE}</style>`,
    '</head>',
    '<body>',
    body,
    `<script type="application/json" id="lab-figures">${scriptJson(specs)}</script>`,
    `<script>${vegaBrowserBuild()}</script>`,
    `<script>${PAGE_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
