import { broadcastShape, loopNest, type Operand, operandShape } from './internal/broadcast';
import { resultBuffer } from './internal/result-buffer';
import type { Tensor } from './tensor';

function dataOf(x: Operand): Float64Array {
  return typeof x === 'number' ? Float64Array.of(x) : x.data;
}

/**
 * Element-wise choice: `a` where `cond` is non-zero, else `b` (like `np.where(cond, a, b)`; a NaN
 * condition counts as true, as in NumPy). All three operands broadcast together.
 * @param cond - any shape, usually a 0/1 mask from {@link greater} and friends
 * @param a - broadcastable with `cond`, or a number
 * @param b - broadcastable with `cond` and `a`, or a number
 * @param out - optional buffer of the broadcast shape; may be one of the operands when it has that shape
 * @returns the broadcast shape of `cond`, `a` and `b`
 * @throws ShapeError `where: (2, 3) and (4,) and (): cannot broadcast: …`, or when `out` has the wrong shape
 */
export function where(cond: Tensor, a: Operand, b: Operand, out?: Tensor): Tensor {
  const shapes = [cond.shape, operandShape(a), operandShape(b)];
  const shape = broadcastShape('where', shapes);
  const result = resultBuffer('where', shapes, shape, out);
  const R = result.data;
  if (R.length === 0) return result;
  const C = cond.data;
  const A = dataOf(a);
  const B = dataOf(b);
  const { dims, strides } = loopNest(shape, shapes);
  const nd = dims.length;
  const n = nd === 0 ? 1 : dims[nd - 1];
  const [stC, stA, stB] = strides;
  const sc = nd === 0 ? 0 : stC[nd - 1];
  const sa = nd === 0 ? 0 : stA[nd - 1];
  const sb = nd === 0 ? 0 : stB[nd - 1];
  const index = new Array<number>(Math.max(0, nd - 1)).fill(0);
  let ic = 0;
  let ia = 0;
  let ib = 0;
  for (let ir = 0; ir < R.length; ir += n) {
    for (let t = 0, jc = ic, ja = ia, jb = ib; t < n; t++, jc += sc, ja += sa, jb += sb) {
      // `!== 0` is true for NaN too, matching NumPy's truthiness of NaN.
      R[ir + t] = C[jc] !== 0 ? A[ja] : B[jb];
    }
    for (let d = nd - 2; d >= 0; d--) {
      ic += stC[d];
      ia += stA[d];
      ib += stB[d];
      if (++index[d] < dims[d]) break;
      ic -= stC[d] * dims[d];
      ia -= stA[d] * dims[d];
      ib -= stB[d] * dims[d];
      index[d] = 0;
    }
  }
  return result;
}
