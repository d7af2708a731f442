import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { loadRunRecordFile, renderReport, writeReport } from '../src/index';
import { syntheticTrainRecord } from './fixtures/synthetic-record';

it("runs the README's example", async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'lab-report-readme-'));
  mkdirSync(join(cwd, 'runs', 'a'), { recursive: true });
  writeFileSync(join(cwd, 'runs', 'a', 'run.json'), JSON.stringify(syntheticTrainRecord()));
  const out = join(cwd, 'report');

  // The README's example, with its relative paths made absolute.
  const { record, text } = await loadRunRecordFile(join(cwd, 'runs', 'a', 'run.json'));
  const { reportPath, figures, replaced } = await writeReport(record, out, { recordText: text });
  const { markdown, figures: svgs } = await renderReport(record);

  expect(replaced).toBe(false);
  expect(readFileSync(join(out, 'run.json'), 'utf8')).toBe(JSON.stringify(syntheticTrainRecord()));
  expect(reportPath).toBe(join(out, 'report.md'));
  expect(figures[0]).toBe(join(out, 'cost-curves.svg'));
  expect(figures.every((path) => existsSync(path))).toBe(true);
  expect(markdown.startsWith('# Training run: moons, Adam\n')).toBe(true);
  expect(svgs).toHaveLength(figures.length);
});
