import { ShapeError } from './errors';
import { type ReduceLayout, type ReduceOptions, reduceLayout } from './internal/reduce-layout';
import { resultBuffer } from './internal/result-buffer';
import { scratch } from './internal/scratch';
import type { Tensor } from './tensor';

function assertNonEmpty(op: string, x: Tensor, layout: ReduceLayout, options: ReduceOptions | undefined): void {
  if (layout.length > 0 || layout.outer * layout.inner === 0) return;
  const where = options?.axis === undefined ? 'an empty tensor' : `axis ${options.axis} of size 0`;
  throw new ShapeError(op, [x.shape], `cannot reduce ${where}: no identity`);
}

/**
 * Writes the extreme (sign 1: largest, -1: smallest) of each reduced run into `R`, and
 * its first index into `I` when given. A NaN wins, like NumPy's `max`/`argmax`.
 */
function extremaInto(X: Float64Array, R: Float64Array | undefined, I: Float64Array | undefined, layout: ReduceLayout, sign: number): void {
  const { outer, length, inner } = layout;
  const best = R ?? scratch(outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let p = o * length * inner + i;
      let value = X[p];
      let at = 0;
      if (!Number.isNaN(value)) {
        for (let l = 1; l < length; l++) {
          p += inner;
          const v = X[p];
          if (Number.isNaN(v)) {
            value = v;
            at = l;
            break;
          }
          if (sign * v > sign * value) {
            value = v;
            at = l;
          }
        }
      }
      best[o * inner + i] = value;
      if (I !== undefined) I[o * inner + i] = at;
    }
  }
}

/**
 * Largest element over all elements or along one axis (NaN if any is NaN, like `np.max`).
 * @param x - any non-empty shape along the reduced axis
 * @param options - `{ axis?, keepDims? }` as {@link sum}
 * @param out - optional buffer of the result shape
 * @returns `x`'s shape without `axis` (size 1 there with `keepDims`); `()` without `axis`
 * @throws ShapeError `max: (0, 3): cannot reduce axis 0 of size 0: no identity`, an axis out of range, or a wrong `out`
 */
export function max(x: Tensor, options?: ReduceOptions, out?: Tensor): Tensor {
  const layout = reduceLayout('max', x, options);
  const result = resultBuffer('max', [x.shape], layout.shape, out);
  assertNonEmpty('max', x, layout, options);
  extremaInto(x.data, result.data, undefined, layout, 1);
  return result;
}

/** Smallest element over all elements or along one axis; shapes, NaN and errors as {@link max}. */
export function min(x: Tensor, options?: ReduceOptions, out?: Tensor): Tensor {
  const layout = reduceLayout('min', x, options);
  const result = resultBuffer('min', [x.shape], layout.shape, out);
  assertNonEmpty('min', x, layout, options);
  extremaInto(x.data, result.data, undefined, layout, -1);
  return result;
}

/**
 * Index of the largest element along one axis, or the flat row-major index over all elements
 * (first one on ties; the first NaN wins, like `np.argmax`). Indices are stored as float64.
 * @param x - any non-empty shape along the reduced axis, e.g. scores `(N, C)` with `{ axis: 1 }` give labels `(N,)`
 * @param options - `{ axis?, keepDims? }` as {@link sum}
 * @param out - optional buffer of the result shape
 * @returns the result shape of {@link max}
 * @throws ShapeError as {@link max}
 */
export function argmax(x: Tensor, options?: ReduceOptions, out?: Tensor): Tensor {
  const layout = reduceLayout('argmax', x, options);
  const result = resultBuffer('argmax', [x.shape], layout.shape, out);
  assertNonEmpty('argmax', x, layout, options);
  extremaInto(x.data, undefined, result.data, layout, 1);
  return result;
}

/** Index of the smallest element; shapes, ties, NaN and errors as {@link argmax}. */
export function argmin(x: Tensor, options?: ReduceOptions, out?: Tensor): Tensor {
  const layout = reduceLayout('argmin', x, options);
  const result = resultBuffer('argmin', [x.shape], layout.shape, out);
  assertNonEmpty('argmin', x, layout, options);
  extremaInto(x.data, undefined, result.data, layout, -1);
  return result;
}
