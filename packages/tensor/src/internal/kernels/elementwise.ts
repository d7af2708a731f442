// Element-wise, row-wise and update kernels in plain JavaScript: the `js` backend's, and the
// readable reference of the `wasm` ones (wasm/elementwise-kernels.wat and, for the two that
// need e^x, wasm/dense-kernels.wat). Each WebAssembly kernel runs the same operations in the
// same order, so the two give the same bits.

import { expInPlace, sigmoidInto } from './exp';

/** `c (n, m) += bias (m,)` row by row; with `relu`, then negatives become 0 (a NaN and −0 stay, as with pmax). */
export function addBias(c: Float64Array, bias: Float64Array, n: number, m: number, relu: boolean): void {
  for (let i = 0; i < n; i++) {
    const row = i * m;
    for (let j = 0; j < m; j++) c[row + j] += bias[j];
  }
  if (relu) {
    for (let k = 0; k < n * m; k++) if (c[k] < 0) c[k] = 0;
  }
}

/** Inverted dropout, in place: `values = values·mask / keepProb` over `length` values (mask: 1 kept, 0 dropped). */
export function dropoutMask(values: Float64Array, mask: Float64Array, keepProb: number, length: number): void {
  for (let i = 0; i < length; i++) values[i] = (values[i] * mask[i]) / keepProb;
}

/** ReLU backward from the layer's output, in place: `dout = y > 0 ? dout : 0` over `length` values. */
export function reluMask(dout: Float64Array, y: Float64Array, length: number): void {
  for (let i = 0; i < length; i++) if (!(y[i] > 0)) dout[i] = 0;
}

/** Whether every one of the first `length` values is finite (x − x is 0 for finite x, NaN for NaN and ±∞). */
export function allFinite(values: Float64Array, length: number): boolean {
  for (let i = 0; i < length; i++) if (values[i] - values[i] !== 0) return false;
  return true;
}

/** `out (m,) = Σᵢ a[i, :]` over the rows of `a (n, m)`, each column summed from row 0 down (a bias gradient). */
export function columnSums(a: Float64Array, n: number, m: number, out: Float64Array): void {
  out.fill(0, 0, m);
  for (let i = 0; i < n; i++) {
    const row = i * m;
    for (let j = 0; j < m; j++) out[j] += a[row + j];
  }
}

/**
 * A sigmoid output with binary cross-entropy, fused: `a = σ(z)` and the gradient of the mean
 * loss with respect to z, `dz = (1/n)·(a − y)` (σ′ cancels the loss's 1/(a(1 − a))).
 * z, labels, a, dz: (n,).
 */
export function sigmoidCrossEntropy(z: Float64Array, labels: Float64Array, n: number, a: Float64Array, dz: Float64Array): void {
  const scale = 1 / n;
  sigmoidInto(z, a, 0, n);
  for (let i = 0; i < n; i++) dz[i] = scale * (a[i] - labels[i]);
}

/** Length of the work space of {@link softmaxCrossEntropy} for n rows. */
export function softmaxWorkspaceLength(n: number): number {
  return 2 * n;
}

/**
 * Softmax with cross-entropy on scores (n, c) and class indices (n,), fused (the row maximum
 * subtracted, so e^x ≤ 1): `loss = (1/n) Σᵢ [log Σₖ e^(x[i, k] − maxᵢ) − (x[i, yᵢ] − maxᵢ)]` and
 * `dx[i, k] = (softmax(x)[i, k] − [k = yᵢ]) / n`. Each row's sum runs over k in order; the labels
 * must be valid class indices (the caller checks them once per batch).
 * @param work - {@link softmaxWorkspaceLength}(n): each row's Σ e^(x − max) and x[i, yᵢ] − maxᵢ,
 *   from which {@link softmaxLoss} gives the loss
 */
export function softmaxCrossEntropy(
  scores: Float64Array,
  labels: Float64Array,
  n: number,
  c: number,
  dx: Float64Array,
  work: Float64Array,
): void {
  for (let i = 0; i < n; i++) {
    const row = i * c;
    const label = labels[i];
    let max = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < c; j++) if (scores[row + j] > max) max = scores[row + j];
    for (let j = 0; j < c; j++) dx[row + j] = scores[row + j] - max;
    expInPlace(dx, row, row + c);
    let total = 0;
    for (let j = 0; j < c; j++) total += dx[row + j];
    work[2 * i] = total;
    work[2 * i + 1] = scores[row + label] - max;
    // (e − total)/total = p − 1 at the label, without cancelling after the division.
    dx[row + label] -= total;
    const divisor = total * n;
    for (let j = 0; j < c; j++) dx[row + j] /= divisor;
  }
}

/** The loss from {@link softmaxCrossEntropy}'s work space (the logs run in JavaScript on both backends). */
export function softmaxLoss(work: Float64Array, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.log(work[2 * i]) - work[2 * i + 1];
  return sum / n;
}

/** Gradient descent, in place: `w −= learningRate·g` over `length` values. */
export function sgdUpdate(w: Float64Array, g: Float64Array, learningRate: number, length: number): void {
  for (let i = 0; i < length; i++) w[i] -= learningRate * g[i];
}

/**
 * Adam, in place over `length` values: `v = β₁v + (1 − β₁)g`, `s = β₂s + (1 − β₂)g²`,
 * `w −= lr·(v/c₁) / (√(s/c₂) + ε)` with the bias corrections `c₁ = 1 − β₁ᵗ`, `c₂ = 1 − β₂ᵗ`.
 */
export function adamUpdate(
  w: Float64Array,
  g: Float64Array,
  v: Float64Array,
  s: Float64Array,
  length: number,
  learningRate: number,
  beta1: number,
  beta2: number,
  epsilon: number,
  correction1: number,
  correction2: number,
): void {
  const oneMinusBeta1 = 1 - beta1;
  const oneMinusBeta2 = 1 - beta2;
  for (let i = 0; i < length; i++) {
    const gi = g[i];
    const vi = beta1 * v[i] + oneMinusBeta1 * gi;
    const si = beta2 * s[i] + oneMinusBeta2 * (gi * gi);
    v[i] = vi;
    s[i] = si;
    w[i] -= (learningRate * (vi / correction1)) / (Math.sqrt(si / correction2) + epsilon);
  }
}
