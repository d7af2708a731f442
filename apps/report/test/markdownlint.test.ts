import type { TrainRecord } from '@lab/run-record';
import { lint } from 'markdownlint/sync';
import { describe, expect, it } from 'vitest';
import { renderReport } from '../src/index';
import { syntheticTrainRecord } from './fixtures/synthetic-record';

/** markdownlint's defaults, minus the line length: setup tables are wide by nature. */
const CONFIG = { default: true, MD013: false };

function problems(markdown: string): string[] {
  const results = lint({ strings: { 'report.md': markdown }, config: CONFIG });
  return (results['report.md'] ?? []).map((e) => `${e.lineNumber}: ${e.ruleNames.join('/')} ${e.ruleDescription} ${e.errorDetail ?? ''}`);
}

describe('report.md', () => {
  it.each([
    ['a MAT file', syntheticTrainRecord({ courseData: true })],
    ['built-in data', syntheticTrainRecord({ courseData: false })],
  ])('passes markdownlint (%s)', async (_, record) => {
    const { markdown } = await renderReport(record);
    expect(problems(markdown)).toEqual([]);
  });

  it.each(['a | b', '*star* _under_ `tick`', '<b>html</b> #1'])('still passes with an awkward model name: %s', async (name) => {
    const record = syntheticTrainRecord();
    const renamed: TrainRecord = { ...record, models: [{ ...record.models[0], name }] };
    const { markdown } = await renderReport(renamed);
    expect(problems(markdown)).toEqual([]);
  });

  it('reports a problem when there is one (the linter is really running)', () => {
    expect(problems('# a\n\n# a\n')).not.toEqual([]);
  });
});
