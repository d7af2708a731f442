import { ConfigError, type RandomState, type Tensor } from '@lab/tensor';
import { sameRows, takeRows } from './internal/rows';

/** One mini-batch: B aligned rows of x and y. */
export interface MiniBatch {
  /** (B, D) examples. */
  readonly x: Tensor;
  /** (B, C) or (B,) labels. */
  readonly y: Tensor;
}

/**
 * One epoch of mini-batches with the course's `random_mini_batches` semantics: one
 * `rng.permutation(N)`, then consecutive batches of `batchSize` rows in that order;
 * the last batch holds the N mod batchSize left-over rows when there are any. Call it
 * once per epoch (the course reseeds with `seed + epoch`; pass `new RandomState(seed + epoch)` to match).
 * @param x - (N, D) examples, not mutated
 * @param y - (N, C) or (N,) labels, not mutated
 * @param batchSize - B, a positive integer
 * @param rng - advances by one permutation
 * @returns ⌈N / B⌉ batches: x (B, D), y (B, C); the last may be smaller
 * @throws ShapeError when x and y differ in rows; ConfigError when batchSize is not a positive integer
 */
export function miniBatches(x: Tensor, y: Tensor, batchSize: number, rng: RandomState): MiniBatch[] {
  const n = sameRows('miniBatches', x, y);
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new ConfigError(`miniBatches: batchSize must be a positive integer, got ${batchSize}`);
  const order = rng.permutation(n).data;
  const batches: MiniBatch[] = [];
  for (let start = 0; start < n; start += batchSize) {
    const end = Math.min(start + batchSize, n);
    batches.push({ x: takeRows(x, order, start, end), y: takeRows(y, order, start, end) });
  }
  return batches;
}
