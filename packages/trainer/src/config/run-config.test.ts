import { describe, expect, it } from 'vitest';
import { parseRunConfig } from './run-config';

const valid = {
  dataset: { kind: 'builtin', name: 'moons', n: 200 },
  model: { layerSizes: [2, 8, 1] },
  optimizer: { kind: 'adam', learningRate: 0.01 },
  training: { numIterations: 100 },
};

describe('parseRunConfig', () => {
  it('fills in the documented defaults', () => {
    const config = parseRunConfig(valid);
    expect(config.seed).toBe(3);
    expect(config.name).toBe('run');
    expect(config.regularization).toEqual({ l2: 0, keepProb: 1, dropoutMasks: 'fresh' });
    expect(config.training.costEvery).toBe(100);
    expect(config.dataset).toEqual({ kind: 'builtin', name: 'moons', n: 200, testFraction: 0.3 });
  });

  it('names the file, the field path and what was expected', () => {
    expect(() => parseRunConfig({ ...valid, optimizer: { kind: 'adam', learningRate: -1 } }, 'run.yaml')).toThrow(
      /^run\.yaml: optimizer\.learningRate: .*>0/,
    );
    expect(() => parseRunConfig({ ...valid, model: { layerSizes: [2, 0, 1] } }, 'run.yaml')).toThrow(
      /^run\.yaml: model\.layerSizes\[1\]: /,
    );
    expect(() => parseRunConfig({ ...valid, dataset: { kind: 'csv' } }, 'run.yaml')).toThrow(/^run\.yaml: dataset\.kind: /);
    expect(() => parseRunConfig({ ...valid, extra: 1 }, 'run.yaml')).toThrow(/^run\.yaml: \(top level\): .*extra/);
    expect(() => parseRunConfig({ ...valid, regularization: { keepProb: 1.5 } }, 'run.yaml')).toThrow(
      /^run\.yaml: regularization\.keepProb: .*<=1/,
    );
  });
});
