import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers/run-cli';

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  dir = await tempDir();
  const { code } = await runCli(['experiment', 'regularization', '--iterations', '50', '--quiet', '--out', 'run'], dir.path);
  expect(code).toBe(0);
});
afterAll(async () => dir.cleanup());

describe('lab report', () => {
  it('renders a saved run record beside it by default', async () => {
    const before = await readFile(join(dir.path, 'run', 'report.md'), 'utf8');
    const record = await readFile(join(dir.path, 'run', 'run.json'));
    await rm(join(dir.path, 'run', 'report.md'));
    const { code, stdout, stderr } = await runCli(['report', 'run/run.json'], dir.path);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toBe('Report: run/report.md (4 figures beside it)\nReplaced the previous outputs in run.\n');
    // The same record renders the same report (the timings come from the record, not the clock).
    expect(await readFile(join(dir.path, 'run', 'report.md'), 'utf8')).toBe(before);
    // The record itself is carried over byte for byte.
    expect(await readFile(join(dir.path, 'run', 'run.json'))).toEqual(record);
  });

  it('writes into --out, and lists the paths with --json', async () => {
    const { code, stdout } = await runCli(['report', join(dir.path, 'run', 'run.json'), '--out', 'elsewhere', '--json'], dir.path);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result).toEqual({
      command: 'report',
      runRecord: join(dir.path, 'run', 'run.json'),
      report: join(dir.path, 'elsewhere', 'report.md'),
      figures: expect.any(Array),
      replaced: false,
    });
    expect(result.figures).toHaveLength(4);
    expect((await readdir(join(dir.path, 'elsewhere'))).sort()).toEqual([
      'cost-curves.svg',
      'decision-boundary-dropout.svg',
      'decision-boundary-l2.svg',
      'decision-boundary-no-regularization.svg',
      'report.md',
      'run.json',
    ]);
  });

  it('asks for --out when the record lies in the working directory, which it cannot replace', async () => {
    const { code, stdout, stderr } = await runCli(['report', 'run.json'], join(dir.path, 'run'));
    expect({ code, stdout }).toEqual({ code: 1, stdout: '' });
    expect(stderr).toBe(
      `lab: ${join(dir.path, 'run')}: the run record's directory is the working directory, which lab would replace as a whole: pass --out DIR\n`,
    );
  });

  it('reports a missing run record in one line', async () => {
    const { code, stdout, stderr } = await runCli(['report', 'missing/run.json'], dir.path);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(`lab: ${join(dir.path, 'missing', 'run.json')}: the file does not exist\n`);
  });

  it('reports a run record that is not JSON, or not a valid record, in one line', async () => {
    await writeFile(join(dir.path, 'broken.json'), '{"kind": ');
    const broken = await runCli(['report', 'broken.json'], dir.path);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/^lab: broken\.json: not valid JSON: .+\n$/);
    const record = JSON.parse(await readFile(join(dir.path, 'run', 'run.json'), 'utf8'));
    record.models[1].trainAccuracy = 'high';
    await writeFile(join(dir.path, 'invalid.json'), JSON.stringify(record));
    const invalid = await runCli(['report', 'invalid.json'], dir.path);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toBe('lab: invalid.json: models[1].trainAccuracy: expected number, received string\n');
  });
});
