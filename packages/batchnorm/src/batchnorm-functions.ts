import { batchnormWorkspaceLength, formatShape, LabError, type ScratchArena, ShapeError, scratchArena, Tensor } from '@lab/tensor';
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
 * The passes run on @lab/tensor's batch-norm kernels of the current backend (`setBackend`): with
 * `js`, on x in place: a sum pass, a centered sum-of-squares pass (the two-pass variance NumPy
 * computes, free of the cancellation of `E[x²] − E[x]²`) and the normalize-scale-shift pass; with
 * `wasm`, x is copied into the scratch arena, where one WebAssembly SIMD pass computes per-feature
 * sums shifted by the mean of the first rows (re-run shifted by the mean found when that estimate
 * was more than a standard deviation off, so the variance stays as accurate as the two-pass one)
 * and one pass writes the output, which is copied out. Nothing is kept between calls.
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
  const work = scratchFor(n, d);
  const xs = operand(work, 0, x.data);
  const outs = work.backend === 'js' ? result.data : work.view(span(n * d), n * d);
  const space = workspace(work, n, d);

  // One allocation for the four per-feature vectors (mean, 1/σ, the copy of γ the cache keeps, and the
  // variance): result arrays cost far more to allocate in a browser than in Node (about 15 µs each
  // in Chromium), and the cache's tensors are views of it, fresh on every call all the same.
  const stats = new Float64Array(4 * d);
  const mean = stats.subarray(0, d);
  const invStd = stats.subarray(d, 2 * d);
  const gammaCopy = stats.subarray(2 * d, 3 * d);
  gammaCopy.set(gamma.data);
  if (mode === 'test') {
    mean.set(runningMean.data);
    const rv = runningVar.data;
    for (let j = 0; j < d; j++) invStd[j] = 1 / Math.sqrt(rv[j] + eps);
    checkInvStd(x, invStd, rv, eps, 'runningVar');
    // x enters no sum in test mode: the kernel checks it (a NaN or infinity, or sums that overflow, send it here).
    if (!work.kernels.batchnormTestForward(xs, n, d, mean, invStd, gamma.data, beta.data, outs, false, space)) assertFinite(OP, 'x', x);
  } else {
    const variance = stats.subarray(3 * d);
    const bad = work.kernels.batchnormTrainForward(
      xs,
      n,
      d,
      gamma.data,
      beta.data,
      runningMean.data,
      runningVar.data,
      eps,
      momentum,
      correction(param, n),
      mean,
      variance,
      invStd,
      outs,
      false,
      space,
    );
    if (bad >= 0) throwBadVariance(x, bad, variance[bad], eps, 'variance');
  }
  if (outs !== result.data) result.data.set(outs);

  const cache: BatchnormCache = {
    mode,
    x,
    mean: new Tensor(mean, [d]),
    invStd: new Tensor(invStd, [d]),
    gamma: new Tensor(gammaCopy, [d]),
  };
  return { out: result, cache };
}

/** The scratch arena for an (n, d) batch-norm call: two (n, d) blocks, then the kernels' work space. */
function scratchFor(n: number, d: number): ScratchArena {
  return scratchArena(2 * span(n * d) + batchnormWorkspaceLength(d));
}

/** The kernels' work space, after the two blocks. */
function workspace(work: ScratchArena, n: number, d: number): Float64Array {
  return work.view(2 * span(n * d), batchnormWorkspaceLength(d));
}

/** Values of a view rounded up to even, so the next view starts 16-byte aligned. */
function span(values: number): number {
  return (values + 1) & ~1;
}

/** The operand at block `block` of the scratch: `data` itself with the js backend, else a copy of it in the arena. */
function operand(work: ScratchArena, block: number, data: Float64Array): Float64Array {
  if (work.backend === 'js') return data;
  const view = work.view(block * span(data.length), data.length);
  view.set(data);
  return view;
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
 * Two passes over memory (@lab/tensor's batch-norm kernels of the current backend): the first
 * reads dout and x row by row, accumulating `Σdout` (= dβ) and `Σ(dout·(x − μ))` (= dγ·σ) per
 * feature; the second writes `dx = a·dout + b + c·(x − μ)` with per-feature coefficients
 * `a = γ/σ`, `b = −a·dβ/N`, `c = −a·dγ/(N·σ)`. In test mode the statistics are constants and
 * `dx = γ/σ·dout`. With the `wasm` backend, x and dout are copied into the scratch arena and dx
 * out of it.
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
  const result = dx ?? new Tensor(new Float64Array(n * d), [n, d]);
  const work = scratchFor(n, d);
  const xs = operand(work, 0, x.data);
  const gs = operand(work, 1, dout.data);
  // With wasm, dx overwrites dout's copy (the kernel allows it).
  const dxs = work.backend === 'js' ? result.data : gs;
  // dgamma and dbeta share one allocation (see batchnormForward's stats).
  const sums = new Float64Array(2 * d);
  const dgamma = sums.subarray(0, d);
  const dbeta = sums.subarray(d);
  const space = workspace(work, n, d);
  const train = cache.mode === 'train';
  if (
    !work.kernels.batchnormBackward(xs, gs, n, d, cache.mean.data, cache.invStd.data, cache.gamma.data, train, dxs, dgamma, dbeta, space)
  ) {
    assertFinite(op, 'dout', dout);
  }
  if (dxs !== result.data) result.data.set(dxs);
  return { dx: result, dgamma: new Tensor(dgamma, [d]), dbeta: new Tensor(dbeta, [d]) };
}

function gradients(dx: Float64Array, dgamma: Float64Array, dbeta: Float64Array, n: number, d: number): NormGradients {
  return { dx: new Tensor(dx, [n, d]), dgamma: new Tensor(dgamma, [d]), dbeta: new Tensor(dbeta, [d]) };
}

/** A NaN or infinity in dout shows up in its per-feature sums; then find and report it. */
function checkFiniteSums(op: string, dout: Tensor, sums: Float64Array): void {
  if (!allFinite(sums)) assertFinite(op, 'dout', dout);
}
