// Dense-layer kernels over the feature-major layout (units, examples) — the course's own
// layout. Inner loops run over the N examples of a block of units: long and contiguous.
// Each kernel is register-blocked (several units per pass), so one load of an input row
// feeds several multiply-adds; a block that runs past the last unit reads a shared zero
// row and writes to a scratch row, so one loop body serves every width (2, 20, 3, 1).
//
// Shapes: w (out, in) row-major; b (out,); a (in, N); z (out, N); dz (out, N).

/** Scratch rows for ragged blocks: `zero` is read as a missing unit, `sink` absorbs its writes. */
export interface KernelScratch {
  readonly zero: Float64Array; // (N,), all zeros, never written
  readonly sink: Float64Array; // (N,), garbage
}

/** Allocates the scratch rows for batches of n examples. */
export function createKernelScratch(n: number): KernelScratch {
  return { zero: new Float64Array(n), sink: new Float64Array(n) };
}

/**
 * z = w·a + b (bias broadcast along examples): four output units × two input units per pass.
 */
export function linearForwardFm(
  w: Float64Array,
  b: Float64Array,
  a: Float64Array,
  z: Float64Array,
  inUnits: number,
  outUnits: number,
  n: number,
  scratch: KernelScratch,
): void {
  const { zero, sink } = scratch;
  for (let k = 0; k < outUnits; k += 4) {
    const z0 = z;
    const z1 = k + 1 < outUnits ? z : sink;
    const z2 = k + 2 < outUnits ? z : sink;
    const z3 = k + 3 < outUnits ? z : sink;
    const o0 = k * n;
    const o1 = k + 1 < outUnits ? o0 + n : 0;
    const o2 = k + 2 < outUnits ? o0 + 2 * n : 0;
    const o3 = k + 3 < outUnits ? o0 + 3 * n : 0;
    const b0 = b[k];
    const b1 = k + 1 < outUnits ? b[k + 1] : 0;
    const b2 = k + 2 < outUnits ? b[k + 2] : 0;
    const b3 = k + 3 < outUnits ? b[k + 3] : 0;
    for (let j = 0; j < inUnits; j += 2) {
      const second = j + 1 < inUnits;
      const aj = j * n;
      const ak = second ? aj + n : 0;
      const aSecond = second ? a : zero;
      const w00 = weightAt(w, k, j, inUnits, outUnits);
      const w01 = weightAt(w, k, j + 1, inUnits, outUnits);
      const w10 = weightAt(w, k + 1, j, inUnits, outUnits);
      const w11 = weightAt(w, k + 1, j + 1, inUnits, outUnits);
      const w20 = weightAt(w, k + 2, j, inUnits, outUnits);
      const w21 = weightAt(w, k + 2, j + 1, inUnits, outUnits);
      const w30 = weightAt(w, k + 3, j, inUnits, outUnits);
      const w31 = weightAt(w, k + 3, j + 1, inUnits, outUnits);
      if (j === 0) {
        // The first pass writes bias + products, so z need not be cleared beforehand.
        for (let i = 0; i < n; i++) {
          const x0 = a[aj + i];
          const x1 = aSecond[ak + i];
          z0[o0 + i] = b0 + w00 * x0 + w01 * x1;
          z1[o1 + i] = b1 + w10 * x0 + w11 * x1;
          z2[o2 + i] = b2 + w20 * x0 + w21 * x1;
          z3[o3 + i] = b3 + w30 * x0 + w31 * x1;
        }
      } else {
        for (let i = 0; i < n; i++) {
          const x0 = a[aj + i];
          const x1 = aSecond[ak + i];
          z0[o0 + i] += w00 * x0 + w01 * x1;
          z1[o1 + i] += w10 * x0 + w11 * x1;
          z2[o2 + i] += w20 * x0 + w21 * x1;
          z3[o3 + i] += w30 * x0 + w31 * x1;
        }
      }
    }
  }
}

