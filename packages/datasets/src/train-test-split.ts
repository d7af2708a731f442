import { ConfigError, type RandomState, type Tensor } from '@lab/tensor';
import type { DataSplit } from './data-split';
import { sameRows, takeRows } from './internal/rows';

/** Options of {@link trainTestSplit}. */
export interface TrainTestSplitOptions {
  /** Share of the rows that goes to the test split, in (0, 1); the count is rounded up (default 0.25). */
  readonly testFraction?: number;
  /** Draws the one permutation that decides the split. */
  readonly rng: RandomState;
}

/**
 * Splits rows at random into a training and a test split: `perm = rng.permutation(N)`,
 * the first ⌈testFraction·N⌉ rows of perm go to the test split, the rest to training
 * (both in perm's order), so x and y stay aligned.
 * @param x - (N, D) examples, not mutated
 * @param y - (N, C) or (N,) labels, not mutated
 * @returns trainX (N − T, D), trainY (N − T, C), testX (T, D), testY (T, C) with T = ⌈testFraction·N⌉
 * @throws ShapeError when x and y differ in rows; ConfigError when testFraction is outside (0, 1) or a split would be empty
 */
export function trainTestSplit(x: Tensor, y: Tensor, options: TrainTestSplitOptions): DataSplit {
  const n = sameRows('trainTestSplit', x, y);
  const { testFraction = 0.25, rng } = options;
  if (!(testFraction > 0 && testFraction < 1)) throw new ConfigError(`trainTestSplit: testFraction must be in (0, 1), got ${testFraction}`);
  const testSize = Math.ceil(testFraction * n);
  if (testSize >= n) throw new ConfigError(`trainTestSplit: testFraction ${testFraction} of ${n} rows leaves no training rows`);
  const order = rng.permutation(n).data;
  return {
    trainX: takeRows(x, order, testSize, n),
    trainY: takeRows(y, order, testSize, n),
    testX: takeRows(x, order, 0, testSize),
    testY: takeRows(y, order, 0, testSize),
  };
}
