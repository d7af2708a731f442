import { describe, expect, it } from 'vitest';
import { renderReport } from '../src/index';
import { syntheticTrainRecord } from './fixtures/synthetic-record';

/** What no report or figure may hold raw: C0 (but line ends and tabs in markdown), DEL, C1, line separators, bidi controls. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/u;

describe('control characters from a record are escaped in the report and its figures', () => {
  it('a run name with an escape sequence, a newline, a bidi override and markup', async () => {
    const name = 'evil\u001b[2J\u001b]0;title\u0007 <b>&amp</b>\u202egnp.exe\nsecond | line\u0085';
    const record = syntheticTrainRecord();
    const { markdown, figures } = await renderReport({ ...record, models: [{ ...record.models[0], name }] } as typeof record);
    expect(markdown).not.toMatch(CONTROL);
    // The name is still there, readable, on one line (a table row stays one row).
    expect(markdown).toContain('evil\\u001b\\[2J\\u001b]0;title\\u0007');
    expect(markdown).toContain('\\u202egnp.exe\\nsecond');
    expect(markdown.split('\n').filter((line) => line.includes('\\u202egnp.exe'))).not.toHaveLength(0);
    for (const figure of figures) {
      expect(figure.svg, figure.fileName).not.toMatch(CONTROL);
      expect(figure.svg, figure.fileName).not.toMatch(/\n/);
    }
    const legend = figures.map((f) => f.svg).join('');
    expect(legend).toContain('evil\\u001b[2J');
    // Markup in a name is text in the SVG, not elements.
    expect(legend).not.toContain('<b>');
    expect(legend).toContain('&lt;b&gt;&amp;amp&lt;/b&gt;');
  });
});
