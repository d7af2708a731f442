import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isLabError } from '@lab/tensor';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers/run-cli';
import { loadRunConfig, MAX_CONFIG_BYTES } from './load-run-config';

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
      data: { kind: 'moons', n: 100, seed: 5 },
      training: { iterations: 50, costEvery: 100 },
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
    expect(config.data).toMatchObject({ kind: 'mat', path: join(dir.path, 'data', 'football.mat') });
    expect(datasetPathAsWritten).toBe('../data/football.mat');
  });

  it('resolves both files of a CSV against the config file, and leaves a MAT without a path alone', async () => {
    await mkdir(join(dir.path, 'configs'));
    const csv = { kind: 'csv', path: 'train.csv', testPath: '/data/test.csv' };
    const model = { layers: [{ kind: 'linear', units: 3 }], loss: 'softmax-cross-entropy' };
    const rest = { model, optimizer: { kind: 'gd', learningRate: 0.3 }, training: { iterations: 10 } };
    await writeFile(join(dir.path, 'configs', 'csv.json'), JSON.stringify({ data: csv, ...rest }));
    const { config } = await loadRunConfig(join(dir.path, 'configs', 'csv.json'));
    expect(config.data).toMatchObject({ kind: 'csv', path: join(dir.path, 'configs', 'train.csv'), testPath: '/data/test.csv' });
    await writeFile(join(dir.path, 'configs', 'mat.json'), JSON.stringify({ data: { kind: 'mat' }, ...rest }));
    const mat = await loadRunConfig(join(dir.path, 'configs', 'mat.json'));
    expect(mat.config.data).not.toHaveProperty('path');
    expect(mat.datasetPathAsWritten).toBeUndefined();
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

  it('refuses YAML tags outside the core schema and duplicate keys, in one line', async () => {
    await writeFile(join(dir.path, 'tag.yaml'), `name: !!js/function "function () {}"\n${YAML_CONFIG.replace('name: small\n', '')}`);
    await expect(loadRunConfig(join(dir.path, 'tag.yaml'))).rejects.toMatchObject({
      message: 'tag.yaml: not valid YAML: Unresolved tag: tag:yaml.org,2002:js/function at line 1, column 7',
    });
    await writeFile(join(dir.path, 'twice.yaml'), `${YAML_CONFIG}seed: 6\n`);
    await expect(loadRunConfig(join(dir.path, 'twice.yaml'))).rejects.toThrow(
      /^twice\.yaml: not valid YAML: Map keys must be unique at line \d+, column 1$/,
    );
  });

  it('reads only regular files under the size limit, checked before reading', async () => {
    const missing = join(dir.path, 'nowhere.yaml');
    await expect(loadRunConfig(missing)).rejects.toMatchObject({ message: `${missing}: the file does not exist` });
    await mkdir(join(dir.path, 'folder.yaml'));
    await expect(loadRunConfig(join(dir.path, 'folder.yaml'))).rejects.toThrow(
      `${join(dir.path, 'folder.yaml')}: not a regular file (a directory)`,
    );
    await writeFile(join(dir.path, 'huge.yaml'), `# ${'x'.repeat(MAX_CONFIG_BYTES)}\n`);
    await expect(loadRunConfig(join(dir.path, 'huge.yaml'))).rejects.toThrow(
      `${join(dir.path, 'huge.yaml')}: 1.0 MiB (1048579 bytes), more than the 1.0 MiB a config file may have`,
    );
    if (process.platform === 'win32') return;
    const fifo = join(dir.path, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    await expect(loadRunConfig(fifo)).rejects.toThrow(`${fifo}: not a regular file (a FIFO)`);
  });
});
