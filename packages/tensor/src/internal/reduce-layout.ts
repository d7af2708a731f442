import { ShapeError } from '../errors';
import type { Tensor } from '../tensor';

/** Which axis a reduction runs over and whether the reduced axis is kept with size 1. */
export interface ReduceOptions {
  /** The axis to reduce (negative counts from the end, like NumPy); all elements when omitted. */
  readonly axis?: number;
  /** Keep the reduced axis (all axes without `axis`) with size 1, so the result broadcasts against `x`. Default `false`. */
  readonly keepDims?: boolean;
}

/**
 * A reduction seen as `(outer, length, inner)`: the input is `outer` blocks, each holding
 * `length` rows of `inner` contiguous elements, and the result is `(outer, inner)`.
 */
export interface ReduceLayout {
  readonly outer: number;
  readonly length: number;
  readonly inner: number;
  /** The result's shape. */
  readonly shape: number[];
}

/**
 * Resolves `options` against `x.shape`.
 * @throws ShapeError `sum: (2, 3): axis 2 is out of range for 2-D`
 */
export function reduceLayout(op: string, x: Tensor, options: ReduceOptions | undefined): ReduceLayout {
  const shape = x.shape;
  const keepDims = options?.keepDims === true;
  const requested = options?.axis;
  if (requested === undefined) {
    return { outer: 1, length: x.size, inner: 1, shape: keepDims ? shape.map(() => 1) : [] };
  }
  const ndim = shape.length;
  if (!Number.isInteger(requested) || requested >= ndim || requested < -ndim) {
    throw new ShapeError(op, [shape], `axis ${requested} is out of range for ${ndim}-D`);
  }
  const axis = requested < 0 ? requested + ndim : requested;
  let outer = 1;
  for (let d = 0; d < axis; d++) outer *= shape[d];
  let inner = 1;
  for (let d = axis + 1; d < ndim; d++) inner *= shape[d];
  const result = keepDims ? shape.map((dim, d) => (d === axis ? 1 : dim)) : shape.filter((_, d) => d !== axis);
  return { outer, length: shape[axis], inner, shape: result };
}
