import { execFileSync } from 'node:child_process';
import { mkdir, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tinyMatFile } from '@lab/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers/run-cli';

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(async () => dir.cleanup());

/** A run config in the layers format: `data` and `layers` as YAML flow text, binary unless `loss` says otherwise. */
function runConfig(data: string, layers: string[], options: { loss?: string; training?: string } = {}): string {
  return [
    'name: t',
    `data: ${data}`,
    'model:',
    '  layers:',
    ...layers.map((layer) => `    - ${layer}`),
    `  loss: ${options.loss ?? 'binary-cross-entropy'}`,
    'optimizer: { kind: gd, learningRate: 0.1 }',
    `training: ${options.training ?? '{ iterations: 5 }'}`,
    '',
  ].join('\n');
}

const BINARY = ['{ kind: linear, units: 3 }', '{ kind: relu }', '{ kind: linear, units: 1 }', '{ kind: sigmoid }'];
const SOFTMAX = ['{ kind: linear, units: 3 }', '{ kind: relu }', '{ kind: linear, units: 3 }'];

/** `lab train --config <name>` on `text`; what it printed and its exit code. */
async function train(name: string, text: string): Promise<{ code: number; stdout: string; stderr: string }> {
  await writeFile(join(dir.path, name), text);
  return runCli(['train', '--config', name, '--quiet', '--out', `out-${name}`], dir.path);
}

describe('bounds of the layers format: one line naming the file and the field, before anything is allocated', () => {
  const linear = (units: number) => `{ kind: linear, units: ${units} }`;
  it.each<[string, string[], RegExp]>([
    [
      'a layer of 3e9 units',
      [linear(3e9), '{ kind: relu }', linear(1), '{ kind: sigmoid }'],
      /^model\.layers\[0\]\.units: Too big: expected number to be <=100000$/,
    ],
    [
      '101 linear layers',
      [...Array.from({ length: 100 }, () => linear(2)), linear(1), '{ kind: sigmoid }'],
      /^model\.layers: 101 linear layers, more than the 100 a model may have$/,
    ],
    [
      '401 layers',
      [...Array.from({ length: 400 }, () => '{ kind: relu }'), linear(1), '{ kind: sigmoid }'],
      /^model\.layers: Too big: expected array to have <=400 items$/,
    ],
    [
      'more than 20 million parameters',
      [linear(100000), '{ kind: relu }', linear(100000), '{ kind: relu }', linear(1), '{ kind: sigmoid }'],
      /^model\.layers: \d+ parameters on 2 input features, more than the 20000000 a run may have$/,
    ],
  ])('%s', async (name, layers, message) => {
    const { code, stdout, stderr } = await train(`${name.replaceAll(' ', '-')}.yaml`, runConfig('{ kind: moons, n: 50 }', layers));
    expect({ code, stdout }).toEqual({ code: 1, stdout: '' });
    const [file, ...rest] = stderr
      .replace(/^lab: /, '')
      .replace(/\n$/, '')
      .split(': ');
    expect(file).toBe(`${name.replaceAll(' ', '-')}.yaml`);
    expect(rest.join(': ')).toMatch(message);
  });

  it('generated data and training length', async () => {
    expect((await train('n.yaml', runConfig('{ kind: moons, n: 1e12 }', BINARY))).stderr).toBe(
      'lab: n.yaml: data.n: Too big: expected number to be <=10000000\n',
    );
    expect((await train('steps.yaml', runConfig('{ kind: moons }', BINARY, { training: '{ iterations: 1e9 }' }))).stderr).toBe(
      'lab: steps.yaml: training.iterations: Too big: expected number to be <=100000000\n',
    );
  });
});

