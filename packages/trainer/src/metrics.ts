import { LabError, ShapeError, type Tensor } from '@lab/tensor';

/**
 * Accuracy of binary predictions: the fraction of examples where `probabilities > 0.5`
 * (the course's `predict`: exactly 0.5 predicts 0) agrees with the 0/1 label.
 * @param probabilities - P(y = 1) per example, any shape: (N, 1) batch-first, (1, N) the course's layout, or (N,)
 * @param labels - 0 or 1 per example, the same shape as `probabilities`
 * @returns the fraction correct, in [0, 1]
 * @throws ShapeError when the shapes differ or there are no examples
 * @throws LabError when a label is not 0 or 1
 */
export function binaryAccuracy(probabilities: Tensor, labels: Tensor): number {
  const a = probabilities.shape;
  const b = labels.shape;
  if (a.length !== b.length || a.some((d, i) => d !== b[i])) {
    throw new ShapeError('binaryAccuracy', [a, b], 'probabilities and labels must have the same shape', ' and ');
  }
  const p = probabilities.data;
  const y = labels.data;
  if (p.length === 0) throw new ShapeError('binaryAccuracy', [a], 'need at least one example');
  let correct = 0;
  for (let i = 0; i < p.length; i++) {
    const label = y[i];
    if (label !== 0 && label !== 1) throw new LabError(`binaryAccuracy: labels[${i}] is ${label}, expected 0 or 1`);
    if ((p[i] > 0.5 ? 1 : 0) === label) correct++;
  }
  return correct / p.length;
}

/**
 * Accuracy of multi-class predictions: the fraction of rows whose highest score sits at
 * the label's index (ties go to the first, like NumPy's `argmax`).
 * @param scores - (N, C) scores or probabilities, one row per example
 * @param labels - (N,) or (N, 1) integer class indices in [0, C)
 * @returns the fraction correct, in [0, 1]
 * @throws ShapeError when scores are not 2-D, labels do not have N entries, or N is 0
 * @throws LabError when a label is not an integer in [0, C)
 */
export function multiclassAccuracy(scores: Tensor, labels: Tensor): number {
  if (scores.shape.length !== 2)
    throw new ShapeError('multiclassAccuracy', [scores.shape], `scores must be 2-D (N, C), got ${scores.shape.length}-D`);
  const [n, c] = scores.shape;
  const ls = labels.shape;
  const labelsFit = (ls.length === 1 && ls[0] === n) || (ls.length === 2 && ls[0] === n && ls[1] === 1);
  if (!labelsFit) {
    throw new ShapeError('multiclassAccuracy', [scores.shape, ls], `labels must be (${n},) or (${n}, 1) for ${n} rows of scores`, ' and ');
  }
  if (n === 0 || c === 0) throw new ShapeError('multiclassAccuracy', [scores.shape], 'need at least one example and one class');
  const s = scores.data;
  const y = labels.data;
  let correct = 0;
  for (let i = 0; i < n; i++) {
    const label = y[i];
    if (!Number.isInteger(label) || label < 0 || label >= c) {
      throw new LabError(`multiclassAccuracy: labels[${i}] is ${label}, expected an integer in [0, ${c})`);
    }
    const row = i * c;
    let best = 0;
    for (let j = 1; j < c; j++) if (s[row + j] > s[row + best]) best = j;
    if (best === label) correct++;
  }
  return correct / n;
}
