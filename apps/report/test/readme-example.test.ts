import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { loadRunRecord, renderReport, writeReport } from '../src/index';
import { syntheticTrainRecord } from './fixtures/synthetic-record';

it("runs the README's example", async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'lab-report-readme-'));
  mkdirSync(join(cwd, 'out'));
  writeFileSync(join(cwd, 'out', 'run.json'), JSON.stringify(syntheticTrainRecord()));
  const out = join(cwd, 'out');

  // The README's example, with its relative paths made absolute.
  const record = await loadRunRecord(join(out, 'run.json'));
  const { reportPath, figures } = await writeReport(record, out);
  const { markdown, figures: svgs } = await renderReport(record);

  expect(reportPath).toBe(join(out, 'report.md'));
  expect(figures[0]).toBe(join(out, 'cost-curves.svg'));
  expect(figures.every((path) => existsSync(path))).toBe(true);
  expect(markdown.startsWith('# Training run: moons, Adam\n')).toBe(true);
  expect(svgs).toHaveLength(figures.length);
});
