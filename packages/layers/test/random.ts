import { RandomState, type Tensor } from '@lab/tensor';

/** Shapes the gradient checks run on: (N, D, M), from 1×1 up. */
export const GRAD_SHAPES: readonly (readonly [n: number, d: number, m: number])[] = [
  [1, 1, 1],
  [4, 5, 3],
  [7, 3, 6],
];

/** A seeded generator for test inputs (fixed seed: failures reproduce). */
export function testRng(seed = 231): RandomState {
  return new RandomState(seed);
}

/** Standard normal (rows, cols) scaled by `scale`. */
export function randomMatrix(rng: RandomState, rows: number, cols: number, scale = 1): Tensor {
  const t = rng.randn(rows, cols);
  for (let i = 0; i < t.size; i++) t.data[i] *= scale;
  return t;
}
