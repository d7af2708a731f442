import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fixtureRecords, tinyMatFile } from '@lab/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers/run-cli';

/** A run config that differs between the tests only in its schedule: moons, a net with dropout, Adam on mini-batches. */
function config(schedule: string): string {
  return `name: moons
seed: 7
data: { kind: moons, n: 120, noise: 0.15 }
model:
  layers:
    - { kind: linear, units: 10, init: { kind: he } }
    - { kind: relu }
    - { kind: dropout, keepProb: 0.9 }
    - { kind: linear, units: 1, init: { kind: xavier } }
    - { kind: sigmoid }
  loss: binary-cross-entropy
  l2: 0.01
optimizer: { kind: adam, learningRate: 0.02 }
${schedule}
training: { iterations: 150, batchSize: 32, costEvery: 50 }
`;
}

interface Record {
  readonly config: { readonly data: { readonly path?: string }; readonly [key: string]: unknown };
  readonly models: readonly { readonly seconds: number; readonly [key: string]: unknown }[];
  readonly trainPoints: unknown;
  readonly dataset: { readonly sha256?: string; readonly [key: string]: unknown };
  readonly training: { readonly [key: string]: unknown };
}

async function readRecord(path: string): Promise<Record> {
  return JSON.parse(await readFile(path, 'utf8')) as Record;
}

/** What a run produced, without the clock: every number bit for bit (toEqual on doubles parsed from JSON). */
function results(record: Record): unknown {
  return {
    models: record.models.map(({ seconds: _seconds, ...model }) => model),
    trainPoints: record.trainPoints,
    dataset: record.dataset,
    training: record.training,
  };
}

/** The Setup section of a report. */
function setup(markdown: string): string {
  return markdown.slice(markdown.indexOf('## Setup'), markdown.indexOf('\n## ', markdown.indexOf('## Setup') + 1));
}

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  dir = await tempDir();
  await writeFile(join(dir.path, 'constant.yaml'), config(''));
  await writeFile(join(dir.path, 'decay.yaml'), config('schedule: { kind: step, dropFactor: 0.5, epochsPerDrop: 2 }'));
  for (const name of ['constant', 'decay']) {
    const { code, stderr } = await runCli(['train', '--config', `${name}.yaml`, '--out', name, '--quiet'], dir.path);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  }
});
afterAll(async () => dir.cleanup());

describe('two configs that differ only in the schedule', () => {
  it('give records and reports that both show the difference, and the same everything else', async () => {
    const constant = await readRecord(join(dir.path, 'constant', 'run.json'));
    const decay = await readRecord(join(dir.path, 'decay', 'run.json'));
    expect(constant.config.schedule).toEqual({ kind: 'constant' });
    expect(decay.config.schedule).toEqual({ kind: 'step', dropFactor: 0.5, epochsPerDrop: 2 });
    const { schedule: _a, ...restConstant } = constant.config;
    const { schedule: _b, ...restDecay } = decay.config;
    expect(restDecay).toEqual(restConstant);

    const constantSetup = setup(await readFile(join(dir.path, 'constant', 'report.md'), 'utf8'));
    const decaySetup = setup(await readFile(join(dir.path, 'decay', 'report.md'), 'utf8'));
    expect(constantSetup).toMatch(/\| `schedule\.kind` +\| constant +\|/);
    expect(decaySetup).toMatch(/\| `schedule\.kind` +\| step +\|/);
    expect(decaySetup).toMatch(/\| `schedule\.dropFactor` +\| 0\.5 +\|/);
    expect(decaySetup).toMatch(/\| `schedule\.epochsPerDrop` +\| 2 +\|/);
    expect(constantSetup).not.toContain('dropFactor');
    // Every other setting, row for row: the data's generator settings and seed, every layer and
    // initializer, the optimizer's resolved hyperparameters, batching.
    const rows = (section: string) => section.split('\n').filter((line) => line.startsWith('| `') && !line.startsWith('| `schedule.'));
    expect(rows(decaySetup)).toEqual(rows(constantSetup));
    for (const [path, value] of [
      ['data.noise', '0.15'],
      ['data.seed', '7'],
      ['model.layers[0].init.kind', 'he'],
      ['model.layers[2].keepProb', '0.9'],
      ['model.layers[2].masks', 'fresh'],
      ['model.l2', '0.01'],
      ['optimizer.beta1', '0.9'],
      ['optimizer.beta2', '0.999'],
      ['optimizer.epsilon', '1e-8'],
      ['optimizer.weightDecay', '0'],
      ['training.batchSize', '32'],
      ['seed', '7'],
    ]) {
      const escaped = (text = '') => text.replace(/[.[\]]/g, '\\$&');
      expect(constantSetup, path).toMatch(new RegExp(`\\| \`${escaped(path)}\` +\\| ${escaped(value)} +\\|`));
    }
  });

  it('show nothing that does not apply: no dropout mask row without dropout, no rows of the other format', async () => {
    await writeFile(
      join(dir.path, 'plain.yaml'),
      config('').replace('    - { kind: dropout, keepProb: 0.9 }\n', '').replace('batchSize: 32, ', ''),
    );
    expect((await runCli(['train', '--config', 'plain.yaml', '--out', 'plain', '--quiet'], dir.path)).code).toBe(0);
    const plain = setup(await readFile(join(dir.path, 'plain', 'report.md'), 'utf8'));
    const withDropout = setup(await readFile(join(dir.path, 'constant', 'report.md'), 'utf8'));
    expect(withDropout).toContain('masks');
    for (const absent of ['masks', 'keepProb', 'dropout', 'batchSize', 'learning rate |', 'regularization', 'layerSizes']) {
      expect(plain, absent).not.toContain(absent);
    }
  });
});

