import { formatShape, LabError, ShapeError, Tensor } from '@lab/tensor';
import {
  assertBatch,
  assertDoutShape,
  assertFeatureVector,
  assertFinite,
  assertOutBuffer,
  checkEps,
  checkMode,
  checkMomentum,
} from './internal/checks';
import { add, mapFeatures, multiply, multiplyColumns, repeatRows, sumOverRows } from './internal/columns';
import { batchnormWasm } from './internal/wasm/batchnorm-wasm';

/**
 * Settings and state of one batch-norm layer, as in the course's `bn_param`.
 * `batchnormForward` keeps the running statistics here (see its remarks).
 */
export interface BatchnormParam {
  /** `'train'` normalizes with the batch statistics and updates the running ones; `'test'` uses the running ones. */
  mode: 'train' | 'test';
  /** Added to the variance before the square root. Default `1e-5`. */
  eps?: number;
  /** Weight of the old running value: `running = momentum·running + (1 − momentum)·batch`. Default `0.9`. */
  momentum?: number;
  /** (D,) running mean; created as zeros when absent. */
  runningMean?: Tensor;
  /** (D,) running variance; created as ones when absent. */
  runningVar?: Tensor;
  /**
   * Store the unbiased batch variance (`· N/(N − 1)`) in `runningVar`, as PyTorch does.
   * Normalization always uses the biased one. Default `false` (the course's convention).
   */
  unbiasedRunningVar?: boolean;
}

/**
 * What the batch-norm backwards need from the forward pass. It holds `x` itself, not a copy
 * and not `x̂`: backward recomputes `x̂ = (x − μ)·(1/σ)` on the fly, which saves the forward
 * pass from writing a second (N, D) array. Do not modify `x` in place before the backward pass.
 */
export interface BatchnormCache {
  /** The mode of the forward pass: in `'test'` mode the statistics are constants. */
  readonly mode: 'train' | 'test';
  /** (N, D) the forward input (a reference, not a copy). */
  readonly x: Tensor;
  /** (D,) the mean used: the batch mean in train mode, a copy of the running mean in test mode. */
  readonly mean: Tensor;
  /** (D,) `1/σ = 1/√(var + eps)`: of the batch variance in train mode, the running one in test mode. */
  readonly invStd: Tensor;
  /** (D,) a copy of the scale used by the forward pass. */
  readonly gamma: Tensor;
}

/** Gradients of a batch-norm (or layer-norm) forward pass. */
export interface NormGradients {
  /** same as x: (N, D) */
  dx: Tensor;
  /** (D,) */
  dgamma: Tensor;
  /** (D,) */
  dbeta: Tensor;
}

const OP = 'batchnormForward';

/**
 * Batch normalization forward pass (Ioffe & Szegedy 2015) over a batch-first `(N, D)` input.
 *
 * Train mode: `μ = mean(x, axis 0)`, `var = mean((x − μ)², axis 0)` (biased, like NumPy's
 * `var`), `out = γ·(x − μ)/√(var + eps) + β`, then
 * `running = momentum·running + (1 − momentum)·batch` for the mean and the variance.
 * Test mode: `out = γ·(x − runningMean)/√(runningVar + eps) + β`.
 *
 * Where the runtime has WebAssembly SIMD, the kernels of internal/wasm/batchnorm-kernels.wat
 * run the passes on blocks of rows of x copied into the module's memory: one pass computes
 * per-feature sums and sums of squares shifted by the mean of the first rows (re-run shifted by
 * the mean found when that estimate was more than a standard deviation off, so the variance
 * stays as accurate as the two-pass one), and one pass writes the output, copied out by blocks.
 * The per-feature work between them (statistics, checks, running stats, coefficients) runs in
 * the module too, so that small batches are not dominated by it. Otherwise (the JavaScript reference kernels below) train mode reads `x` three times and
 * writes `out` once: a sum pass, a centered sum-of-squares pass (the two-pass variance NumPy
 * computes, free of the cancellation of `E[x²] − E[x]²`), and the normalize-scale-shift pass.
 * Every inner loop runs contiguously over the D features of a row, accumulating per-feature
 * sums four rows at a time.
 *
 * @param x - (N, D) inputs, one example per row; finite
 * @param gamma - (D,) scale
 * @param beta - (D,) shift
 * @param param - mode, `eps`, `momentum`, running statistics; see {@link BatchnormParam}
 * @param out - optional (N, D) buffer to write the output into (hot loops); must not share memory with x
 * @returns out (N, D) and the cache for {@link batchnormBackward} / {@link batchnormBackwardAlt}
 * @remarks Mutates param.runningMean/runningVar: in train mode they are updated in place (their
 *   `data` is overwritten), and when absent they are created (zeros and ones, (D,)) and stored
 *   in `param`, in either mode. Nothing else is mutated (except `out` when given).
 * @throws ShapeError when x is not 2-D, gamma/beta/running statistics/out do not fit x, or a
 *   train batch has fewer than 2 examples
 * @throws ConfigError for a bad mode, eps or momentum
 * @throws LabError when x holds NaN or ±Infinity (naming the first such element), or a
 *   variance plus eps is 0 or not finite
 * @see https://arxiv.org/abs/1502.03167
 */
