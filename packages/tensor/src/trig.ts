import { glibcCos, glibcSin } from './internal/glibc-sin-cos';
import { resultBuffer } from './internal/result-buffer';
import type { Tensor } from './tensor';

/**
 * Element-wise sine, bit for bit what NumPy's `np.sin` returns on Linux x86-64 (glibc ≥ 2.28 on
 * a CPU with FMA; NumPy ≥ 1.22 on a CPU with AVX-512 uses other routines). `Math.sin` differs
 * from it in the last bit for a few percent of inputs, which changes data generated from angles
 * (scikit-learn's circles and moons). Exact for |x| < 105 414 336; beyond, `Math.sin`. About
 * 20× slower than `Math.sin`: for reproducing NumPy, not for hot loops.
 * @param x - any shape, radians
 * @param out - optional buffer of `x`'s shape; may be `x` itself
 * @returns same shape as `x`
 * @throws ShapeError `sin: (2, 3): out must have shape (2, 3), got (3, 2)`
 */
export function sin(x: Tensor, out?: Tensor): Tensor {
  const result = resultBuffer('sin', [x.shape], x.shape, out);
  const X = x.data;
  const R = result.data;
  for (let i = 0; i < X.length; i++) R[i] = glibcSin(X[i]);
  return result;
}

/**
 * Element-wise cosine, bit for bit NumPy's `np.cos` on Linux x86-64, as {@link sin}.
 * @param x - any shape, radians
 * @param out - optional buffer of `x`'s shape; may be `x` itself
 * @returns same shape as `x`
 * @throws ShapeError when `out` has the wrong shape, as {@link sin}
 */
export function cos(x: Tensor, out?: Tensor): Tensor {
  const result = resultBuffer('cos', [x.shape], x.shape, out);
  const X = x.data;
  const R = result.data;
  for (let i = 0; i < X.length; i++) R[i] = glibcCos(X[i]);
  return result;
}
