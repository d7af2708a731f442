import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isLabError } from '@lab/tensor';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers/run-cli';
import { loadRunConfig } from './load-run-config';

const YAML_CONFIG = `name: small
seed: 5
dataset:
  kind: builtin
  name: moons
  n: 100
model:
  layerSizes: [2, 8, 1]
optimizer:
  kind: adam
  learningRate: 0.01
training:
  numIterations: 50
`;

describe('loadRunConfig', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(async () => dir.cleanup());

  it('reads YAML and fills in the defaults', async () => {
    await writeFile(join(dir.path, 'run.yml'), YAML_CONFIG);
    const { config, datasetPathAsWritten } = await loadRunConfig(join(dir.path, 'run.yml'));
    expect(config).toMatchObject({
      name: 'small',
      seed: 5,
      dataset: { kind: 'builtin', name: 'moons', n: 100 },
      training: { costEvery: 100 },
    });
    expect(datasetPathAsWritten).toBeUndefined();
  });

  it('reads JSON and resolves a MAT path against the config file, keeping the path as written', async () => {
    await mkdir(join(dir.path, 'configs'));
    const json = {
      dataset: { kind: 'mat', path: '../data/football.mat' },
      model: { layerSizes: [2, 20, 3, 1] },
      optimizer: { kind: 'gd', learningRate: 0.3 },
      training: { numIterations: 10 },
    };
    await writeFile(join(dir.path, 'configs', 'run.json'), JSON.stringify(json));
    const { config, datasetPathAsWritten } = await loadRunConfig(join(dir.path, 'configs', 'run.json'));
    expect(config.dataset).toEqual({ kind: 'mat', path: join(dir.path, 'data', 'football.mat') });
    expect(datasetPathAsWritten).toBe('../data/football.mat');
  });

  it('rejects another extension, naming the file', async () => {
    const error = await loadRunConfig(join(dir.path, 'run.toml')).catch((e: unknown) => e);
    expect(isLabError(error)).toBe(true);
    expect((error as Error).message).toBe('run.toml: unknown config format ".toml": expected .yaml, .yml or .json');
  });

  it('reports bad JSON with the parser message on one line', async () => {
    await writeFile(join(dir.path, 'run.json'), '{ "name": ');
    await expect(loadRunConfig(join(dir.path, 'run.json'))).rejects.toThrow(/^run\.json: not valid JSON: /);
  });

  it('reports an invalid field with its path', async () => {
    await writeFile(join(dir.path, 'run.yaml'), YAML_CONFIG.replace('learningRate: 0.01', 'learningRate: fast'));
    await expect(loadRunConfig(join(dir.path, 'run.yaml'))).rejects.toThrow(/^run\.yaml: optimizer\.learningRate: .*expected number/);
  });
});