describe('lab train --config run.json (a record as the config)', () => {
  it('runs the recorded run again, bit for bit', async () => {
    const again = await runCli(['train', '--config', join('decay', 'run.json'), '--out', 'again', '--quiet'], dir.path);
    expect({ code: again.code, stderr: again.stderr }).toEqual({ code: 0, stderr: '' });
    const recorded = await readRecord(join(dir.path, 'decay', 'run.json'));
    const rerun = await readRecord(join(dir.path, 'again', 'run.json'));
    expect(results(rerun)).toEqual(results(recorded));
    expect(rerun.config).toEqual(recorded.config);
  });

  it('runs a MAT file again only while it is the same file (its SHA-256)', async () => {
    const rows = (n: number, shift: number) => Array.from({ length: n }, (_, i) => [Math.sin(i + shift), Math.cos(3 * i + shift)]);
    const labels = (n: number) => Array.from({ length: n }, (_, i) => [i % 2]);
    const bytes = tinyMatFile({ X: rows(40, 0), y: labels(40), Xval: rows(20, 1), yval: labels(20) });
    await writeFile(join(dir.path, 'tiny.mat'), bytes);
    await writeFile(
      join(dir.path, 'mat.yaml'),
      [
        'data: { kind: mat, path: tiny.mat }',
        'model: { layers: [{ kind: linear, units: 4, init: { kind: he } }, { kind: relu }, { kind: linear, units: 1, init: { kind: he } }, { kind: sigmoid }], loss: binary-cross-entropy, l2: 0 }',
        'optimizer: { kind: gd, learningRate: 0.1 }',
        'training: { iterations: 20, costEvery: 10 }',
        '',
      ].join('\n'),
    );
    expect((await runCli(['train', '--config', 'mat.yaml', '--out', 'mat', '--quiet'], dir.path)).code).toBe(0);
    const recorded = await readRecord(join(dir.path, 'mat', 'run.json'));
    expect(recorded.dataset.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    // The record's config names the file relative to the record's folder, as a rerun resolves it: no absolute path.
    expect(recorded.config.data.path).toBe(join('..', 'tiny.mat'));

    const again = await runCli(['train', '--config', join('mat', 'run.json'), '--out', 'mat-again', '--quiet'], dir.path);
    expect(again.code).toBe(0);
    // Each record names the file as its config wrote it: mat.yaml beside it, run.json one folder down.
    const rerun = await readRecord(join(dir.path, 'mat-again', 'run.json'));
    expect([recorded.dataset.path, rerun.dataset.path, rerun.config.data.path]).toEqual([
      'tiny.mat',
      join('..', 'tiny.mat'),
      join('..', 'tiny.mat'),
    ]);
    const withoutPath = (record: Record) => ({ ...record, dataset: { ...record.dataset, path: undefined } });
    expect(results(withoutPath(rerun))).toEqual(results(withoutPath(recorded)));

    await writeFile(join(dir.path, 'tiny.mat'), tinyMatFile({ X: rows(40, 2), y: labels(40), Xval: rows(20, 1), yval: labels(20) }));
    const changed = await runCli(['train', '--config', join('mat', 'run.json'), '--out', 'mat-changed', '--quiet'], dir.path);
    expect(changed.code).not.toBe(0);
    expect(changed.stderr).toMatch(
      /^lab: run\.json: the data file .*tiny\.mat has changed since the recorded run \(its SHA-256 was [0-9a-f]{64}, now [0-9a-f]{64}\): a rerun would not reproduce it\n$/,
    );
  });
});

describe('lab report on the records of every version and kind', () => {
  it.each(fixtureRecords())('renders $file', async ({ file, kind, value }) => {
    const sub = `report-${file.replace('.json', '')}`;
    await writeFile(join(dir.path, `${sub}.json`), JSON.stringify(value));
    const { code, stderr } = await runCli(['report', `${sub}.json`, '--out', sub], dir.path);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const markdown = await readFile(join(dir.path, sub, 'report.md'), 'utf8');
    const titles: { readonly [kind: string]: string } = {
      train: '# Training run: ',
      regularization: '# Regularization experiment',
      batchnorm: '# Batch normalization experiment',
    };
    expect(markdown.startsWith(titles[kind] ?? '?')).toBe(true);
  });
});