export function batchnormForward(
  x: Tensor,
  gamma: Tensor,
  beta: Tensor,
  param: BatchnormParam,
  out?: Tensor,
): { out: Tensor; cache: BatchnormCache } {
  const [n, d] = assertBatch(OP, 'x', x);
  assertFeatureVector(OP, 'gamma', gamma, x, d);
  assertFeatureVector(OP, 'beta', beta, x, d);
  const mode = checkMode(OP, param.mode);
  const eps = checkEps(OP, param.eps ?? 1e-5);
  const momentum = checkMomentum(OP, param.momentum ?? 0.9);
  if (param.runningMean !== undefined) assertFeatureVector(OP, 'runningMean', param.runningMean, x, d);
  if (param.runningVar !== undefined) assertFeatureVector(OP, 'runningVar', param.runningVar, x, d);
  if (out !== undefined) assertOutBuffer(OP, 'out', out, x);
  if (mode === 'train' && n < 2) {
    throw new ShapeError(OP, [x.shape], `train mode needs a batch of at least 2 examples to estimate a variance, got N = ${n}`);
  }
  const runningMean = (param.runningMean ??= new Tensor(new Float64Array(d), [d]));
  const runningVar = (param.runningVar ??= new Tensor(new Float64Array(d).fill(1), [d]));
  const result = out ?? new Tensor(new Float64Array(n * d), [n, d]);
  const wasm = batchnormWasm(n, d);

  let mean: Float64Array;
  let invStd: Float64Array;
  if (mode === 'test') {
    mean = runningMean.data.slice();
    invStd = new Float64Array(d);
    const rv = runningVar.data;
    for (let j = 0; j < d; j++) invStd[j] = 1 / Math.sqrt(rv[j] + eps);
    checkInvStd(x, invStd, rv, eps, 'runningVar');
    // x enters no sum in test mode, so check it for NaN and infinities directly (the
    // WebAssembly kernels sum it first; overflowing sums send them here too).
    if (wasm === null || !wasm.allFinite(x.data)) assertFinite(OP, 'x', x);
    wasm?.testCoefficients(mean, invStd, gamma.data, beta.data);
  } else if (wasm !== null) {
    // The same steps as below, with the per-feature work in WebAssembly too.
    // A NaN or infinity anywhere in a column makes its sum non-finite: find and report it.
    if (!wasm.batchMoments(x.data)) assertFinite(OP, 'x', x);
    const stats = wasm.trainStatistics(gamma.data, beta.data, runningMean.data, runningVar.data, eps, momentum, correction(param, n));
    if (stats.badFeature !== undefined) throwBadVariance(x, stats.badFeature, stats.variance, eps, 'variance');
    ({ mean, invStd } = stats);
  } else {
    mean = columnMeans(x.data, n, d);
    // A NaN or infinity anywhere in a column makes its sum non-finite: find and report it.
    if (!allFinite(mean)) assertFinite(OP, 'x', x);
    const variance = columnVariances(x.data, mean, n, d);
    invStd = new Float64Array(d);
    for (let j = 0; j < d; j++) invStd[j] = 1 / Math.sqrt(variance[j] + eps);
    checkInvStd(x, invStd, variance, eps, 'variance');
    updateRunningStats(runningMean.data, runningVar.data, mean, variance, momentum, correction(param, n));
  }
  if (wasm !== null) wasm.normalize(x.data, result.data);
  else normalize(x.data, mean, invStd, gamma.data, beta.data, result.data, n, d);

  const cache: BatchnormCache = {
    mode,
    x,
    mean: new Tensor(mean, [d]),
    invStd: new Tensor(invStd, [d]),
    gamma: new Tensor(gamma.data.slice(), [d]),
  };
  // The backward pass of this cache may reuse the copy of x in the WebAssembly module.
  wasm?.keepInputFor(x.data, cache);
  return { out: result, cache };
}

