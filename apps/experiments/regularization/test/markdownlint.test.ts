import { lint } from 'markdownlint/sync';
import { describe, expect, it } from 'vitest';
import { renderRegularizationReport as renderReport } from '../src/report/render-regularization-report';
import { syntheticRecord } from './fixtures/synthetic-record';

/** markdownlint's defaults, minus the line length: setup and comparison tables are wide by nature. */
const CONFIG = { default: true, MD013: false };

function problems(markdown: string): string[] {
  const results = lint({ strings: { 'report.md': markdown }, config: CONFIG });
  return (results['report.md'] ?? []).map((e) => `${e.lineNumber}: ${e.ruleNames.join('/')} ${e.ruleDescription} ${e.errorDetail ?? ''}`);
}

describe('report.md', () => {
  it.each([
    ['course data with published numbers', syntheticRecord({ courseData: true })],
    ['built-in data', syntheticRecord({ courseData: false })],
  ])('passes markdownlint (%s)', async (_, record) => {
    const { markdown } = await renderReport(record);
    expect(problems(markdown)).toEqual([]);
  });

  it('still passes with awkward model names', async () => {
    const record = syntheticRecord({ courseData: true });
    const models = record.models.map((m, i) => ({ ...m, name: ['a | b', '*star* _under_ `tick`', '<b>html</b> #1'][i] ?? m.name }));
    const { markdown } = await renderReport({ ...record, models });
    expect(problems(markdown)).toEqual([]);
  });

  it('reports a problem when there is one (the linter is really running)', () => {
    expect(problems('# a\n\n# a\n')).not.toEqual([]);
  });
});
