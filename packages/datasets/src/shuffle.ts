import type { RandomState, Tensor } from '@lab/tensor';
import { sameRows, takeRows } from './internal/rows';

/**
 * Shuffles the rows of x and y with one `rng.permutation(N)`, keeping them aligned:
 * row i of the results is row `perm[i]` of the inputs, like the course's `X[:, permutation]`.
 * @param x - (N, D) (or any (N, …)) examples, one per row; not mutated
 * @param y - (N, C) or (N,) labels; not mutated
 * @param rng - advances by one permutation
 * @returns x (N, D) and y (N, C) as new tensors
 * @throws ShapeError when x and y differ in rows
 */
export function shuffle(x: Tensor, y: Tensor, rng: RandomState): { x: Tensor; y: Tensor } {
  const n = sameRows('shuffle', x, y);
  const order = rng.permutation(n).data;
  return { x: takeRows(x, order), y: takeRows(y, order) };
}
