import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { blobs, DatasetError, footballField, loadMnistDigits, makeCircles, makeMoons, moons, spiral, trainTestSplit } from '@lab/datasets';
import { ConfigError, RandomState } from '@lab/tensor';
import { tinyMatFile } from '@lab/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRunData } from './load-run-data';
import { parseRunConfig } from './run-config';

const BINARY = {
  layers: [{ kind: 'linear', units: 4 }, { kind: 'relu' }, { kind: 'linear', units: 1 }, { kind: 'sigmoid' }],
  loss: 'binary-cross-entropy',
};
const softmax = (classes: number) => ({ layers: [{ kind: 'linear', units: classes }], loss: 'softmax-cross-entropy' });
const configFor = (data: unknown, model: unknown = BINARY) =>
  parseRunConfig({ data, model, optimizer: { kind: 'gd', learningRate: 0.1 }, training: { iterations: 1 } }, 'run.yaml');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lab-run-data-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('loadRunData: the built-in sets, from their settings and seed', () => {
  it('football: the generator’s own split', async () => {
    const { data, info, spec } = await loadRunData(configFor({ kind: 'football', trainSize: 50, testSize: 20, seed: 4 }));
    expect(data).toEqual(footballField({ trainSize: 50, testSize: 20, seed: 4 }));
    expect(info).toMatchObject({ name: 'football (built-in)', source: 'builtin', classes: 2 });
    expect(spec).toEqual({ kind: 'football', trainSize: 50, testSize: 20, seed: 4 });
  });

  it('moons (and the other 2-class sets): generated, then split with a generator seeded alike; labels (N, 1)', async () => {
    const { data } = await loadRunData(configFor({ kind: 'moons', n: 40, noise: 0.2, testFraction: 0.25, seed: 9 }));
    const { x, y } = moons({ n: 40, noise: 0.2, seed: 9 });
    expect(data).toEqual(trainTestSplit(x, y, { testFraction: 0.25, rng: new RandomState(9) }));
    expect(data.trainY.shape).toEqual([30, 1]);
    for (const kind of ['circles', 'planar-flower']) {
      const loaded = await loadRunData(configFor({ kind, n: 40 }));
      expect([loaded.data.trainX.shape, loaded.data.testY.shape], kind).toEqual([
        [28, 2],
        [12, 1],
      ]);
    }
  });

  it("circles and moons with a test set of their own: the course's two scikit-learn calls", async () => {
    // seed(1); make_circles(300, noise=.05) to train, seed(2); make_circles(100, noise=.05) to test.
    const circles = await loadRunData(configFor({ kind: 'circles', n: 300, noise: 0.05, factor: 0.8, seed: 1, test: { n: 100, seed: 2 } }));
    const train = makeCircles({ nSamples: 300, noise: 0.05, seed: 1 });
    const test = makeCircles({ nSamples: 100, noise: 0.05, seed: 2 });
    expect(circles.data).toEqual({ trainX: train.x, trainY: train.y, testX: test.x, testY: test.y });
    expect(circles.info.description).toBe('built-in circles set: 300 points after seed 1 to train, 100 from seed 2 to test');
    // Without a seed, the test set is the same generator's next draw.
    const moons = await loadRunData(configFor({ kind: 'moons', n: 300, noise: 0.2, seed: 3, test: { n: 50 } }));
    const rng = new RandomState(3);
    const first = makeMoons({ nSamples: 300, noise: 0.2, rng });
    const next = makeMoons({ nSamples: 50, noise: 0.2, rng });
    expect(moons.data).toEqual({ trainX: first.x, trainY: first.y, testX: next.x, testY: next.y });
    expect(moons.data.testX.data).not.toEqual(makeMoons({ nSamples: 50, noise: 0.2, seed: 3 }).x.data);
  });

  it('spiral and blobs: labels (N,) under softmax cross-entropy, (N, 1) under binary cross-entropy', async () => {
    const { data, info } = await loadRunData(configFor({ kind: 'spiral', pointsPerClass: 20, classes: 4, seed: 2 }, softmax(4)));
    const { x, y } = spiral({ pointsPerClass: 20, classes: 4, seed: 2 });
    expect(data).toEqual(trainTestSplit(x, y, { testFraction: 0.3, rng: new RandomState(2) }));
    expect(data.trainY.shape).toEqual([56]);
    expect(info.classes).toBe(4);
    const two = await loadRunData(
      configFor({
        kind: 'blobs',
        n: 30,
        centers: [
          [0, 0],
          [5, 5],
        ],
        std: 0.5,
        seed: 1,
      }),
    );
    const generated = blobs({
      n: 30,
      centers: [
        [0, 0],
        [5, 5],
      ],
      std: 0.5,
      seed: 1,
    });
    const split = trainTestSplit(generated.x, generated.y, { testFraction: 0.3, rng: new RandomState(1) });
    expect(two.data.trainX).toEqual(split.trainX);
    expect(two.data.trainY.shape).toEqual([21, 1]);
    expect(Array.from(two.data.trainY.data)).toEqual(Array.from(split.trainY.data));
  });

  it('names the config when a generator refuses its settings', async () => {
    await expect(loadRunData(configFor({ kind: 'blobs', n: 1, centers: 3 }, softmax(3)), { source: 'run.yaml' })).rejects.toThrow(
      /^run\.yaml: data: /,
    );
  });
});

