import { ShapeError } from './errors';
import { assertSameShape } from './shape-checks';
import { Tensor } from './tensor';

/**
 * Numerical gradient of `sum(f(x) * dout)` with respect to `x` by centered differences,
 * like CS231n's `eval_numerical_gradient_array`: for each element `x[i]`,
 * `grad[i] = sum((f(x + h·eᵢ) − f(x − h·eᵢ)) * dout) / (2h)`.
 * @param f - the function to differentiate; called `2·x.size` times, must not keep `x`
 * @param x - any shape; its `data` is perturbed in place and restored element by element
 * @param dout - same shape as `f(x)`: the upstream gradient
 * @param h - step, default `1e-5`
 * @returns same shape as `x`
 * @remarks Mutates `x.data` while running (each element is restored before the next one
 *   is perturbed, and on exit, also when `f` throws). `f` may return the same buffer every call.
 * @throws ShapeError when `f(x)` and `dout` have different shapes
 */
export function numericGradient(f: (x: Tensor) => Tensor, x: Tensor, dout: Tensor, h = 1e-5): Tensor {
  const grad = new Tensor(new Float64Array(x.size), x.shape);
  const xd = x.data;
  const dd = dout.data;
  let plus: Float64Array | undefined;
  for (let i = 0; i < xd.length; i++) {
    const old = xd[i];
    try {
      xd[i] = old + h;
      const pos = f(x);
      if (plus === undefined) {
        if (pos.shape.length !== dout.shape.length || pos.shape.some((d, axis) => d !== dout.shape[axis])) {
          throw new ShapeError('numericGradient', [pos.shape, dout.shape], 'f(x) and dout must have the same shape', ' and ');
        }
        plus = new Float64Array(pos.size);
      }
      // Copy: f may write its result into one reused out buffer.
      plus.set(pos.data);
      xd[i] = old - h;
      const neg = f(x).data;
      let s = 0;
      for (let j = 0; j < dd.length; j++) s += (plus[j] - neg[j]) * dd[j];
      grad.data[i] = s / (2 * h);
    } finally {
      xd[i] = old;
    }
  }
  return grad;
}

/**
 * The relative error ({@link relError}) below which an analytic gradient agrees with the
 * centered-difference one (h = 1e-5): CS231n's bound, and the one every gradient check of the
 * lab (`lab gradcheck`, the batch-norm experiment's part 2) passes or fails by.
 */
export const GRADIENT_CHECK_TOLERANCE = 1e-7;

/**
 * Relative error between two tensors as in CS231n's gradient checks:
 * the maximum over elements `i` of `|aᵢ − bᵢ| / max(1e-8, |aᵢ| + |bᵢ|)`.
 * Below {@link GRADIENT_CHECK_TOLERANCE} two gradients agree; 0 for empty tensors, NaN when any element is NaN.
 * @param a - any shape
 * @param b - same shape as `a`
 * @throws ShapeError when the shapes differ
 */
export function relError(a: Tensor, b: Tensor): number {
  assertSameShape('relError', a, b);
  const ad = a.data;
  const bd = b.data;
  let worst = 0;
  for (let i = 0; i < ad.length; i++) {
    const x = ad[i];
    const y = bd[i];
    const e = Math.abs(x - y) / Math.max(1e-8, Math.abs(x) + Math.abs(y));
    // A NaN gradient must never look like agreement.
    if (Number.isNaN(e)) return Number.NaN;
    if (e > worst) worst = e;
  }
  return worst;
}
