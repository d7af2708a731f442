import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers/run-cli';
import { loadSweepConfig } from './load-sweep-config';

const RUN = `data: { kind: csv, path: data/train.csv, testPath: data/test.csv }
model:
  layers: [{ kind: linear, units: 1 }, { kind: sigmoid }]
  loss: binary-cross-entropy
optimizer: { kind: gd, learningRate: 0.1 }
training: { iterations: 10 }
`;

describe('loadSweepConfig with its base in a file of its own', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(async () => dir.cleanup());

  it("rewrites the base's relative data paths relative to the sweep file, and leaves absolute ones alone", async () => {
    await mkdir(join(dir.path, 'runs'));
    await writeFile(join(dir.path, 'runs', 'run.yaml'), RUN.replace('testPath: data/test.csv', 'testPath: /srv/test.csv'));
    const sweep = 'base: runs/run.yaml\nparameters: { model.l2: [0, 1] }\nmetric: { name: testAccuracy, goal: maximize }\n';
    await writeFile(join(dir.path, 'sweep.yaml'), sweep);
    const { config, dataDir } = await loadSweepConfig(join(dir.path, 'sweep.yaml'));
    expect(dataDir).toBe(dir.path);
    expect(config.base.data).toMatchObject({ kind: 'csv', path: join('runs', 'data', 'train.csv'), testPath: '/srv/test.csv' });
  });
});
