import { assert2d, isTensor, LabError, ShapeError, Tensor } from '@lab/tensor';
import type { LossResult } from './binary-cross-entropy';

/**
 * Softmax cross-entropy on scores with integer class labels (softmax and loss fused):
 * loss = (1/N) Σₙ [log Σₖ e^(x[n, k]) − x[n, yₙ]], computed with the row maximum subtracted
 * (log-sum-exp), so large scores neither overflow nor give log 0.
 *
 * Gradient: dx[n, c] = (softmax(x)[n, c] − [c = yₙ]) / N.
 * @see CS231n `softmax_loss`; PyTorch `CrossEntropyLoss`
 * @param x - (N, C) scores (logits), one example per row
 * @param y - (N,) class indices in [0, C): a tensor or any array of numbers
 * @returns loss (a number) and dx (N, C)
 * @throws ShapeError when x is not 2-D or y does not hold N labels
 * @throws LabError when a label is not an integer in [0, C)
 */
export function softmaxCrossEntropy(x: Tensor, y: Tensor | ArrayLike<number>): LossResult {
  const [n, c] = assert2d('softmaxCrossEntropy', 'x', x);
  const labels = isTensor(y) ? y.data : y;
  const labelShape = isTensor(y) ? y.shape : [labels.length];
  if (labelShape.length !== 1 || labels.length !== n) {
    throw new ShapeError('softmaxCrossEntropy', [x.shape, labelShape], `y must hold N = ${n} labels, got ${labels.length}`, ' and ');
  }
  const X = x.data;
  const dx = new Tensor(new Float64Array(n * c), [n, c]);
  const D = dx.data;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const label = labels[i];
    if (!Number.isInteger(label) || label < 0 || label >= c) {
      throw new LabError(`softmaxCrossEntropy: y[${i}] = ${label} is not a class index in [0, ${c})`);
    }
    const row = i * c;
    let max = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < c; j++) if (X[row + j] > max) max = X[row + j];
    let total = 0;
    for (let j = 0; j < c; j++) {
      const e = Math.exp(X[row + j] - max);
      D[row + j] = e;
      total += e;
    }
    sum += Math.log(total) - (X[row + label] - max);
    D[row + label] -= total; // (e − total)/total = p − 1 at the label, without cancelling after the division
    for (let j = 0; j < c; j++) D[row + j] /= total * n;
  }
  return { loss: sum / n, dx };
}