/**
 * dw = dz·aᵀ + l2Scale·w and db = Σ_examples dz. Eight independent dot products per pass
 * (so additions do not wait on one another): two output units × four input units, or four
 * × two when the layer has at most two inputs (the first layer of a 2-D classifier).
 */
export function linearWeightGradFm(
  dz: Float64Array,
  a: Float64Array,
  w: Float64Array,
  dw: Float64Array,
  db: Float64Array,
  inUnits: number,
  outUnits: number,
  n: number,
  l2Scale: number,
  scratch: KernelScratch,
): void {
  for (let k = 0; k < outUnits; k++) {
    const row = k * n;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += dz[row + i];
    db[k] = sum;
  }
  const wideOutputs = inUnits <= 2;
  const kStep = wideOutputs ? 4 : 2;
  const jStep = wideOutputs ? 2 : 4;
  for (let k = 0; k < outUnits; k += kStep) {
    for (let j = 0; j < inUnits; j += jStep) {
      if (wideOutputs) dotBlock4x2(dz, a, w, dw, k, j, inUnits, outUnits, n, l2Scale, scratch.zero);
      else dotBlock2x4(dz, a, w, dw, k, j, inUnits, outUnits, n, l2Scale, scratch.zero);
    }
  }
}

/** dw[k..k+1][j..j+3]: rows of dz and a past the edge read the zero row; their sums are dropped. */
function dotBlock2x4(
  dz: Float64Array,
  a: Float64Array,
  w: Float64Array,
  dw: Float64Array,
  k: number,
  j: number,
  inUnits: number,
  outUnits: number,
  n: number,
  l2Scale: number,
  zero: Float64Array,
): void {
  const dSecond = k + 1 < outUnits ? dz : zero;
  const d0 = k * n;
  const d1 = k + 1 < outUnits ? d0 + n : 0;
  const a1 = j + 1 < inUnits ? a : zero;
  const a2 = j + 2 < inUnits ? a : zero;
  const a3 = j + 3 < inUnits ? a : zero;
  const r0 = j * n;
  const r1 = j + 1 < inUnits ? r0 + n : 0;
  const r2 = j + 2 < inUnits ? r0 + 2 * n : 0;
  const r3 = j + 3 < inUnits ? r0 + 3 * n : 0;
  let s00 = 0;
  let s01 = 0;
  let s02 = 0;
  let s03 = 0;
  let s10 = 0;
  let s11 = 0;
  let s12 = 0;
  let s13 = 0;
  for (let i = 0; i < n; i++) {
    const g0 = dz[d0 + i];
    const g1 = dSecond[d1 + i];
    const x0 = a[r0 + i];
    const x1 = a1[r1 + i];
    const x2 = a2[r2 + i];
    const x3 = a3[r3 + i];
    s00 += g0 * x0;
    s01 += g0 * x1;
    s02 += g0 * x2;
    s03 += g0 * x3;
    s10 += g1 * x0;
    s11 += g1 * x1;
    s12 += g1 * x2;
    s13 += g1 * x3;
  }
  storeGrad(dw, w, k, j, inUnits, outUnits, l2Scale, 4, s00, s01, s02, s03);
  storeGrad(dw, w, k + 1, j, inUnits, outUnits, l2Scale, 4, s10, s11, s12, s13);
}