describe('data checked at load for the layers format: one line naming the file and the first bad position', () => {
  it('a CSV label out of range names its row in the file, for binary and softmax models', async () => {
    // The test split is drawn at random from the file: the message must not name a row of the split.
    const rows = Array.from({ length: 20 }, (_, i) => `${i / 10},${(i * 7) % 5},${i % 2}`);
    rows[12] = '1.2,3,2';
    await writeFile(join(dir.path, 'two.csv'), `${rows.join('\n')}\n`);
    const binary = await train('csv-binary.yaml', runConfig('{ kind: csv, path: two.csv }', BINARY));
    expect(binary).toEqual({
      code: 1,
      stdout: '',
      stderr: `lab: ${join(dir.path, 'two.csv')}: row 13, column 3: label 2, expected 0 or 1\n`,
    });
    rows[12] = '1.2,3,3';
    await writeFile(join(dir.path, 'three.csv'), `${rows.join('\n')}\n`);
    const softmax = await train(
      'csv-softmax.yaml',
      runConfig('{ kind: csv, path: three.csv }', SOFTMAX, { loss: 'softmax-cross-entropy' }),
    );
    expect(softmax).toEqual({
      code: 1,
      stdout: '',
      stderr: `lab: ${join(dir.path, 'three.csv')}: row 13, column 3: label 3, expected an integer from 0 to 2\n`,
    });
  });

  it('a value that is not finite in a CSV or a MAT file', async () => {
    await writeFile(join(dir.path, 'inf.csv'), '0.1,0.2,0\n0.3,Infinity,1\n0.5,0.6,1\n0.7,0.8,0\n');
    expect((await train('inf.yaml', runConfig('{ kind: csv, path: inf.csv, testFraction: 0.5 }', BINARY))).stderr).toBe(
      `lab: ${join(dir.path, 'inf.csv')}: row 2, column 2: Infinity is not finite\n`,
    );
    await writeFile(
      join(dir.path, 'nan.mat'),
      tinyMatFile({
        A: [
          [0.1, 0.2],
          [0.3, Number.NaN],
        ],
        b: [[0], [1]],
        C: [[0.2, 0.3]],
        d: [[1]],
      }),
    );
    const mat = '{ kind: mat, path: nan.mat, variables: { trainX: A, trainY: b, testX: C, testY: d } }';
    expect((await train('nan.yaml', runConfig(mat, BINARY))).stderr).toBe(
      `lab: ${join(dir.path, 'nan.mat')}: variable 'A': row 2, column 2: NaN, expected a finite number\n`,
    );
  });

  it('splits whose feature counts differ', async () => {
    await writeFile(join(dir.path, 'train.csv'), '0.1,0.2,0\n0.3,0.4,1\n');
    await writeFile(join(dir.path, 'test.csv'), '0.1,0.2,0.3,0\n');
    expect((await train('widths.yaml', runConfig('{ kind: csv, path: train.csv, testPath: test.csv }', BINARY))).stderr).toBe(
      `lab: ${join(dir.path, 'train.csv')}: the training examples have 2 features but the test examples 3\n`,
    );
  });

  it('/dev/zero, a FIFO, a directory and a file over the size limit as data.path: refused at once', async () => {
    if (process.platform === 'win32') return;
    execFileSync('mkfifo', [join(dir.path, 'pipe.csv')]);
    await mkdir(join(dir.path, 'folder.csv'));
    // Sparse: 300 MiB by its size, nothing on disk.
    await writeFile(join(dir.path, 'big.csv'), '');
    await truncate(join(dir.path, 'big.csv'), 300 * 2 ** 20);
    const cases: [string, string][] = [
      ['/dev/zero', '/dev/zero: not a regular file (a character device)'],
      ['pipe.csv', `${join(dir.path, 'pipe.csv')}: not a regular file (a FIFO)`],
      ['folder.csv', `${join(dir.path, 'folder.csv')}: not a regular file (a directory)`],
      ['big.csv', `${join(dir.path, 'big.csv')}: 300.0 MiB (314572800 bytes), more than the 256.0 MiB a data file may have`],
    ];
    for (const [path, message] of cases) {
      const { code, stderr } = await train('file.yaml', runConfig(`{ kind: csv, path: ${JSON.stringify(path)} }`, BINARY));
      expect({ path, code, stderr }).toEqual({ path, code: 1, stderr: `lab: ${message}\n` });
    }
  });
});
