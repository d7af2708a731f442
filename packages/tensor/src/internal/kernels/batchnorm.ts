// Batch-norm kernels in plain JavaScript over row-major (n, d) buffers: the `js` backend's, and
// the readable reference of the `wasm` one (wasm/batchnorm-kernels.wat). They allocate nothing:
// per-feature temporaries live in the caller's work space.
//
// Train mode reads x three times and writes out once: a sum pass, a centered sum-of-squares
// pass (the two-pass variance NumPy computes, free of the cancellation of E[x²] − E[x]²), and
// the normalize-scale-shift pass. Every inner loop runs contiguously over the d features of a
// row, accumulating per-feature sums four rows at a time. The WebAssembly kernels compute the
// statistics in one shifted pass instead (see there), so the two agree to rounding, not bits;
// normalize and the backward passes are the same operations in the same order.

/** Length of the work space the batch-norm kernels need for d features (both backends). */
export function batchnormWorkspaceLength(d: number): number {
  return 26 * ((d + 1) >> 1);
}

// Per-feature temporaries in the work space, d long each, at offsets 0, d, 2d, 3d (indexed, not
// subarrays, so that a call allocates nothing).

/**
 * Train-mode forward: per-feature mean and biased variance of x, `invStd = 1/√(variance + eps)`,
 * then (when every feature is fine) `running = momentum·running + (1 − momentum)·batch` (the
 * variance times `correction`) and `out = (x − mean)·(γ·invStd) + β`, floored at 0 with `relu`.
 * @returns −1, or the first feature whose invStd is not finite and > 0 (a NaN or infinity in x,
 *   a variance that overflowed, or 0 with eps = 0): then the running statistics and out are left alone
 */
export function batchnormTrainForward(
  x: Float64Array,
  n: number,
  d: number,
  gamma: Float64Array,
  beta: Float64Array,
  runningMean: Float64Array,
  runningVar: Float64Array,
  eps: number,
  momentum: number,
  correction: number,
  mean: Float64Array,
  variance: Float64Array,
  invStd: Float64Array,
  out: Float64Array,
  relu: boolean,
  work: Float64Array,
): number {
  columnMeans(x, n, d, mean);
  columnVariances(x, mean, n, d, variance);
  for (let j = 0; j < d; j++) invStd[j] = 1 / Math.sqrt(variance[j] + eps);
  for (let j = 0; j < d; j++) {
    const s = invStd[j];
    // s − s is 0 for a finite s and NaN otherwise.
    if (s - s !== 0 || !(s > 0)) return j;
  }
  for (let j = 0; j < d; j++) {
    runningMean[j] = momentum * runningMean[j] + (1 - momentum) * mean[j];
    runningVar[j] = momentum * runningVar[j] + (1 - momentum) * (variance[j] * correction);
  }
  normalize(x, mean, invStd, gamma, beta, out, n, d, relu, work);
  return -1;
}

/**
 * Test-mode forward with given statistics: `out = (x − mean)·(γ·invStd) + β`, floored at 0 with `relu`.
 * @returns false when x may hold a NaN or an infinity (the caller looks); out is written either way
 */
export function batchnormTestForward(
  x: Float64Array,
  n: number,
  d: number,
  mean: Float64Array,
  invStd: Float64Array,
  gamma: Float64Array,
  beta: Float64Array,
  out: Float64Array,
  relu: boolean,
  work: Float64Array,
): boolean {
  // x − x is 0 for a finite x and NaN for a NaN or an infinity.
  let check = 0;
  for (let k = 0; k < n * d; k++) check += x[k] - x[k];
  normalize(x, mean, invStd, gamma, beta, out, n, d, relu, work);
  return check === 0;
}

/**
 * Closed-form backward, `dx = γ/(N·σ) · (N·dout − Σdout − x̂·Σ(dout·x̂))`, in two passes. The first
 * reads dout and x row by row, accumulating `Σdout` (= dβ) and `Σ(dout·(x − μ))` (= dγ·σ) per
 * feature, four rows per sweep. The second writes `dx = a·dout + b + c·(x − μ)` with `a = γ/σ`,
 * `b = −a·dβ/N`, `c = −a·dγ/(N·σ)` (b = c = 0 in test mode, where the statistics are constants),
 * two rows per sweep. dx may be dout itself.
 * @returns false when some dβ is not finite (a NaN or an infinity in dout, or an overflow: the
 *   caller looks); the outputs are written either way
 */
export function batchnormBackward(
  x: Float64Array,
  dout: Float64Array,
  n: number,
  d: number,
  mean: Float64Array,
  invStd: Float64Array,
  gamma: Float64Array,
  train: boolean,
  dx: Float64Array,
  dgamma: Float64Array,
  dbeta: Float64Array,
  work: Float64Array,
): boolean {
  // work: a (0), b (d), c (2d), Σdout·(x − μ) (3d).
  gradientSums(x, dout, mean, n, d, dbeta, work);
  let check = 0;
  for (let j = 0; j < d; j++) check += dbeta[j] - dbeta[j];
  for (let j = 0; j < d; j++) {
    dgamma[j] = work[3 * d + j] * invStd[j];
    const a = gamma[j] * invStd[j];
    work[j] = a;
    work[d + j] = train ? (-a * dbeta[j]) / n : 0;
    work[2 * d + j] = train ? (-a * dgamma[j] * invStd[j]) / n : 0;
  }
  gradientInput(x, dout, mean, work, dx, n, d);
  return check === 0;
}