/**
 * Pass 1: `x.mean(axis=0)`. Sums four rows per sweep over the per-feature accumulators,
 * so each accumulator is loaded and stored once per four elements.
 */
function columnMeans(x: Float64Array, n: number, d: number): Float64Array {
  const sum = new Float64Array(d);
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
  return sum;
}

/** Pass 2: the biased variance `((x − μ)²).mean(axis=0)` from centered values, four rows per sweep. */
function columnVariances(x: Float64Array, mean: Float64Array, n: number, d: number): Float64Array {
  const squares = new Float64Array(d);
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
  return squares;
}

/** Pass 3: `out = γ·(x − μ)·(1/σ) + β`, with `γ/σ` folded into one per-feature factor, two rows per sweep. */
function normalize(
  x: Float64Array,
  mean: Float64Array,
  invStd: Float64Array,
  gamma: Float64Array,
  beta: Float64Array,
  out: Float64Array,
  n: number,
  d: number,
): void {
  const scale = new Float64Array(d);
  for (let j = 0; j < d; j++) scale[j] = gamma[j] * invStd[j];
  // Two rows per sweep: the per-feature factors are loaded once for both.
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
}

/** `running = momentum·running + (1 − momentum)·batch`, in place; `correction` is N/(N − 1) for an unbiased running variance. */
function updateRunningStats(
  runningMean: Float64Array,
  runningVar: Float64Array,
  mean: Float64Array,
  variance: Float64Array,
  momentum: number,
  correction: number,
): void {
  for (let j = 0; j < mean.length; j++) {
    runningMean[j] = momentum * runningMean[j] + (1 - momentum) * mean[j];
    runningVar[j] = momentum * runningVar[j] + (1 - momentum) * (variance[j] * correction);
  }
}

function allFinite(v: Float64Array): boolean {
  let check = 0;
  for (let j = 0; j < v.length; j++) check += v[j] - v[j];
  return check === 0;
}

/** The factor of the batch variance stored in runningVar: N/(N − 1) for an unbiased one, else 1. */
function correction(param: BatchnormParam, n: number): number {
  return param.unbiasedRunningVar ? n / (n - 1) : 1;
}

/** Rejects a zero variance with eps = 0 (division by zero) and an overflowing or negative variance. */
function checkInvStd(x: Tensor, invStd: Float64Array, variance: Float64Array, eps: number, source: 'variance' | 'runningVar'): void {
  for (let j = 0; j < invStd.length; j++) {
    const s = invStd[j];
    if (s - s !== 0 || !(s > 0)) throwBadVariance(x, j, variance[j], eps, source);
  }
}

/** The error of {@link checkInvStd} for feature j (a non-finite x, when there is one, is reported instead). */
function throwBadVariance(x: Tensor, j: number, variance: number, eps: number, source: 'variance' | 'runningVar'): never {
  if (source === 'variance') assertFinite(OP, 'x', x);
  const what = source === 'variance' ? `the variance of feature ${j}` : `runningVar[${j}]`;
  throw new LabError(`${OP}: x ${formatShape(x.shape)}: ${what} plus eps is ${variance + eps}; it must be finite and > 0`);
}

/**
 * Batch-norm backward, step by step through the computation graph of the forward pass
 * (CS231n's staged derivation): each node's local derivative times the upstream gradient,
 * summing where a value feeds two branches (`xμ = x − μ` feeds both the variance and `x̂`;
 * `x` feeds both `μ` and `xμ`). Readable and allocation-heavy on purpose; use
 * {@link batchnormBackwardAlt} for speed.
 *
 * ```
 * μ = mean(x)  xμ = x − μ  sq = xμ²  var = mean(sq)  σ = √(var + eps)  ivar = 1/σ
 * x̂ = xμ·ivar  γx = γ·x̂  out = γx + β
 * ```
 * @param dout - (N, D) upstream gradient
 * @param cache - from {@link batchnormForward}
 * @returns dx (N, D), dgamma (D,), dbeta (D,)
 * @throws ShapeError when dout is not the shape of the forward input
 * @throws LabError when dout holds NaN or ±Infinity
 * @see https://kratzert.github.io/2016/02/12/understanding-the-gradient-flow-through-the-batch-normalization-layer.html
 */
