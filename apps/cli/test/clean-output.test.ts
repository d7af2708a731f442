import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers/run-cli';

/** The built bin (apps/cli/turbo.json builds it before the tests). */
const BIN = fileURLToPath(new URL('../dist/lab.js', import.meta.url));

/** Control characters that must not reach a terminal raw (line ends are lab's own). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/u;

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(async () => dir.cleanup());

const config = (name: string, iterations: number) =>
  `name: ${name}\ndataset: { kind: builtin, name: moons, n: 60 }\nmodel: { layerSizes: [2, 3, 1] }\noptimizer: { kind: gd, learningRate: 0.3 }\ntraining: { numIterations: ${iterations}, costEvery: 10 }\n`;

describe('text from outside reaches the terminal, the report and the figures with its control characters escaped', () => {
  it('a run name with an escape sequence, a newline and a bidi override', async () => {
    // YAML's double-quoted escapes: \e is ESC, \n a newline, \u202E a right-to-left override.
    writeFileSync(join(dir.path, 'evil.yaml'), config('"evil\\e[2J\\e]0;owned\\a\\u202Egnp.exe\\nsecond line"', 20));
    const { code, stdout, stderr } = await runCli(['train', '--config', 'evil.yaml', '--out', 'evil'], dir.path);
    expect(code).toBe(0);
    expect(stdout).not.toMatch(CONTROL);
    expect(stderr).not.toMatch(CONTROL);
    // Still readable: the table row and the progress line name the run, each on one line.
    expect(stdout).toMatch(/^evil\\u001b\[2J\\u001b]0;owned\\u0007\\u202egnp\.exe\\nsecond line +0 /m);
    expect(stderr).toMatch(/^evil\\u001b\[2J.*: 100% /m);
    const files = readdirSync(join(dir.path, 'evil'));
    for (const file of files.filter((name) => name !== 'run.json')) {
      // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
      expect(readFileSync(join(dir.path, 'evil', file), 'utf8'), file).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/u);
    }
    // The record keeps the name exactly (JSON escapes it), so a rerun reproduces it.
    expect(JSON.parse(readFileSync(join(dir.path, 'evil', 'run.json'), 'utf8')).models[0].name).toBe(
      'evil\u001b[2J\u001b]0;owned\u0007\u202egnp.exe\nsecond line',
    );
  });

  it('a path in an error message stays one line, escaped', async () => {
    const { code, stderr } = await runCli(['train', '--config', 'x\u001b[2J\ny.yaml'], dir.path);
    expect(code).toBe(1);
    expect(stderr).toBe(`lab: ${dir.path}/x\\u001b[2J\\ny.yaml: the file does not exist\n`);
  });

  it('a run of zero iterations writes its report without warnings (dist/lab.js)', () => {
    writeFileSync(join(dir.path, 'zero.yaml'), config('zero', 0));
    const result = spawnSync(process.execPath, [BIN, 'train', '--config', 'zero.yaml', '--out', 'zero', '--quiet'], {
      cwd: dir.path,
      encoding: 'utf8',
    });
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
    expect(readFileSync(join(dir.path, 'zero', 'cost-curves.svg'), 'utf8')).toContain(
      'no cost was recorded: the run took no training step',
    );
  });
});
