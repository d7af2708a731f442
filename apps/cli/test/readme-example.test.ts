import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readmeExample } from '@lab/test-kit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers/run-cli';

const readme = fileURLToPath(new URL('../README.md', import.meta.url));

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(async () => dir.cleanup());

it("runs the README's example commands, one after the other, in a folder with its run.yaml", async () => {
  await writeFile(join(dir.path, 'run.yaml'), readmeExample(readme, 'yaml').code);
  const commands = readmeExample(readme, 'sh')
    .code.split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line !== '');
  expect(commands.length).toBeGreaterThanOrEqual(5);
  for (const command of commands) {
    const [program, ...args] = command.split(/\s+/);
    expect(program, command).toBe('lab');
    // --quiet: no progress lines on stderr (train and experiment print them), so stderr says only what went wrong.
    const quiet = args[0] === 'train' || args[0] === 'experiment' ? ['--quiet'] : [];
    const { code, stderr } = await runCli([...args, ...quiet], dir.path);
    expect(stderr, command).toBe('');
    expect(code, command).toBe(0);
  }
  const record = JSON.parse(await readFile(join(dir.path, 'out', 'moons', 'run.json'), 'utf8')) as {
    models: { name: string; seconds: number }[];
  };
  expect(record.models.map((model) => model.name)).toEqual(['moons, adam']);
  // The rerun from the record: the same numbers, bit for bit (all but the clock).
  const again = JSON.parse(await readFile(join(dir.path, 'out', 'again', 'run.json'), 'utf8')) as typeof record;
  const results = (r: typeof record) => r.models.map(({ seconds: _s, ...model }) => model);
  expect(results(again)).toEqual(results(record));
  const report = await readFile(join(dir.path, 'out', 'report', 'report.md'), 'utf8');
  expect(report).toContain('moons, adam');
});
