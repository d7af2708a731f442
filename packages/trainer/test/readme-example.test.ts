import { footballField } from '@lab/datasets';
import { RandomState } from '@lab/tensor';
import { expect, it } from 'vitest';
import { BinaryMlp, createOptimizer, train } from '../src/index';

it('the README example runs and learns', () => {
  const data = footballField({ seed: 1 });
  const model = new BinaryMlp({ layerSizes: [2, 20, 3, 1], rng: new RandomState(3), lambd: 0.7 });
  const result = train({
    model,
    optimizer: createOptimizer({ kind: 'gd', learningRate: 0.3 }),
    x: data.trainX,
    y: data.trainY,
    numIterations: 2000,
    costEvery: 1000,
  });
  expect(result.costs.map((c) => c.iteration)).toEqual([0, 1000]);
  expect(result.costs[1].cost).toBeLessThan(result.costs[0].cost);
  expect(model.accuracy(data.testX, data.testY)).toBeGreaterThan(0.8);
});
