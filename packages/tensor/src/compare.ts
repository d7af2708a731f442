import { type BinaryKernel, binaryOp } from './internal/binary-op';
import type { Operand } from './internal/broadcast';
import type { Tensor } from './tensor';

const greaterKernel: BinaryKernel = (a, ia, sa, b, ib, sb, c, ic, n) => {
  for (let t = 0; t < n; t++, ia += sa, ib += sb) c[ic + t] = a[ia] > b[ib] ? 1 : 0;
};
const greaterEqualKernel: BinaryKernel = (a, ia, sa, b, ib, sb, c, ic, n) => {
  for (let t = 0; t < n; t++, ia += sa, ib += sb) c[ic + t] = a[ia] >= b[ib] ? 1 : 0;
};
const lessKernel: BinaryKernel = (a, ia, sa, b, ib, sb, c, ic, n) => {
  for (let t = 0; t < n; t++, ia += sa, ib += sb) c[ic + t] = a[ia] < b[ib] ? 1 : 0;
};
const lessEqualKernel: BinaryKernel = (a, ia, sa, b, ib, sb, c, ic, n) => {
  for (let t = 0; t < n; t++, ia += sa, ib += sb) c[ic + t] = a[ia] <= b[ib] ? 1 : 0;
};
const equalKernel: BinaryKernel = (a, ia, sa, b, ib, sb, c, ic, n) => {
  for (let t = 0; t < n; t++, ia += sa, ib += sb) c[ic + t] = a[ia] === b[ib] ? 1 : 0;
};
const notEqualKernel: BinaryKernel = (a, ia, sa, b, ib, sb, c, ic, n) => {
  for (let t = 0; t < n; t++, ia += sa, ib += sb) c[ic + t] = a[ia] !== b[ib] ? 1 : 0;
};

/**
 * Element-wise `a > b` as a 0/1 mask (comparisons with NaN give 0, like NumPy).
 * `greater(x, 0)` is the ReLU derivative mask.
 * @param a - any shape, or a number
 * @param b - any shape broadcastable with `a`, or a number
 * @param out - optional buffer of the broadcast shape
 * @returns the broadcast shape, entries 0 or 1
 * @throws ShapeError when the shapes cannot broadcast or `out` has the wrong shape, as {@link add}
 */
export function greater(a: Operand, b: Operand, out?: Tensor): Tensor {
  return binaryOp('greater', a, b, out, greaterKernel);
}

/** Element-wise `a >= b` as a 0/1 mask; shapes, broadcasting, `out` and errors as {@link greater}. */
export function greaterEqual(a: Operand, b: Operand, out?: Tensor): Tensor {
  return binaryOp('greaterEqual', a, b, out, greaterEqualKernel);
}

/** Element-wise `a < b` as a 0/1 mask; shapes, broadcasting, `out` and errors as {@link greater}. */
export function less(a: Operand, b: Operand, out?: Tensor): Tensor {
  return binaryOp('less', a, b, out, lessKernel);
}

/** Element-wise `a <= b` as a 0/1 mask; shapes, broadcasting, `out` and errors as {@link greater}. */
export function lessEqual(a: Operand, b: Operand, out?: Tensor): Tensor {
  return binaryOp('lessEqual', a, b, out, lessEqualKernel);
}

/** Element-wise `a === b` as a 0/1 mask; shapes, broadcasting, `out` and errors as {@link greater}. */
export function equal(a: Operand, b: Operand, out?: Tensor): Tensor {
  return binaryOp('equal', a, b, out, equalKernel);
}

/** Element-wise `a !== b` as a 0/1 mask (1 where either is NaN); shapes, broadcasting, `out` and errors as {@link greater}. */
export function notEqual(a: Operand, b: Operand, out?: Tensor): Tensor {
  return binaryOp('notEqual', a, b, out, notEqualKernel);
}
