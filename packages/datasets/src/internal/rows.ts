import { ShapeError, Tensor } from '@lab/tensor';

/**
 * Checks that x and y are at least 1-D and have the same number of rows; returns it.
 * @throws ShapeError `<op>: (x) and (y): x and y must have the same number of rows, got A and B`
 */
export function sameRows(op: string, x: Tensor, y: Tensor): number {
  if (x.shape.length === 0 || y.shape.length === 0) {
    throw new ShapeError(op, [x.shape, y.shape], 'x and y must have a leading (row) dimension', ' and ');
  }
  if (x.shape[0] !== y.shape[0]) {
    throw new ShapeError(op, [x.shape, y.shape], `x and y must have the same number of rows, got ${x.shape[0]} and ${y.shape[0]}`, ' and ');
  }
  return x.shape[0];
}

/**
 * Copies the rows `order[start]`, `order[start + 1]`, … `order[end − 1]` of `t` into a new tensor.
 * @param t - (N, …) any tensor with a leading row dimension
 * @returns (end − start, …) the same trailing dimensions as t
 */
export function takeRows(t: Tensor, order: ArrayLike<number>, start = 0, end = order.length): Tensor {
  const rowSize = t.shape[0] === 0 ? 0 : t.size / t.shape[0];
  const out = new Float64Array((end - start) * rowSize);
  for (let i = start; i < end; i++) {
    const from = order[i] * rowSize;
    out.set(t.data.subarray(from, from + rowSize), (i - start) * rowSize);
  }
  return new Tensor(out, [end - start, ...t.shape.slice(1)]);
}