/** dw[k..k+3][j..j+1], for layers with few inputs and many outputs. */
function dotBlock4x2(
  dz: Float64Array,
  a: Float64Array,
  w: Float64Array,
  dw: Float64Array,
  k: number,
  j: number,
  inUnits: number,
  outUnits: number,
  n: number,
  l2Scale: number,
  zero: Float64Array,
): void {
  const g1 = k + 1 < outUnits ? dz : zero;
  const g2 = k + 2 < outUnits ? dz : zero;
  const g3 = k + 3 < outUnits ? dz : zero;
  const d0 = k * n;
  const d1 = k + 1 < outUnits ? d0 + n : 0;
  const d2 = k + 2 < outUnits ? d0 + 2 * n : 0;
  const d3 = k + 3 < outUnits ? d0 + 3 * n : 0;
  const a1 = j + 1 < inUnits ? a : zero;
  const r0 = j * n;
  const r1 = j + 1 < inUnits ? r0 + n : 0;
  let s00 = 0;
  let s01 = 0;
  let s10 = 0;
  let s11 = 0;
  let s20 = 0;
  let s21 = 0;
  let s30 = 0;
  let s31 = 0;
  for (let i = 0; i < n; i++) {
    const x0 = a[r0 + i];
    const x1 = a1[r1 + i];
    const e0 = dz[d0 + i];
    const e1 = g1[d1 + i];
    const e2 = g2[d2 + i];
    const e3 = g3[d3 + i];
    s00 += e0 * x0;
    s01 += e0 * x1;
    s10 += e1 * x0;
    s11 += e1 * x1;
    s20 += e2 * x0;
    s21 += e2 * x1;
    s30 += e3 * x0;
    s31 += e3 * x1;
  }
  storeGrad(dw, w, k, j, inUnits, outUnits, l2Scale, 2, s00, s01, 0, 0);
  storeGrad(dw, w, k + 1, j, inUnits, outUnits, l2Scale, 2, s10, s11, 0, 0);
  storeGrad(dw, w, k + 2, j, inUnits, outUnits, l2Scale, 2, s20, s21, 0, 0);
  storeGrad(dw, w, k + 3, j, inUnits, outUnits, l2Scale, 2, s30, s31, 0, 0);
}

/**
 * The gradient flowing into a hidden ReLU layer, fused with its mask:
 * dzPrev = (wᵀ·dz) ⊙ [aPrev > 0] / keepProb. Four input units × four output units per pass.
 * aPrev is the layer's output after ReLU and dropout, so `aPrev > 0` is both the ReLU
 * derivative and the dropout mask (a dropped unit is 0).
 */
export function reluInputGradFm(
  w: Float64Array,
  dz: Float64Array,
  aPrev: Float64Array,
  dzPrev: Float64Array,
  inUnits: number,
  outUnits: number,
  n: number,
  keepProb: number,
  scratch: KernelScratch,
): void {
  const { zero, sink } = scratch;
  for (let j = 0; j < inUnits; j += 4) {
    const p1 = j + 1 < inUnits ? dzPrev : sink;
    const p2 = j + 2 < inUnits ? dzPrev : sink;
    const p3 = j + 3 < inUnits ? dzPrev : sink;
    const q0 = j * n;
    const q1 = j + 1 < inUnits ? q0 + n : 0;
    const q2 = j + 2 < inUnits ? q0 + 2 * n : 0;
    const q3 = j + 3 < inUnits ? q0 + 3 * n : 0;
    for (let k = 0; k < outUnits; k += 4) {
      const g1 = k + 1 < outUnits ? dz : zero;
      const g2 = k + 2 < outUnits ? dz : zero;
      const g3 = k + 3 < outUnits ? dz : zero;
      const d0 = k * n;
      const d1 = k + 1 < outUnits ? d0 + n : 0;
      const d2 = k + 2 < outUnits ? d0 + 2 * n : 0;
      const d3 = k + 3 < outUnits ? d0 + 3 * n : 0;
      // wT[j][k] = w[k][j]; missing units read as 0.
      const v00 = weightAt(w, k, j, inUnits, outUnits);
      const v01 = weightAt(w, k + 1, j, inUnits, outUnits);
      const v02 = weightAt(w, k + 2, j, inUnits, outUnits);
      const v03 = weightAt(w, k + 3, j, inUnits, outUnits);
      const v10 = weightAt(w, k, j + 1, inUnits, outUnits);
      const v11 = weightAt(w, k + 1, j + 1, inUnits, outUnits);
      const v12 = weightAt(w, k + 2, j + 1, inUnits, outUnits);
      const v13 = weightAt(w, k + 3, j + 1, inUnits, outUnits);
      const v20 = weightAt(w, k, j + 2, inUnits, outUnits);
      const v21 = weightAt(w, k + 1, j + 2, inUnits, outUnits);
      const v22 = weightAt(w, k + 2, j + 2, inUnits, outUnits);
      const v23 = weightAt(w, k + 3, j + 2, inUnits, outUnits);
      const v30 = weightAt(w, k, j + 3, inUnits, outUnits);
      const v31 = weightAt(w, k + 1, j + 3, inUnits, outUnits);
      const v32 = weightAt(w, k + 2, j + 3, inUnits, outUnits);
      const v33 = weightAt(w, k + 3, j + 3, inUnits, outUnits);
      const first = k === 0;
      for (let i = 0; i < n; i++) {
        const e0 = dz[d0 + i];
        const e1 = g1[d1 + i];
        const e2 = g2[d2 + i];
        const e3 = g3[d3 + i];
        const t0 = v00 * e0 + v01 * e1 + v02 * e2 + v03 * e3;
        const t1 = v10 * e0 + v11 * e1 + v12 * e2 + v13 * e3;
        const t2 = v20 * e0 + v21 * e1 + v22 * e2 + v23 * e3;
        const t3 = v30 * e0 + v31 * e1 + v32 * e2 + v33 * e3;
        if (first) {
          dzPrev[q0 + i] = t0;
          p1[q1 + i] = t1;
          p2[q2 + i] = t2;
          p3[q3 + i] = t3;
        } else {
          dzPrev[q0 + i] += t0;
          p1[q1 + i] += t1;
          p2[q2 + i] += t2;
          p3[q3 + i] += t3;
        }
      }
    }
  }
  // The ReLU derivative and the dropout scaling, in one pass.
  const length = inUnits * n;
  if (keepProb === 1) {
    for (let i = 0; i < length; i++) if (!(aPrev[i] > 0)) dzPrev[i] = 0;
  } else {
    for (let i = 0; i < length; i++) dzPrev[i] = aPrev[i] > 0 ? dzPrev[i] / keepProb : 0;
  }
}

