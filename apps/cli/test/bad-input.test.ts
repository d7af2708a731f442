import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tinyMatFile } from '@lab/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers/run-cli';

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(async () => dir.cleanup());

/** The four variables of a football MAT file. */
interface FootballVariables {
  readonly X: number[][];
  readonly y: number[][];
  readonly Xval: number[][];
  readonly yval: number[][];
}

const GOOD: FootballVariables = {
  X: [
    [0.1, 0.2],
    [0.3, 0.4],
    [0.5, 0.6],
  ],
  y: [[0], [1], [1]],
  Xval: [
    [0.1, 0.1],
    [0.2, 0.2],
  ],
  yval: [[1], [0]],
};

/** A football-shaped MAT file (X 3×2, y, Xval 2×2, yval) with some variables replaced; returns its path. */
async function footballMat(name: string, replace: Partial<FootballVariables> = {}): Promise<string> {
  const variables = { ...GOOD, ...replace };
  // Two columns also when a test empties X or Xval: MATLAB's zeros(0, 2).
  const shaped = Object.fromEntries(Object.entries(variables).map(([key, rows]) => [key, { rows, columns: key.startsWith('X') ? 2 : 1 }]));
  await writeFile(join(dir.path, name), tinyMatFile(shaped));
  return join(dir.path, name);
}

async function regularization(data: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return runCli(['experiment', 'regularization', '--data', data, '--iterations', '5', '--quiet', '--out', `out-${data}`], dir.path);
}

describe('bad data is refused before any training: one line naming the file, the variable and the position', () => {
  it('a good file trains (the checks refuse only what is wrong)', async () => {
    await footballMat('good.mat');
    const { code, stderr } = await regularization('good.mat');
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it.each<[string, Partial<FootballVariables>, string]>([
    [
      'nan.mat',
      {
        X: [
          [0.1, 0.2],
          [Number.NaN, 0.4],
          [0.5, 0.6],
        ],
      },
      "variable 'X': row 2, column 1: NaN, expected a finite number",
    ],
    [
      'inf.mat',
      {
        Xval: [
          [0.1, Number.NEGATIVE_INFINITY],
          [0.2, 0.2],
        ],
      },
      "variable 'Xval': row 1, column 2: -Infinity, expected a finite number",
    ],
    ['label.mat', { yval: [[7], [0]] }, "variable 'yval': row 1: label 7, expected 0 or 1"],
    ['empty.mat', { Xval: [], yval: [] }, "variable 'Xval': no rows; every split needs at least one example"],
  ])('%s', async (name, replace, message) => {
    const path = await footballMat(name, replace);
    const { code, stdout, stderr } = await regularization(name);
    expect({ code, stdout, stderr }).toEqual({ code: 1, stdout: '', stderr: `lab: ${path}: ${message}\n` });
    expect(existsSync(join(dir.path, `out-${name}`))).toBe(false);
  });

  it('lab train: the same for a config naming the file, and the labels checked against the model’s classes', async () => {
    const path = await footballMat('train-nan.mat', { y: [[0], [1], [Number.NaN]] });
    const config = `dataset: { kind: mat, path: train-nan.mat }\nmodel: { layerSizes: [2, 3, 1] }\noptimizer: { kind: gd, learningRate: 0.3 }\ntraining: { numIterations: 5 }\n`;
    await writeFile(join(dir.path, 'nan.yaml'), config);
    const nan = await runCli(['train', '--config', 'nan.yaml', '--quiet'], dir.path);
    expect({ code: nan.code, stderr: nan.stderr }).toEqual({
      code: 1,
      stderr: `lab: ${path}: variable 'y': row 3: label NaN, expected 0 or 1\n`,
    });
    const three = await footballMat('three.mat', { y: [[0], [1], [2]] });
    const softmax = `data: { kind: mat, path: three.mat }\nmodel: { layers: [{ kind: linear, units: 2 }], loss: softmax-cross-entropy }\noptimizer: { kind: gd, learningRate: 0.3 }\ntraining: { iterations: 5 }\n`;
    await writeFile(join(dir.path, 'two-classes.yaml'), softmax);
    const classes = await runCli(['train', '--config', 'two-classes.yaml', '--quiet'], dir.path);
    expect({ code: classes.code, stderr: classes.stderr }).toEqual({
      code: 1,
      stderr: `lab: ${three}: variable 'y': row 3: label 2, expected an integer from 0 to 1\n`,
    });
  });
});

describe('files that are not regular files are refused at once', () => {
  it('/dev/zero and a FIFO as data, a FIFO as config', async () => {
    if (process.platform === 'win32') return;
    const zero = await regularization('/dev/zero');
    expect({ code: zero.code, stderr: zero.stderr }).toEqual({
      code: 1,
      stderr: 'lab: /dev/zero: not a regular file (a character device)\n',
    });
    execFileSync('mkfifo', [join(dir.path, 'pipe.mat'), join(dir.path, 'pipe.yaml')]);
    const pipe = await regularization('pipe.mat');
    expect(pipe.stderr).toBe(`lab: ${join(dir.path, 'pipe.mat')}: not a regular file (a FIFO)\n`);
    const config = await runCli(['train', '--config', 'pipe.yaml'], dir.path);
    expect({ code: config.code, stderr: config.stderr }).toEqual({
      code: 1,
      stderr: `lab: ${join(dir.path, 'pipe.yaml')}: not a regular file (a FIFO)\n`,
    });
  });

  it('a missing file has the same shape in every command', async () => {
    const missing = (name: string) => `lab: ${join(dir.path, name)}: the file does not exist\n`;
    expect((await regularization('absent.mat')).stderr).toBe(missing('absent.mat'));
    expect((await runCli(['train', '--config', 'absent.yaml'], dir.path)).stderr).toBe(missing('absent.yaml'));
    expect((await runCli(['report', 'absent.json'], dir.path)).stderr).toBe(missing('absent.json'));
  });
});
