// Whole-layer kernels of a small dense network in feature-major layout, in plain JavaScript: the
// `js` backend's, and the readable reference of the `wasm` one (wasm/dense-kernels.wat). The
// trainer's compile step runs them for LINEAR → RELU → … → LINEAR → SIGMOID networks, such as
// the course's, where every layer is narrow and the batch is long.
//
// Layout: activations and deltas are feature-major, (rows, n) with one row per unit (the
// course's own layout), so inner loops run over examples: long and contiguous. `n` (the row
// length, `stride` in the kernel set) is the batch rounded up to a multiple of four; `rows`
// counts are padded to a multiple of four with zero units (zero weights, bias and delta), which
// lets the SIMD kernels work in blocks of four units without edge cases. Weights are row-major
// (rows, inUnits).

import { sigmoidInto } from './exp';

/**
 * A hidden layer's forward pass: z = max(0, w·a + b). Each output sums b + w_0·a_0 + w_1·a_1 + …
 * from left to right, exactly as the WebAssembly kernel does. Rows from `outUnits` on are left alone.
 * w (rows, inUnits), b (rows,), a (inUnits, n), z (rows, n).
 */
export function forwardHiddenFm(
  w: Float64Array,
  b: Float64Array,
  a: Float64Array,
  z: Float64Array,
  inUnits: number,
  outUnits: number,
  n: number,
): void {
  for (let k = 0; k < outUnits; k++) {
    const row = k * n;
    // A loop, not z.fill(b[k], …): passing a double to a builtin allocates a heap number per call.
    const bias = b[k];
    for (let i = row; i < row + n; i++) z[i] = bias;
    for (let j = 0; j < inUnits; j++) {
      const weight = w[k * inUnits + j];
      const input = j * n;
      for (let i = 0; i < n; i++) z[row + i] += weight * a[input + i];
    }
    // Only negatives become 0: a NaN stays (as with the kernel's pmax), so divergence is not
    // hidden, and so does −0 (Math.max would give +0, the kernel −0).
    for (let i = row; i < row + n; i++) if (z[i] < 0) z[i] = 0;
  }
}

/**
 * The output unit: out = sigmoid(w·a + b), summed like {@link forwardHiddenFm}, and the output
 * delta dz = scale·(out − y) — (out − y)/m for an example, 0 for the padding — with db = Σ dz.
 * w (1, inUnits), b (1,), a (inUnits, n), out, labels, scale, dz (n,), db (1,).
 */
export function forwardSigmoidFm(
  w: Float64Array,
  b: Float64Array,
  a: Float64Array,
  out: Float64Array,
  inUnits: number,
  n: number,
  labels: Float64Array,
  scale: Float64Array,
  dz: Float64Array,
  db: Float64Array,
): void {
  const bias = b[0];
  for (let i = 0; i < n; i++) out[i] = bias; // not out.fill(b[0], …): see forwardHiddenFm
  for (let j = 0; j < inUnits; j++) {
    const weight = w[j];
    for (let i = 0; i < n; i++) out[i] += weight * a[j * n + i];
  }
  sigmoidInto(out, out, 0, n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    dz[i] = scale[i] * (out[i] - labels[i]);
    sum += dz[i];
  }
  db[0] = sum;
}

/**
 * Backward through a hidden layer's ReLU and dropout and through the layer after it:
 *   dz = (wᵀ·dzNext) ⊙ [a > 0] / keepProb,   db = Σ_examples dz,   dw = dzNext·aᵀ + decay·w.
 * a > 0 exactly where the ReLU passed and dropout kept the unit, so no mask is needed. `decay`
 * is the L2 term's λ/m, added to each finished sum (as a separate `dw += decay·w` pass would,
 * so the bits are the same); with decay 0 nothing is added (a −0 sum stays −0).
 * The next layer has `outUnits` units: w, dw (rows, inUnits); dzNext (rows, n); a, dz (inUnits, n); db (inUnits,).
 */
export function backwardHiddenFm(
  w: Float64Array,
  dzNext: Float64Array,
  a: Float64Array,
  dz: Float64Array,
  dw: Float64Array,
  db: Float64Array,
  inUnits: number,
  outUnits: number,
  n: number,
  keepProb: number,
  decay = 0,
): void {
  for (let j = 0; j < inUnits; j++) {
    const row = j * n;
    dz.fill(0, row, row + n);
    for (let k = 0; k < outUnits; k++) {
      const weight = w[k * inUnits + j];
      const next = k * n;
      let sum = 0;
      for (let i = 0; i < n; i++) {
        dz[row + i] += weight * dzNext[next + i];
        sum += dzNext[next + i] * a[row + i];
      }
      dw[k * inUnits + j] = decay === 0 ? sum : sum + decay * w[k * inUnits + j];
    }
    let sum = 0;
    for (let i = row; i < row + n; i++) {
      dz[i] = a[i] > 0 ? dz[i] / keepProb : 0;
      sum += dz[i];
    }
    db[j] = sum;
  }
}

/**
 * The first layer's dw = dz·aᵀ + decay·w (decay: the L2 term's λ/m, added as in
 * {@link backwardHiddenFm}; w is read only when decay ≠ 0). dz (rows, n), a (inUnits, n), w, dw (rows, inUnits).
 */
export function weightGradientFm(
  dz: Float64Array,
  a: Float64Array,
  dw: Float64Array,
  inUnits: number,
  rows: number,
  n: number,
  w: Float64Array = dw,
  decay = 0,
): void {
  for (let k = 0; k < rows; k++) {
    for (let j = 0; j < inUnits; j++) {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += dz[k * n + i] * a[j * n + i];
      dw[k * inUnits + j] = decay === 0 ? sum : sum + decay * w[k * inUnits + j];
    }
  }
}