/** In place: a = max(0, z) on the whole buffer, then (inverted dropout) a ⊙ mask / keepProb. */
export function reluDropoutFm(z: Float64Array, mask: Float64Array | null, keepProb: number, length: number): void {
  // `z < 0` rather than `!(z > 0)`: a NaN must survive so divergence is detected, not hidden.
  if (mask === null) {
    for (let i = 0; i < length; i++) if (z[i] < 0) z[i] = 0;
    return;
  }
  for (let i = 0; i < length; i++) {
    // biome-ignore lint/complexity/useMathMinMax: Math.max(-0, 0) is 0; this keeps -0, like the WebAssembly kernel.
    const v = z[i] < 0 ? 0 : z[i];
    z[i] = (v * mask[i]) / keepProb;
  }
}

/** w[k][j], or 0 for a unit past the edge of a ragged block. */
export function weightAt(w: Float64Array, k: number, j: number, inUnits: number, outUnits: number): number {
  return k < outUnits && j < inUnits ? w[k * inUnits + j] : 0;
}

/** Writes up to `width` sums of row k starting at column j, adding the L2 term; skips units past the edge. */
export function storeGrad(
  dw: Float64Array,
  w: Float64Array,
  k: number,
  j: number,
  inUnits: number,
  outUnits: number,
  l2Scale: number,
  width: number,
  s0: number,
  s1: number,
  s2: number,
  s3: number,
): void {
  if (k >= outUnits) return;
  const row = k * inUnits;
  const end = Math.min(width, inUnits - j);
  if (end > 0) dw[row + j] = s0 + l2Scale * w[row + j];
  if (end > 1) dw[row + j + 1] = s1 + l2Scale * w[row + j + 1];
  if (end > 2) dw[row + j + 2] = s2 + l2Scale * w[row + j + 2];
  if (end > 3) dw[row + j + 3] = s3 + l2Scale * w[row + j + 3];
}
