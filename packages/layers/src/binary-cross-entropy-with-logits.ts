import { Tensor } from '@lab/tensor';
import type { LossResult } from './binary-cross-entropy';
import { assertSame2d } from './internal/checks';

/**
 * Binary cross-entropy on logits z (sigmoid and loss fused), numerically stable:
 * loss = (1/m) Σ [max(z, 0) − z·y + log(1 + e^(−|z|))], m = N rows (examples).
 * This equals −(1/m) Σ [y·log σ(z) + (1 − y)·log(1 − σ(z))] but never takes the log of a
 * probability that rounded to 0 or 1, so saturated logits (|z| = 40 and beyond) stay finite.
 *
 * Gradient: dx = (σ(z) − y) / m.
 * @see PyTorch `BCEWithLogitsLoss`; TensorFlow `sigmoid_cross_entropy_with_logits`
 * @param z - (N, K) logits (pre-sigmoid scores), usually K = 1
 * @param y - (N, K) labels in [0, 1]
 * @returns loss (a number) and dx (N, K), the gradient with respect to z
 * @throws ShapeError when z and y differ in shape or are not 2-D
 */
export function binaryCrossEntropyWithLogits(z: Tensor, y: Tensor): LossResult {
  const [m] = assertSame2d('binaryCrossEntropyWithLogits', z, y, 'z', 'y');
  const Z = z.data;
  const Y = y.data;
  const dx = new Tensor(new Float64Array(Z.length), z.shape);
  const D = dx.data;
  let sum = 0;
  for (let i = 0; i < Z.length; i++) {
    const v = Z[i];
    const t = Y[i];
    // e = e^(−|z|) ≤ 1 cannot overflow; σ(z) from it is accurate on both tails.
    const e = Math.exp(-Math.abs(v));
    sum += Math.max(v, 0) - v * t + Math.log1p(e);
    const sigma = v >= 0 ? 1 / (1 + e) : e / (1 + e);
    D[i] = (sigma - t) / m;
  }
  return { loss: sum / m, dx };
}
