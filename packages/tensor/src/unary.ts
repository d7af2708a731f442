import { resultBuffer } from './internal/result-buffer';
import type { Tensor } from './tensor';

/**
 * Element-wise `eˣ`.
 * @param x - any shape
 * @param out - optional buffer of `x`'s shape; may be `x` itself
 * @returns same shape as `x`
 * @throws ShapeError `exp: (2, 3): out must have shape (2, 3), got (3, 2)`
 */
export function exp(x: Tensor, out?: Tensor): Tensor {
  const result = resultBuffer('exp', [x.shape], x.shape, out);
  const X = x.data;
  const R = result.data;
  for (let i = 0; i < X.length; i++) R[i] = Math.exp(X[i]);
  return result;
}

/**
 * Element-wise natural logarithm (`-Infinity` at 0, NaN below). `Math.log` may differ from
 * NumPy's `log` in the last bit for some inputs.
 * @param x - any shape
 * @param out - optional buffer of `x`'s shape; may be `x` itself
 * @returns same shape as `x`
 * @throws ShapeError when `out` has the wrong shape, as {@link exp}
 */
export function log(x: Tensor, out?: Tensor): Tensor {
  const result = resultBuffer('log', [x.shape], x.shape, out);
  const X = x.data;
  const R = result.data;
  for (let i = 0; i < X.length; i++) R[i] = Math.log(X[i]);
  return result;
}

/**
 * Element-wise square root (correctly rounded, so equal to NumPy's).
 * @param x - any shape
 * @param out - optional buffer of `x`'s shape; may be `x` itself
 * @returns same shape as `x`
 * @throws ShapeError when `out` has the wrong shape, as {@link exp}
 */
export function sqrt(x: Tensor, out?: Tensor): Tensor {
  const result = resultBuffer('sqrt', [x.shape], x.shape, out);
  const X = x.data;
  const R = result.data;
  for (let i = 0; i < X.length; i++) R[i] = Math.sqrt(X[i]);
  return result;
}

/**
 * Element-wise `x · k` for a number `k` (e.g. a learning-rate step).
 * @param x - any shape
 * @param k - the factor
 * @param out - optional buffer of `x`'s shape; may be `x` itself
 * @returns same shape as `x`
 * @throws ShapeError when `out` has the wrong shape, as {@link exp}
 */
export function scale(x: Tensor, k: number, out?: Tensor): Tensor {
  const result = resultBuffer('scale', [x.shape], x.shape, out);
  const X = x.data;
  const R = result.data;
  for (let i = 0; i < X.length; i++) R[i] = X[i] * k;
  return result;
}

/**
 * Applies `fn(value, index)` to every element (`index` is the row-major flat index).
 * Convenient, but a call per element: the named ops are faster in hot loops.
 * @param x - any shape
 * @param fn - maps one element to the result element
 * @param out - optional buffer of `x`'s shape; may be `x` itself
 * @returns same shape as `x`
 * @throws ShapeError when `out` has the wrong shape, as {@link exp}
 */
export function map(x: Tensor, fn: (value: number, index: number) => number, out?: Tensor): Tensor {
  const result = resultBuffer('map', [x.shape], x.shape, out);
  const X = x.data;
  const R = result.data;
  for (let i = 0; i < X.length; i++) R[i] = fn(X[i], i);
  return result;
}