export function batchnormBackward(dout: Tensor, cache: BatchnormCache): NormGradients {
  const op = 'batchnormBackward';
  const [n, d] = cache.x.shape;
  assertDoutShape(op, dout, cache.x.shape);
  const gamma = cache.gamma.data;
  const ivar = cache.invStd.data;
  const g = dout.data;

  // The forward nodes the cache does not hold, recomputed: xμ = x − μ and x̂ = xμ·ivar.
  const xmu = add(
    cache.x.data,
    repeatRows(
      cache.mean.data.map((m) => -m),
      n,
    ),
  );
  const xhat = multiplyColumns(xmu, ivar, n, d);

  // out = γx + β
  const dbeta = sumOverRows(g, n, d);
  checkFiniteSums(op, dout, dbeta);
  const dgammax = g;
  // γx = γ·x̂
  const dgamma = sumOverRows(multiply(dgammax, xhat), n, d);
  const dxhat = multiplyColumns(dgammax, gamma, n, d);

  if (cache.mode === 'test') {
    // x̂ = (x − runningMean)·ivar with constant statistics: a single branch into x.
    return gradients(multiplyColumns(dxhat, ivar, n, d), dgamma, dbeta, n, d);
  }

  // x̂ = xμ·ivar: two branches, into ivar (summed over the batch) and into xμ.
  const divar = sumOverRows(multiply(dxhat, xmu), n, d);
  const dxmu1 = multiplyColumns(dxhat, ivar, n, d);
  // ivar = 1/σ
  const sqrtvar = ivar.map((s) => 1 / s);
  const dsqrtvar = mapFeatures(divar, sqrtvar, (dv, s) => -dv / (s * s));
  // σ = √(var + eps)
  const dvar = mapFeatures(dsqrtvar, sqrtvar, (ds, s) => (0.5 / s) * ds);
  // var = mean(sq): each of the N rows gets 1/N of dvar.
  const dsq = repeatRows(
    dvar.map((v) => v / n),
    n,
  );
  // sq = xμ²
  const dxmu2 = multiply(xmu, dsq).map((v) => 2 * v);
  // xμ = x − μ: the two branches into xμ sum; x gets dxμ, μ gets −Σ dxμ.
  const dx1 = add(dxmu1, dxmu2);
  const dmu = sumOverRows(dx1, n, d).map((v) => -v);
  // μ = mean(x): each row gets 1/N of dμ; the two branches into x sum.
  const dx2 = repeatRows(
    dmu.map((v) => v / n),
    n,
  );
  return gradients(add(dx1, dx2), dgamma, dbeta, n, d);
}

/**
 * Batch-norm backward in closed form, `dx = γ/(N·σ) · (N·dout − Σdout − x̂·Σ(dout·x̂))`
 * (sums over the batch, per feature), with `dβ = Σdout` and `dγ = Σ(dout·x̂)`.
 *
 * Two passes over memory. The first reads dout and x row by row, accumulating `Σdout` (= dβ)
 * and `Σ(dout·(x − μ))` (= dγ·σ) per feature, four rows per sweep. The second writes
 * `dx = a·dout + b + c·(x − μ)` with per-feature coefficients `a = γ/σ`, `b = −a·dβ/N`,
 * `c = −a·dγ/(N·σ)`, two rows per sweep. In test mode the statistics are constants and `dx = γ/σ·dout`.
 * With WebAssembly SIMD the same two passes run in internal/wasm/batchnorm-kernels.wat, on
 * blocks of rows of dout and x copied into the module's memory (x is still there when the call
 * follows its own forward pass and fits one block); dx is copied out block by block. The
 * per-feature coefficients are computed in the module too.
 *
 * @param dout - (N, D) upstream gradient
 * @param cache - from {@link batchnormForward}
 * @param dx - optional (N, D) buffer to write dx into (hot loops); must not share memory with the forward x
 * @returns dx (N, D), dgamma (D,), dbeta (D,)
 * @throws ShapeError when dout (or dx) is not the shape of the forward input
 * @throws LabError when dout holds NaN or ±Infinity
 */
