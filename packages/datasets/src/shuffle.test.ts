import { ConfigError, RandomState, ShapeError, tensor } from '@lab/tensor';
import { describe, expect, it } from 'vitest';
import { shuffle } from './shuffle';
import { trainTestSplit } from './train-test-split';

const x = tensor([
  [0, 0],
  [1, 10],
  [2, 20],
  [3, 30],
  [4, 40],
  [5, 50],
  [6, 60],
  [7, 70],
  [8, 80],
  [9, 90],
]);
const y = tensor([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);

describe('shuffle', () => {
  it('permutes rows with rng.permutation(N), aligned, without touching the inputs', () => {
    const out = shuffle(x, y, new RandomState(0));
    const perm = Array.from(new RandomState(0).permutation(10).data);
    expect(Array.from(out.y.data)).toEqual(perm);
    expect(out.x.toArray()).toEqual(perm.map((i) => [i, 10 * i]));
    expect(y.data[3]).toBe(3);
    expect(() => shuffle(x, tensor([1, 2]), new RandomState(0))).toThrow(ShapeError);
  });
});

describe('trainTestSplit', () => {
  it('puts the first ceil(testFraction·N) rows of the permutation in the test split', () => {
    const split = trainTestSplit(x, y, { testFraction: 0.25, rng: new RandomState(0) });
    const perm = Array.from(new RandomState(0).permutation(10).data);
    expect(Array.from(split.testY.data)).toEqual(perm.slice(0, 3));
    expect(Array.from(split.trainY.data)).toEqual(perm.slice(3));
    expect(split.trainX.shape).toEqual([7, 2]);
    expect(split.testX.toArray()).toEqual(perm.slice(0, 3).map((i) => [i, 10 * i]));
  });

  it('rejects a fraction outside (0, 1) or one that leaves no training rows', () => {
    expect(() => trainTestSplit(x, y, { testFraction: 1, rng: new RandomState(0) })).toThrow(ConfigError);
    expect(() => trainTestSplit(x, y, { testFraction: 0.95, rng: new RandomState(0) })).toThrow(
      'trainTestSplit: testFraction 0.95 of 10 rows leaves no training rows',
    );
  });
});
