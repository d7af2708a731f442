import { type BinaryKernel, binaryOp } from './internal/binary-op';
import type { Operand } from './internal/broadcast';
import type { Tensor } from './tensor';

// One kernel per op, so each inner loop stays monomorphic and the arithmetic is inlined.
const addKernel: BinaryKernel = (a, ia, sa, b, ib, sb, c, ic, n) => {
  for (let t = 0; t < n; t++, ia += sa, ib += sb) c[ic + t] = a[ia] + b[ib];
};
const subKernel: BinaryKernel = (a, ia, sa, b, ib, sb, c, ic, n) => {
  for (let t = 0; t < n; t++, ia += sa, ib += sb) c[ic + t] = a[ia] - b[ib];
};
const mulKernel: BinaryKernel = (a, ia, sa, b, ib, sb, c, ic, n) => {
  for (let t = 0; t < n; t++, ia += sa, ib += sb) c[ic + t] = a[ia] * b[ib];
};
const divKernel: BinaryKernel = (a, ia, sa, b, ib, sb, c, ic, n) => {
  for (let t = 0; t < n; t++, ia += sa, ib += sb) c[ic + t] = a[ia] / b[ib];
};
const maximumKernel: BinaryKernel = (a, ia, sa, b, ib, sb, c, ic, n) => {
  for (let t = 0; t < n; t++, ia += sa, ib += sb) c[ic + t] = Math.max(a[ia], b[ib]);
};
const minimumKernel: BinaryKernel = (a, ia, sa, b, ib, sb, c, ic, n) => {
  for (let t = 0; t < n; t++, ia += sa, ib += sb) c[ic + t] = Math.min(a[ia], b[ib]);
};

/**
 * Element-wise `a + b` with NumPy broadcasting (e.g. `(N, M) + (M,)`, `(N, M) + (N, 1)`, `(N, M) + 2`).
 * @param a - any shape, or a number
 * @param b - any shape broadcastable with `a`, or a number
 * @param out - optional buffer of the broadcast shape; may be `a` or `b` itself when it has that shape
 * @returns the broadcast shape of `a` and `b`
 * @throws ShapeError `add: (3, 4) and (5,): cannot broadcast: sizes 4 and 5 differ at axis -1 and neither is 1`,
 *   or when `out` does not have the broadcast shape
 */
export function add(a: Operand, b: Operand, out?: Tensor): Tensor {
  return binaryOp('add', a, b, out, addKernel);
}

/** Element-wise `a − b`; shapes, broadcasting, `out` and errors as {@link add}. */
export function sub(a: Operand, b: Operand, out?: Tensor): Tensor {
  return binaryOp('sub', a, b, out, subKernel);
}

/** Element-wise `a · b` (Hadamard product, not {@link matmul}); shapes, broadcasting, `out` and errors as {@link add}. */
export function mul(a: Operand, b: Operand, out?: Tensor): Tensor {
  return binaryOp('mul', a, b, out, mulKernel);
}

/** Element-wise `a / b` (IEEE: `x / 0` is ±Infinity or NaN); shapes, broadcasting, `out` and errors as {@link add}. */
export function div(a: Operand, b: Operand, out?: Tensor): Tensor {
  return binaryOp('div', a, b, out, divKernel);
}

/**
 * Element-wise larger of `a` and `b` (NaN if either is NaN, like `np.maximum`); `maximum(x, 0)` is ReLU.
 * Shapes, broadcasting, `out` and errors as {@link add}.
 */
export function maximum(a: Operand, b: Operand, out?: Tensor): Tensor {
  return binaryOp('maximum', a, b, out, maximumKernel);
}

/** Element-wise smaller of `a` and `b` (NaN if either is NaN); shapes, broadcasting, `out` and errors as {@link add}. */
export function minimum(a: Operand, b: Operand, out?: Tensor): Tensor {
  return binaryOp('minimum', a, b, out, minimumKernel);
}