export function batchnormBackwardAlt(dout: Tensor, cache: BatchnormCache, dx?: Tensor): NormGradients {
  const op = 'batchnormBackwardAlt';
  const x = cache.x;
  const [n, d] = x.shape;
  assertDoutShape(op, dout, x.shape);
  if (dx !== undefined) assertOutBuffer(op, 'dx', dx, x);
  const xd = x.data;
  const mean = cache.mean.data;
  const invStd = cache.invStd.data;
  const gamma = cache.gamma.data;
  const g = dout.data;

  const result = dx ?? new Tensor(new Float64Array(n * d), [n, d]);

  const wasm = batchnormWasm(n, d, cache);
  if (wasm !== null) {
    // The same steps as below, with the per-feature work in WebAssembly too.
    const sums = wasm.gradientSums(xd, g, mean, invStd, gamma, cache.mode);
    if (!sums.finite) assertFinite(op, 'dout', dout);
    wasm.gradientInput(xd, g, result.data);
    return { dx: result, dgamma: new Tensor(sums.dgamma, [d]), dbeta: new Tensor(sums.dbeta, [d]) };
  }

  const { dbeta, dcentered } = gradientSums(xd, g, mean, n, d);
  checkFiniteSums(op, dout, dbeta);
  const dgamma = new Float64Array(d);
  const a = new Float64Array(d);
  const b = new Float64Array(d);
  const c = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    dgamma[j] = dcentered[j] * invStd[j];
    a[j] = gamma[j] * invStd[j];
    if (cache.mode === 'train') {
      b[j] = (-a[j] * dbeta[j]) / n;
      c[j] = (-a[j] * dgamma[j] * invStd[j]) / n;
    }
  }
  gradientInput(xd, g, mean, a, b, c, result.data, n, d);
  return { dx: result, dgamma: new Tensor(dgamma, [d]), dbeta: new Tensor(dbeta, [d]) };
}

/** Closed-form backward, pass 1: Σdout and Σ(dout·(x − μ)) per feature, four rows per sweep. */
function gradientSums(
  xd: Float64Array,
  g: Float64Array,
  mean: Float64Array,
  n: number,
  d: number,
): { dbeta: Float64Array; dcentered: Float64Array } {
  const dbeta = new Float64Array(d);
  const dcentered = new Float64Array(d);
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
      dcentered[j] += g0 * (xd[r0 + j] - m) + g1 * (xd[r1 + j] - m) + (g2 * (xd[r2 + j] - m) + g3 * (xd[r3 + j] - m));
    }
  }
  for (; i < n; i++) {
    const r0 = i * d;
    for (let j = 0; j < d; j++) {
      const g0 = g[r0 + j];
      dbeta[j] += g0;
      dcentered[j] += g0 * (xd[r0 + j] - mean[j]);
    }
  }
  return { dbeta, dcentered };
}

/** Closed-form backward, pass 2: `dx = a·dout + b + c·(x − μ)`, two rows per sweep. */
function gradientInput(
  xd: Float64Array,
  g: Float64Array,
  mean: Float64Array,
  a: Float64Array,
  b: Float64Array,
  c: Float64Array,
  out: Float64Array,
  n: number,
  d: number,
): void {
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const r0 = i * d;
    const r1 = r0 + d;
    for (let j = 0; j < d; j++) {
      const aj = a[j];
      const bj = b[j];
      const cj = c[j];
      const m = mean[j];
      out[r0 + j] = aj * g[r0 + j] + bj + cj * (xd[r0 + j] - m);
      out[r1 + j] = aj * g[r1 + j] + bj + cj * (xd[r1 + j] - m);
    }
  }
  for (; i < n; i++) {
    const r0 = i * d;
    for (let j = 0; j < d; j++) out[r0 + j] = a[j] * g[r0 + j] + b[j] + c[j] * (xd[r0 + j] - mean[j]);
  }
}

function gradients(dx: Float64Array, dgamma: Float64Array, dbeta: Float64Array, n: number, d: number): NormGradients {
  return { dx: new Tensor(dx, [n, d]), dgamma: new Tensor(dgamma, [d]), dbeta: new Tensor(dbeta, [d]) };
}

/** A NaN or infinity in dout shows up in its per-feature sums; then find and report it. */
function checkFiniteSums(op: string, dout: Tensor, sums: Float64Array): void {
  if (!allFinite(sums)) assertFinite(op, 'dout', dout);
}
