import { readFileSync } from 'node:fs';
import { fromRecordedCost } from '@lab/run-record';
import { ConfigError } from '@lab/tensor';
import { describe, expect, it } from 'vitest';
import { SAME_FORMULA } from '../../test/tolerances';
import { parseRunConfig } from './run-config';
import { runFromConfig } from './run-from-config';

/** A config in the format before layer lists: moons, the course's net with dropout, Adam in mini-batches. */
const OLD = {
  name: 'old moons',
  seed: 11,
  dataset: { kind: 'builtin', name: 'moons', n: 150, noise: 0.2, testFraction: 0.25 },
  model: { layerSizes: [2, 10, 4, 1] },
  regularization: { l2: 0.1, keepProb: 0.8 },
  optimizer: { kind: 'adam', learningRate: 0.02 },
  training: { numIterations: 60, batchSize: 32, costEvery: 10 },
};
const environment = { node: 'v20', platform: 'linux', arch: 'x64', cpu: 'test', cores: 1, packages: {} };

describe('configs in the format before layer lists', () => {
  it('convert to the same network, data and training in the new format', () => {
    expect(parseRunConfig(OLD, 'old.yaml')).toEqual(
      parseRunConfig({
        name: 'old moons',
        seed: 11,
        data: { kind: 'moons', n: 150, noise: 0.2, testFraction: 0.25, seed: 11 },
        model: {
          layers: [
            { kind: 'linear', units: 10, init: { kind: 'course' } },
            { kind: 'relu' },
            { kind: 'dropout', keepProb: 0.8, masks: 'fresh' },
            { kind: 'linear', units: 4, init: { kind: 'course' } },
            { kind: 'relu' },
            { kind: 'dropout', keepProb: 0.8, masks: 'fresh' },
            { kind: 'linear', units: 1, init: { kind: 'course' } },
            { kind: 'sigmoid' },
          ],
          loss: 'binary-cross-entropy',
          l2: 0.1,
        },
        optimizer: { kind: 'adam', learningRate: 0.02 },
        training: { iterations: 60, batchSize: 32, costEvery: 10 },
      }),
    );
    const blobs = parseRunConfig({ ...OLD, dataset: { kind: 'builtin', name: 'blobs', noise: 0.5 } });
    expect(blobs.data).toEqual({ kind: 'blobs', n: 300, centers: 2, std: 0.5, box: [-10, 10], testFraction: 0.3, seed: 11 });
    expect(parseRunConfig({ ...OLD, dataset: { kind: 'builtin', name: 'football' } }).data).toEqual({
      kind: 'football',
      trainSize: 211,
      testSize: 200,
      seed: 11,
    });
    expect(parseRunConfig({ ...OLD, dataset: { kind: 'mat', path: 'f.mat' } }).data).toMatchObject({ kind: 'mat', path: 'f.mat' });
  });

  it('train as they did: the old BinaryMlp’s costs and accuracies (test/fixtures/legacy-config-run.json)', async () => {
    const { keepProb: _keepProb, ...regularization } = OLD.regularization;
    const record = await runFromConfig(parseRunConfig({ ...OLD, regularization }), { environment });
    const expected = JSON.parse(readFileSync(new URL('../../test/fixtures/legacy-config-run.json', import.meta.url), 'utf8')) as {
      costs: { iteration: number; cost: number }[];
      trainAccuracy: number;
      testAccuracy: number;
      finalCost: number;
    };
    const [recorded] = record.models;
    expect(recorded.costs.map((c) => c.iteration)).toEqual(expected.costs.map((c) => c.iteration));
    recorded.costs.forEach((c, i) =>
      expect(Math.abs(fromRecordedCost(c.cost) - (expected.costs[i]?.cost ?? Number.NaN)), `cost at ${c.iteration}`).toBeLessThan(
        SAME_FORMULA,
      ),
    );
    expect(recorded.trainAccuracy).toBe(expected.trainAccuracy);
    expect(recorded.testAccuracy).toBe(expected.testAccuracy);
    expect(Math.abs(recorded.finalCost - expected.finalCost)).toBeLessThan(SAME_FORMULA);
  });

  // Their errors name their own fields.
  const errors: [string, unknown, string][] = [
    ['a size of 0', { ...OLD, model: { layerSizes: [2, 0, 1] } }, 'model.layerSizes[1]: Too small: expected number to be >0'],
    [
      'an output layer of 2 units',
      { ...OLD, model: { layerSizes: [2, 3, 2] } },
      'model.layerSizes[2]: the output layer must have 1 unit (a sigmoid for labels 0 and 1), got 2',
    ],
    [
      'too many parameters',
      { ...OLD, model: { layerSizes: [2, 90000, 90000, 1] } },
      'model.layerSizes: 8100450001 parameters (weights and biases), more than the 20000000 a run may have',
    ],
    [
      'an input layer of 3 on built-in data',
      { ...OLD, model: { layerSizes: [3, 4, 1] } },
      'model.layerSizes[0]: the built-in moons set has 2 features, got 3',
    ],
    ['a dataset kind of the new format', { ...OLD, dataset: { kind: 'csv' } }, 'dataset.kind: "csv" is not one of "mat", "builtin"'],
    ['keepProb above 1', { ...OLD, regularization: { keepProb: 1.5 } }, 'regularization.keepProb: Too big: expected number to be <=1'],
    [
      'a misspelled field',
      { ...OLD, training: { numIterations: 1, costEvry: 3 } },
      'training.costEvry: unknown field (the fields: numIterations, batchSize, costEvery)',
    ],
    [
      'a field of another optimizer',
      { ...OLD, optimizer: { kind: 'gd', learningRate: 0.1, beta: 0.9 } },
      'optimizer.beta: unknown field (the fields of "gd": kind, learningRate, weightDecay)',
    ],
  ];
  it.each(errors)('%s: names the old field', (_what, config, message) => {
    expect(() => parseRunConfig(config, 'old.yaml')).toThrow(new ConfigError(`old.yaml: ${message}`));
  });

  it('inside a run record (its config), convert too', () => {
    expect(parseRunConfig({ schemaVersion: 1, kind: 'train', config: OLD }, 'run.json')).toEqual(parseRunConfig(OLD));
  });
});
