import { pairwiseSum, pairwiseSumSquaredDeviation } from './internal/pairwise-sum';
import { type ReduceLayout, type ReduceOptions, reduceLayout } from './internal/reduce-layout';
import { resultBuffer } from './internal/result-buffer';
import { scratch } from './internal/scratch';
import type { Tensor } from './tensor';

export type { ReduceOptions } from './internal/reduce-layout';

/**
 * Writes the sums of the layout into `R`. The order follows NumPy: pairwise along a
 * contiguous (last) axis, row after row along any other axis, starting from 0.
 */
function sumInto(X: Float64Array, R: Float64Array, { outer, length, inner }: ReduceLayout): void {
  if (inner === 1) {
    // NumPy adds the pairwise sum to the identity 0, which turns an all -0 sum into +0.
    for (let o = 0; o < outer; o++) R[o] = 0 + pairwiseSum(X, o * length, length, 1);
    return;
  }
  R.fill(0, 0, outer * inner);
  for (let o = 0; o < outer; o++) {
    const r = o * inner;
    for (let l = 0; l < length; l++) {
      const p = (o * length + l) * inner;
      for (let i = 0; i < inner; i++) R[r + i] += X[p + i];
    }
  }
}

/**
 * Sum over all elements or along one axis; summed in the same order as `np.sum`, so the
 * results agree with NumPy digit for digit.
 * @param x - any shape, e.g. `(N, D)`
 * @param options - `{ axis?, keepDims? }`: `sum(x, { axis: 0 })` of `(N, D)` is `(D,)`, with `keepDims` `(1, D)`
 * @param out - optional buffer of the result shape
 * @returns `x`'s shape without `axis` (size 1 there with `keepDims`); `()` without `axis` — read it with `.item()`
 * @throws ShapeError `sum: (2, 3): axis 2 is out of range for 2-D`, or when `out` has the wrong shape
 */
export function sum(x: Tensor, options?: ReduceOptions, out?: Tensor): Tensor {
  const layout = reduceLayout('sum', x, options);
  const result = resultBuffer('sum', [x.shape], layout.shape, out);
  sumInto(x.data, result.data, layout);
  return result;
}

/**
 * Arithmetic mean over all elements or along one axis: `sum / count` as NumPy computes it
 * (NaN for an empty axis).
 * @param x - any shape
 * @param options - `{ axis?, keepDims? }` as {@link sum}
 * @param out - optional buffer of the result shape
 * @returns the result shape of {@link sum}
 * @throws ShapeError as {@link sum}
 */
export function mean(x: Tensor, options?: ReduceOptions, out?: Tensor): Tensor {
  const layout = reduceLayout('mean', x, options);
  const result = resultBuffer('mean', [x.shape], layout.shape, out);
  const R = result.data;
  sumInto(x.data, R, layout);
  for (let i = 0; i < R.length; i++) R[i] /= layout.length;
  return result;
}

function varianceInto(X: Float64Array, R: Float64Array, layout: ReduceLayout): void {
  const { outer, length, inner } = layout;
  if (inner === 1) {
    for (let o = 0; o < outer; o++) {
      const start = o * length;
      const center = pairwiseSum(X, start, length, 1) / length;
      R[o] = pairwiseSumSquaredDeviation(X, start, length, 1, center) / length;
    }
    return;
  }
  const count = outer * inner;
  const means = scratch(count);
  sumInto(X, means, layout);
  for (let i = 0; i < count; i++) means[i] /= length;
  R.fill(0, 0, count);
  for (let o = 0; o < outer; o++) {
    const r = o * inner;
    for (let l = 0; l < length; l++) {
      const p = (o * length + l) * inner;
      for (let i = 0; i < inner; i++) {
        const d = X[p + i] - means[r + i];
        R[r + i] += d * d;
      }
    }
  }
  for (let i = 0; i < count; i++) R[i] /= length;
}

/**
 * Biased variance (divides by the count, NumPy's default `ddof = 0`, what batch norm uses):
 * `mean((x − mean(x))²)`, computed in NumPy's order (two passes, not `E[x²] − E[x]²`).
 * @param x - any shape, e.g. `(N, D)`
 * @param options - `{ axis?, keepDims? }` as {@link sum}
 * @param out - optional buffer of the result shape
 * @returns the result shape of {@link sum}
 * @throws ShapeError as {@link sum}
 */
export function variance(x: Tensor, options?: ReduceOptions, out?: Tensor): Tensor {
  const layout = reduceLayout('variance', x, options);
  const result = resultBuffer('variance', [x.shape], layout.shape, out);
  varianceInto(x.data, result.data, layout);
  return result;
}

/**
 * Standard deviation: `sqrt(variance(x))` (biased, as {@link variance}).
 * @param x - any shape
 * @param options - `{ axis?, keepDims? }` as {@link sum}
 * @param out - optional buffer of the result shape
 * @returns the result shape of {@link sum}
 * @throws ShapeError as {@link sum}
 */
export function std(x: Tensor, options?: ReduceOptions, out?: Tensor): Tensor {
  const layout = reduceLayout('std', x, options);
  const result = resultBuffer('std', [x.shape], layout.shape, out);
  const R = result.data;
  varianceInto(x.data, R, layout);
  for (let i = 0; i < R.length; i++) R[i] = Math.sqrt(R[i]);
  return result;
}
