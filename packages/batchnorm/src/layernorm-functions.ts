import { ShapeError, Tensor } from '@lab/tensor';
import type { NormGradients } from './batchnorm-functions';
import { assertBatch, assertDoutShape, assertFeatureVector, assertFinite, checkEps } from './internal/checks';

/** Settings of one layer-norm layer, as in the course's `ln_param`. */
export interface LayernormParam {
  /** Added to each example's variance before the square root. Default `1e-5`. */
  eps?: number;
}

/**
 * What {@link layernormBackward} needs from the forward pass. Like the batch-norm cache it
 * holds `x` itself (backward recomputes `x̂`); do not modify `x` in place before backward.
 */
export interface LayernormCache {
  /** (N, D) the forward input (a reference, not a copy). */
  readonly x: Tensor;
  /** (N,) `μᵢ`, the mean of each example. */
  readonly mean: Tensor;
  /** (N,) `1/σᵢ = 1/√(varᵢ + eps)` per example. */
  readonly invStd: Tensor;
  /** (D,) a copy of the scale used by the forward pass. */
  readonly gamma: Tensor;
}

const OP = 'layernormForward';

/**
 * Layer normalization forward pass (Ba, Kiros & Hinton 2016): each example (row) is
 * normalized over its own D features, `μᵢ = mean(xᵢ)`, `varᵢ = mean((xᵢ − μᵢ)²)` (biased),
 * `out = γ·(x − μᵢ)/√(varᵢ + eps) + β`. Train and test behave the same: there are no running
 * statistics. Each row is read from memory once and stays in cache for its three short passes;
 * the cache keeps `x` itself and per-example `μᵢ`, `1/σᵢ`, so the only (N, D) array written is `out`.
 *
 * @param x - (N, D) inputs, one example per row; finite, D ≥ 1
 * @param gamma - (D,) scale
 * @param beta - (D,) shift
 * @param param - `eps` (default 1e-5)
 * @returns out (N, D) and the cache for {@link layernormBackward}
 * @throws ShapeError when x is not 2-D or has no features, or gamma/beta are not (D,)
 * @throws ConfigError for a bad eps
 * @throws LabError when x holds NaN or ±Infinity (naming the first such element)
 * @see https://arxiv.org/abs/1607.06450
 */
export function layernormForward(
  x: Tensor,
  gamma: Tensor,
  beta: Tensor,
  param: LayernormParam = {},
): { out: Tensor; cache: LayernormCache } {
  const [n, d] = assertBatch(OP, 'x', x);
  if (d < 1) throw new ShapeError(OP, [x.shape], `layer norm needs at least 1 feature per example, got D = ${d}`);
  assertFeatureVector(OP, 'gamma', gamma, x, d);
  assertFeatureVector(OP, 'beta', beta, x, d);
  const eps = checkEps(OP, param.eps ?? 1e-5);

  const xd = x.data;
  const g = gamma.data;
  const b = beta.data;
  const out = new Float64Array(n * d);
  const means = new Float64Array(n);
  const invStd = new Float64Array(n);
  for (let i = 0, base = 0; i < n; i++, base += d) {
    let sum = 0;
    for (let j = 0; j < d; j++) sum += xd[base + j];
    if (sum - sum !== 0) assertFinite(OP, 'x', x);
    const mean = sum / d;
    let squares = 0;
    for (let j = 0; j < d; j++) {
      const c = xd[base + j] - mean;
      squares += c * c;
    }
    const inv = 1 / Math.sqrt(squares / d + eps);
    if (inv - inv !== 0) {
      throw new ShapeError(OP, [x.shape], `example ${i} has variance plus eps ${squares / d + eps}; it must be finite and > 0`);
    }
    means[i] = mean;
    invStd[i] = inv;
    for (let j = 0; j < d; j++) out[base + j] = g[j] * ((xd[base + j] - mean) * inv) + b[j];
  }
  const cache: LayernormCache = {
    x,
    mean: new Tensor(means, [n]),
    invStd: new Tensor(invStd, [n]),
    gamma: new Tensor(g.slice(), [d]),
  };
  return { out: new Tensor(out, [n, d]), cache };
}

/**
 * Layer-norm backward: batch norm's closed form applied per example over its features,
 * with `dx̂ = γ·dout`: `dxᵢ = 1/(D·σᵢ) · (D·dx̂ᵢ − Σⱼ dx̂ᵢⱼ − x̂ᵢ·Σⱼ(dx̂ᵢⱼ·x̂ᵢⱼ))`,
 * `dγ = Σᵢ(dout·x̂)`, `dβ = Σᵢ dout`. One pass over memory: each row of dout and x is read once from memory and once more from cache.
 *
 * @param dout - (N, D) upstream gradient
 * @param cache - from {@link layernormForward}
 * @returns dx (N, D), dgamma (D,), dbeta (D,)
 * @throws ShapeError when dout is not the shape of the forward input
 * @throws LabError when dout holds NaN or ±Infinity
 */
export function layernormBackward(dout: Tensor, cache: LayernormCache): NormGradients {
  const op = 'layernormBackward';
  const [n, d] = cache.x.shape;
  assertDoutShape(op, dout, cache.x.shape);
  const gamma = cache.gamma.data;
  const xd = cache.x.data;
  const means = cache.mean.data;
  const invStd = cache.invStd.data;
  // Row-sized scratch for x̂ of the current example: it stays in L1 between the two row passes.
  const xh = new Float64Array(d);
  const g = dout.data;

  const dx = new Float64Array(n * d);
  const dgamma = new Float64Array(d);
  const dbeta = new Float64Array(d);
  for (let i = 0, base = 0; i < n; i++, base += d) {
    const mean = means[i];
    const inv = invStd[i];
    let sum = 0;
    let dot = 0;
    for (let j = 0; j < d; j++) {
      const gk = g[base + j];
      const h = (xd[base + j] - mean) * inv;
      xh[j] = h;
      dbeta[j] += gk;
      dgamma[j] += gk * h;
      const dh = gk * gamma[j];
      sum += dh;
      dot += dh * h;
    }
    if (sum - sum !== 0) assertFinite(op, 'dout', dout);
    const meanDh = sum / d;
    const meanDot = dot / d;
    for (let j = 0; j < d; j++) dx[base + j] = inv * (g[base + j] * gamma[j] - meanDh - xh[j] * meanDot);
  }
  return { dx: new Tensor(dx, [n, d]), dgamma: new Tensor(dgamma, [d]), dbeta: new Tensor(dbeta, [d]) };
}
