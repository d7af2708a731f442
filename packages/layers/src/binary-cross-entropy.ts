import { pairwiseSum, Tensor } from '@lab/tensor';
import { assertOut, assertSame2d } from './internal/checks';

/** A loss value and its gradient with respect to the loss's input. */
export interface LossResult {
  /** The mean loss over the N examples. */
  readonly loss: number;
  /** Same shape as the loss's input: ∂loss/∂input (already divided by N). */
  readonly dx: Tensor;
}

/**
 * Binary cross-entropy on probabilities, with the course's semantics:
 * loss = −(1/m) Σ [y·log a + (1 − y)·log(1 − a)], summed over every element, m = N rows (examples).
 * The terms are added in NumPy's order (`pairwiseSum`, the course's `np.nansum`), so the loss has the
 * course's digits: 300 outputs of 0.5 cost 0.6931471805599453, as the course prints, not …467.
 * Like the course's `np.nansum`, a term whose label weight is 0 contributes 0 even where its log is
 * −∞ (a = 0 with y = 0, a = 1 with y = 1). A confident wrong answer (a = 1 with y = 0) gives ∞;
 * from logits, use {@link binaryCrossEntropyWithLogits}, which stays finite.
 *
 * Gradient: dx = (1/m) · (−y/a + (1 − y)/(1 − a)), the course's `dA` divided by m.
 * @param a - (N, K) probabilities in [0, 1], usually K = 1 (the sigmoid's output)
 * @param y - (N, K) labels in [0, 1]
 * @param out - optional (N, K) buffer for dx, overwritten; must not share memory with a or y
 * @returns loss (a number) and dx (N, K)
 * @throws ShapeError when a and y differ in shape or are not 2-D, or out is not (N, K)
 */
export function binaryCrossEntropy(a: Tensor, y: Tensor, out?: Tensor): LossResult {
  const [m] = assertSame2d('binaryCrossEntropy', a, y, 'a', 'y');
  if (out !== undefined) assertOut('binaryCrossEntropy', out, a.shape);
  const A = a.data;
  const Y = y.data;
  const dx = out ?? new Tensor(new Float64Array(A.length), a.shape);
  const D = dx.data;
  const scale = 1 / m;
  // The terms first, in dx's buffer, to sum them in NumPy's order; then the gradient over them.
  for (let i = 0; i < A.length; i++) {
    const p = A[i];
    const t = Y[i];
    let term = 0;
    if (t !== 0) term -= t * Math.log(p);
    if (t !== 1) term -= (1 - t) * Math.log(1 - p);
    D[i] = term;
  }
  const loss = scale * pairwiseSum(D, 0, A.length);
  for (let i = 0; i < A.length; i++) {
    const p = A[i];
    const t = Y[i];
    D[i] = scale * (-t / p + (1 - t) / (1 - p));
  }
  return { loss, dx };
}
