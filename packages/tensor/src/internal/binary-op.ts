import type { Tensor } from '../tensor';
import { broadcastShape, loopNest, type Operand, operandShape } from './broadcast';
import { resultBuffer, sameShape } from './result-buffer';

/** Writes `c[ic + t] = f(a[ia + t·sa], b[ib + t·sb])` for `t < n`. */
export type BinaryKernel = (
  a: Float64Array,
  ia: number,
  sa: number,
  b: Float64Array,
  ib: number,
  sb: number,
  c: Float64Array,
  ic: number,
  n: number,
) => void;

// Numbers are read through one-element buffers, so a scalar operand costs no allocation.
const scalarA = new Float64Array(1);
const scalarB = new Float64Array(1);

/**
 * Runs a broadcasting binary op: checks shapes, picks the result buffer and calls `kernel`
 * once per contiguous run of the result.
 */
export function binaryOp(op: string, a: Operand, b: Operand, out: Tensor | undefined, kernel: BinaryKernel): Tensor {
  const shapeA = operandShape(a);
  const shapeB = operandShape(b);
  let A: Float64Array;
  let B: Float64Array;
  if (typeof a === 'number') {
    scalarA[0] = a;
    A = scalarA;
  } else A = a.data;
  if (typeof b === 'number') {
    scalarB[0] = b;
    B = scalarB;
  } else B = b.data;
  if (sameShape(shapeA, shapeB)) {
    // The common case in a training loop; with a correct `out` it allocates nothing.
    const result = out !== undefined && sameShape(out.shape, shapeA) ? out : resultBuffer(op, [shapeA, shapeB], shapeA, out);
    kernel(A, 0, 1, B, 0, 1, result.data, 0, result.data.length);
    return result;
  }
  const shape = broadcastShape(op, [shapeA, shapeB]);
  const result = resultBuffer(op, [shapeA, shapeB], shape, out);
  const C = result.data;
  if (C.length === 0) return result;
  const { dims, strides } = loopNest(shape, [shapeA, shapeB]);
  const [stA, stB] = strides;
  const nd = dims.length;
  if (nd === 0) {
    kernel(A, 0, 0, B, 0, 0, C, 0, 1);
    return result;
  }
  const n = dims[nd - 1];
  const sa = stA[nd - 1];
  const sb = stB[nd - 1];
  if (nd === 1) {
    kernel(A, 0, sa, B, 0, sb, C, 0, n);
    return result;
  }
  // Odometer over the outer axes; the innermost axis is one kernel run.
  const index = new Array<number>(nd - 1).fill(0);
  let ia = 0;
  let ib = 0;
  for (let ic = 0; ic < C.length; ic += n) {
    kernel(A, ia, sa, B, ib, sb, C, ic, n);
    for (let d = nd - 2; d >= 0; d--) {
      ia += stA[d];
      ib += stB[d];
      if (++index[d] < dims[d]) break;
      ia -= stA[d] * dims[d];
      ib -= stB[d] * dims[d];
      index[d] = 0;
    }
  }
  return result;
}
