import { describe, expect, it } from 'vitest';
import { loadExpressionParser } from '../schedules';
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

  it('names the field when the model, optimizer or schedule cannot be built', async () => {
    expect(() => parseRunConfig({ ...valid, model: { layerSizes: [2, 8, 3] } }, 'run.yaml')).toThrow(
      'run.yaml: model.layerSizes[2]: the output layer must have 1 unit (a sigmoid for labels 0 and 1), got 3',
    );
    expect(() => parseRunConfig({ ...valid, optimizer: { kind: 'momentum', learningRate: 0.1, beta1: 0.9 } }, 'run.yaml')).toThrow(
      'run.yaml: optimizer: createOptimizer: beta1 does not apply to momentum (it takes beta)',
    );
    const badExpression = { ...valid, schedule: { kind: 'expression', expression: 'epoch +' } };
    const expressionParser = await loadExpressionParser();
    expect(() => parseRunConfig(badExpression, 'run.yaml', { expressionParser })).toThrow(
      /^run\.yaml: schedule: ExpressionSchedule: "epoch \+": /,
    );
    // Without mathjs the expression is left to the trainer, which checks it before the first step.
    expect(parseRunConfig(badExpression, 'run.yaml').schedule).toEqual(badExpression.schedule);
  });

  it('bounds layer sizes, the number of layers, the parameters and generated data', () => {
    expect(() => parseRunConfig({ ...valid, model: { layerSizes: [2, 3e9, 1] } }, 'run.yaml')).toThrow(
      /^run\.yaml: model\.layerSizes\[1\]: Too big: expected number to be <=100000$/,
    );
    expect(() => parseRunConfig({ ...valid, model: { layerSizes: new Array(200).fill(1) } }, 'run.yaml')).toThrow(
      /^run\.yaml: model\.layerSizes: Too big: expected array to have <=101 items$/,
    );
    expect(() => parseRunConfig({ ...valid, model: { layerSizes: [2, 90000, 90000, 1] } }, 'run.yaml')).toThrow(
      'run.yaml: model.layerSizes: 8100450001 parameters (weights and biases), more than the 20000000 a run may have',
    );
    expect(() => parseRunConfig({ ...valid, dataset: { kind: 'builtin', name: 'moons', n: 1e12 } }, 'run.yaml')).toThrow(
      /^run\.yaml: dataset\.n: Too big: expected number to be <=10000000$/,
    );
  });
});
