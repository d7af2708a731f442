import { LabError } from './errors';
import { overlaps } from './internal/overlap';
import { resultBuffer } from './internal/result-buffer';
import { assert2d } from './shape-checks';
import type { Tensor } from './tensor';

/** Tile edge of the blocked copy: two 32×32 float64 tiles (16 KiB) stay in L1. */
const TILE = 32;

/**
 * The transpose of a 2-D tensor, as a new buffer (to multiply by a transpose, prefer the
 * {@link matmul} flags, which copy nothing).
 * @param x - `(N, M)`
 * @param out - optional `(M, N)` buffer; must not share memory with `x`
 * @returns `(M, N)`
 * @throws ShapeError `transpose: (2, 3, 4): x must be 2-D, got 3-D`, or when `out` is not `(M, N)`
 * @throws LabError when `out` shares its buffer with `x`
 */
export function transpose(x: Tensor, out?: Tensor): Tensor {
  const [n, m] = assert2d('transpose', 'x', x);
  const result = resultBuffer('transpose', [x.shape], [m, n], out);
  if (overlaps(result.data, x.data)) throw new LabError('transpose: out must not share memory with x');
  const X = x.data;
  const R = result.data;
  for (let i0 = 0; i0 < n; i0 += TILE) {
    const iEnd = Math.min(i0 + TILE, n);
    for (let j0 = 0; j0 < m; j0 += TILE) {
      const jEnd = Math.min(j0 + TILE, m);
      for (let i = i0; i < iEnd; i++) {
        for (let j = j0; j < jEnd; j++) R[j * n + i] = X[i * m + j];
      }
    }
  }
  return result;
}