describe('loadRunData: files', () => {
  const rows = (values: number[][]) => values;
  const trainX = rows([
    [0, 1],
    [1, 0],
    [2, 2],
  ]);
  const testX = rows([
    [3, 1],
    [1, 3],
  ]);

  it('a MAT file: the variables named, its SHA-256 recorded, labels checked against the loss', async () => {
    const bytes = tinyMatFile({ A: trainX, a: [[0], [1], [1]], B: testX, b: [[1], [0]] });
    const path = join(dir, 'custom.mat');
    await writeFile(path, bytes);
    const variables = { trainX: 'A', trainY: 'a', testX: 'B', testY: 'b' };
    const { data, info, spec } = await loadRunData(configFor({ kind: 'mat', path, variables }));
    expect(data.trainX.toArray()).toEqual(trainX);
    expect(data.testY.toArray()).toEqual([[1], [0]]);
    expect(info).toMatchObject({ name: 'custom.mat', source: 'file', path, classes: 2, isCourseData: false });
    expect(info.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(spec).toEqual({ kind: 'mat', path, variables });
    await expect(loadRunData(configFor({ kind: 'mat', path }))).rejects.toThrow(
      new DatasetError(`${path}: variable 'X' is missing (found 'A', 'a', 'B', 'b')`),
    );
    await expect(loadRunData(configFor({ kind: 'mat', path, variables: { ...variables, trainY: 'b' } }))).rejects.toThrow(
      new DatasetError(`${path}: variable 'A' (3, 2) and variable 'b' (2, 1) differ in rows`),
    );
  });

  it('a MAT file without a path: LAB_FOOTBALL_MAT, named when missing', async () => {
    const before = process.env.LAB_FOOTBALL_MAT;
    process.env.LAB_FOOTBALL_MAT = join(dir, 'nowhere.mat');
    try {
      await expect(loadRunData(configFor({ kind: 'mat' }), { source: 'run.yaml' })).rejects.toThrow(
        new DatasetError(
          `run.yaml: data.path: not given, and LAB_FOOTBALL_MAT points to ${join(dir, 'nowhere.mat')}, which does not exist: set data.path, pass --data or fix LAB_FOOTBALL_MAT`,
        ),
      );
    } finally {
      if (before === undefined) delete process.env.LAB_FOOTBALL_MAT;
      else process.env.LAB_FOOTBALL_MAT = before;
    }
  });

  it('a CSV file with its own test file, or a share of its rows held out', async () => {
    const train = join(dir, 'train.csv');
    const test = join(dir, 'test.csv');
    await writeFile(train, 'x1,x2,label\n0,1,2\n1,0,0\n2,2,1\n4,4,2\n');
    await writeFile(test, 'x1,x2,label\n3,1,1\n1,3,0\n');
    const both = await loadRunData(configFor({ kind: 'csv', path: train, testPath: test, header: true, labelColumn: 'label' }, softmax(3)));
    expect(both.data.trainX.toArray()).toEqual([
      [0, 1],
      [1, 0],
      [2, 2],
      [4, 4],
    ]);
    expect(Array.from(both.data.trainY.data)).toEqual([2, 0, 1, 2]);
    expect(both.data.testY.shape).toEqual([2]);
    expect(both.info).toMatchObject({ source: 'file', path: train, testPath: test, classes: 3 });
    expect(both.info.testSha256).toBe(createHash('sha256').update('x1,x2,label\n3,1,1\n1,3,0\n').digest('hex'));

    const held = await loadRunData(configFor({ kind: 'csv', path: train, header: true, testFraction: 0.25, seed: 5 }, softmax(3)));
    expect(held.data.trainX.shape).toEqual([3, 2]);
    expect(held.data.testX.shape).toEqual([1, 2]);
    expect(held.spec).toMatchObject({ testFraction: 0.25, seed: 5 });
  });

  it('names the file, the row and the label a loss cannot learn: the row in the file, not in a shuffled split', async () => {
    const path = join(dir, 'labels.csv');
    await writeFile(path, '0,1,0\n1,0,1\n2,2,3\n3,1,1\n');
    await expect(loadRunData(configFor({ kind: 'csv', path, testFraction: 0.5 }, softmax(3)))).rejects.toThrow(
      new DatasetError(`${path}: row 3, column 3: label 3, expected an integer from 0 to 2`),
    );
    await expect(loadRunData(configFor({ kind: 'csv', path, testFraction: 0.5 }))).rejects.toThrow(
      new DatasetError(`${path}: row 3, column 3: label 3, expected 0 or 1`),
    );
    const train = join(dir, 'good-labels.csv');
    await writeFile(train, '0,1,0\n1,0,1\n');
    await expect(loadRunData(configFor({ kind: 'csv', path: train, testPath: path }))).rejects.toThrow(
      new DatasetError(`${path}: row 3, column 3: label 3, expected 0 or 1`),
    );
  });

  it('names a test file whose features differ from the training file’s', async () => {
    const train = join(dir, 'two.csv');
    const test = join(dir, 'three.csv');
    await writeFile(train, '0,1,0\n1,0,1\n');
    await writeFile(test, '0,1,2,0\n');
    await expect(loadRunData(configFor({ kind: 'csv', path: train, testPath: test }))).rejects.toThrow(
      new DatasetError(`${train}: the training examples have 2 features but the test examples 3`),
    );
  });

  it('a missing file is named', async () => {
    const path = join(dir, 'absent.csv');
    await expect(loadRunData(configFor({ kind: 'csv', path }))).rejects.toThrow(new DatasetError(`${path}: the file does not exist`));
  });
});

describe('loadRunData: MNIST digits', () => {
  it('the counts asked for, 784 features, labels 0 … 9 as (N,)', async () => {
    const { data, info } = await loadRunData(configFor({ kind: 'mnist', trainSize: 30, testSize: 20, seed: 1 }, softmax(10)));
    expect(data.trainX.shape).toEqual([30, 784]);
    expect(data.testY.shape).toEqual([20]);
    expect(info).toMatchObject({ name: 'MNIST digits', classes: 10 });
  });

  it('drawnFrom: the first rows of a larger draw, as lab experiment batchnorm shares one draw between its parts', async () => {
    const digits = await loadMnistDigits({ trainSize: 50, validationSize: 40, seed: 2 });
    const { data } = await loadRunData(
      configFor({ kind: 'mnist', trainSize: 30, testSize: 20, seed: 2, drawnFrom: { trainSize: 50, testSize: 40 } }, softmax(10)),
    );
    expect(data.trainX.data).toEqual(digits.trainX.data.slice(0, 30 * 784));
    expect(data.trainY.data).toEqual(digits.trainY.data.slice(0, 30));
    expect(data.testX.data).toEqual(digits.valX.data.slice(0, 20 * 784));
    expect(data.testY.data).toEqual(digits.valY.data.slice(0, 20));
    // Not the same as drawing 30 and 20.
    const own = await loadRunData(configFor({ kind: 'mnist', trainSize: 30, testSize: 20, seed: 2 }, softmax(10)));
    expect(own.data.trainY.data).not.toEqual(data.trainY.data);
    expect(() => configFor({ kind: 'mnist', trainSize: 30, drawnFrom: { trainSize: 20, testSize: 1000 } }, softmax(10))).toThrow(
      new ConfigError('run.yaml: data.drawnFrom.trainSize: 20 digits drawn cannot give the 30 of trainSize'),
    );
  });
});
