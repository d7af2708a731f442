import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runReadmeExample } from '@lab/test-kit';
import { expect, it } from 'vitest';
import { syntheticTrainRecord } from './fixtures/synthetic-record';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

it("runs the README's example: a record from disk to run.json, report.md and its figures", async () => {
  const text = JSON.stringify(syntheticTrainRecord());
  const { logs, cwd } = await runReadmeExample({ packageDir, files: { 'runs/a/run.json': text } });
  const out = join(realpathSync(cwd), 'report');
  expect(logs).toEqual([[join(out, 'report.md'), [join(out, 'cost-curves.svg'), join(out, 'decision-boundary-moons-adam.svg')], false]]);
  expect(readFileSync(join(out, 'run.json'), 'utf8')).toBe(text);
  for (const file of ['report.md', 'cost-curves.svg', 'decision-boundary-moons-adam.svg']) {
    expect(existsSync(join(out, file)), file).toBe(true);
  }
});

it('runs the example of "Your own record kind"', async () => {
  const { logs } = await runReadmeExample({ packageDir, section: 'Your own record kind' });
  expect(logs).toEqual([['# Note\n\nhello\n']]);
});