/** `x.mean(axis=0)`, four rows per sweep over the per-feature accumulators. */
function columnMeans(x: Float64Array, n: number, d: number, sum: Float64Array): void {
  sum.fill(0, 0, d);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const r0 = i * d;
    const r1 = r0 + d;
    const r2 = r1 + d;
    const r3 = r2 + d;
    for (let j = 0; j < d; j++) sum[j] += x[r0 + j] + x[r1 + j] + (x[r2 + j] + x[r3 + j]);
  }
  for (; i < n; i++) {
    const r0 = i * d;
    for (let j = 0; j < d; j++) sum[j] += x[r0 + j];
  }
  for (let j = 0; j < d; j++) sum[j] /= n;
}

/** The biased variance `((x − μ)²).mean(axis=0)` from centered values, four rows per sweep. */
function columnVariances(x: Float64Array, mean: Float64Array, n: number, d: number, squares: Float64Array): void {
  squares.fill(0, 0, d);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const r0 = i * d;
    const r1 = r0 + d;
    const r2 = r1 + d;
    const r3 = r2 + d;
    for (let j = 0; j < d; j++) {
      const m = mean[j];
      const c0 = x[r0 + j] - m;
      const c1 = x[r1 + j] - m;
      const c2 = x[r2 + j] - m;
      const c3 = x[r3 + j] - m;
      squares[j] += c0 * c0 + c1 * c1 + (c2 * c2 + c3 * c3);
    }
  }
  for (; i < n; i++) {
    const r0 = i * d;
    for (let j = 0; j < d; j++) {
      const c = x[r0 + j] - mean[j];
      squares[j] += c * c;
    }
  }
  for (let j = 0; j < d; j++) squares[j] /= n;
}

/**
 * `out = (x − μ)·(γ·(1/σ)) + β`, with `γ/σ` folded into one per-feature factor, two rows per
 * sweep; with `relu`, negatives become 0 (a NaN stays, and so does −0, as with SIMD's pmax).
 */
function normalize(
  x: Float64Array,
  mean: Float64Array,
  invStd: Float64Array,
  gamma: Float64Array,
  beta: Float64Array,
  out: Float64Array,
  n: number,
  d: number,
  relu: boolean,
  work: Float64Array,
): void {
  const scale = work; // γ/σ in work[0, d)
  for (let j = 0; j < d; j++) scale[j] = gamma[j] * invStd[j];
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const r0 = i * d;
    const r1 = r0 + d;
    for (let j = 0; j < d; j++) {
      const m = mean[j];
      const s = scale[j];
      const b = beta[j];
      out[r0 + j] = (x[r0 + j] - m) * s + b;
      out[r1 + j] = (x[r1 + j] - m) * s + b;
    }
  }
  for (; i < n; i++) {
    const r0 = i * d;
    for (let j = 0; j < d; j++) out[r0 + j] = (x[r0 + j] - mean[j]) * scale[j] + beta[j];
  }
  if (relu) {
    for (let k = 0; k < n * d; k++) if (out[k] < 0) out[k] = 0;
  }
}

/** Backward pass 1: Σdout and Σ(dout·(x − μ)) (into work[3d, 4d)) per feature, four rows per sweep. */
function gradientSums(
  xd: Float64Array,
  g: Float64Array,
  mean: Float64Array,
  n: number,
  d: number,
  dbeta: Float64Array,
  work: Float64Array,
): void {
  const at = 3 * d;
  dbeta.fill(0, 0, d);
  work.fill(0, at, at + d);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const r0 = i * d;
    const r1 = r0 + d;
    const r2 = r1 + d;
    const r3 = r2 + d;
    for (let j = 0; j < d; j++) {
      const g0 = g[r0 + j];
      const g1 = g[r1 + j];
      const g2 = g[r2 + j];
      const g3 = g[r3 + j];
      const m = mean[j];
      dbeta[j] += g0 + g1 + (g2 + g3);
      work[at + j] += g0 * (xd[r0 + j] - m) + g1 * (xd[r1 + j] - m) + (g2 * (xd[r2 + j] - m) + g3 * (xd[r3 + j] - m));
    }
  }
  for (; i < n; i++) {
    const r0 = i * d;
    for (let j = 0; j < d; j++) {
      const g0 = g[r0 + j];
      dbeta[j] += g0;
      work[at + j] += g0 * (xd[r0 + j] - mean[j]);
    }
  }
}

/** Backward pass 2: `dx = a·dout + b + c·(x − μ)` with a, b, c at work[0], work[d], work[2d]; two rows per sweep (dx may be dout). */
function gradientInput(
  xd: Float64Array,
  g: Float64Array,
  mean: Float64Array,
  work: Float64Array,
  out: Float64Array,
  n: number,
  d: number,
): void {
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const r0 = i * d;
    const r1 = r0 + d;
    for (let j = 0; j < d; j++) {
      const aj = work[j];
      const bj = work[d + j];
      const cj = work[2 * d + j];
      const m = mean[j];
      out[r0 + j] = aj * g[r0 + j] + bj + cj * (xd[r0 + j] - m);
      out[r1 + j] = aj * g[r1 + j] + bj + cj * (xd[r1 + j] - m);
    }
  }
  for (; i < n; i++) {
    const r0 = i * d;
    for (let j = 0; j < d; j++) out[r0 + j] = work[j] * g[r0 + j] + work[d + j] + work[2 * d + j] * (xd[r0 + j] - mean[j]);
  }
}
