import { assert2d, matmul, RandomState, ShapeError, StateError, Tensor } from '@lab/tensor';
import { copyIntoBinding } from './copy-into-binding';
import { courseInit, type Initializer } from './initializers';
import { assertOut, assertPositiveInteger } from './internal/checks';
import type { Layer, Mode, Param } from './layer';

/** What {@link affineBackward} needs from the forward pass (references, not copies). */
export interface AffineCache {
  /** (N, D) the inputs of the forward pass. */
  readonly x: Tensor;
  /** (M, D) the weights, (out, in). */
  readonly w: Tensor;
}

/** Result of {@link affineForward}. */
export interface AffineForwardResult {
  /** (N, M) x·wᵀ + b. */
  readonly out: Tensor;
  readonly cache: AffineCache;
}

/** Result of {@link affineBackward}. */
export interface AffineBackwardResult {
  /** (N, D) dout·w. */
  readonly dx: Tensor;
  /** (M, D) doutᵀ·x. */
  readonly dw: Tensor;
  /** (M,) column sums of dout. */
  readonly db: Tensor;
}

/** Optional preallocated buffers for {@link affineBackward}; each is overwritten. */
export interface AffineGradBuffers {
  /** (N, D) */
  readonly dx?: Tensor;
  /** (M, D) */
  readonly dw?: Tensor;
  /** (M,) */
  readonly db?: Tensor;
}

/**
 * Affine (fully connected) forward: out = x·wᵀ + b, one example per row.
 * @param x - (N, D) inputs, one example per row
 * @param w - (M, D) weights, (out, in) like PyTorch and the course
 * @param b - (M,) biases
 * @param out - optional (N, M) buffer, overwritten; must not share memory with x or w
 * @returns out (N, M) and the cache for {@link affineBackward}
 * @throws ShapeError when x and w disagree on D, b is not (M,), or out is not (N, M)
 * @throws LabError (from matmul) when out shares memory with x or w
 */
export function affineForward(x: Tensor, w: Tensor, b: Tensor, out?: Tensor): AffineForwardResult {
  const [n, d] = assert2d('affineForward', 'x', x);
  const [m, dw] = assert2d('affineForward', 'w', w);
  if (d !== dw) {
    throw new ShapeError('affineForward', [x.shape, w.shape], `x has ${d} features (columns) but w (out, in) takes ${dw}`, ' and ');
  }
  if (b.shape.length !== 1 || b.shape[0] !== m) {
    throw new ShapeError('affineForward', [w.shape, b.shape], `b must be (M,) = (${m},) for w with M = ${m} rows`, ' and ');
  }
  if (out !== undefined) assertOut('affineForward', out, [n, m]);
  // The product through matmul's blocked kernel (x·wᵀ without materializing wᵀ), then the bias
  // in one pass over out: added after each dot product, as NumPy's `W @ x + b` rounds it.
  out = matmul(x, w, { transposeB: true }, out);
  const B = b.data;
  const O = out.data;
  for (let row = 0; row < n * m; row += m) {
    for (let j = 0; j < m; j++) O[row + j] += B[j];
  }
  return { out, cache: { x, w } };
}

/**
 * Affine backward: dx = dout·w, dw = doutᵀ·x, db = Σₙ dout (column sums).
 * @param dout - (N, M) upstream gradient
 * @param cache - from {@link affineForward}: x (N, D), w (M, D)
 * @param out - optional buffers `{ dx (N, D), dw (M, D), db (M,) }`, each overwritten when given;
 *   none may share memory with dout, x or w
 * @returns dx (N, D), dw (M, D), db (M,)
 * @throws ShapeError when dout is not (N, M) for the cached x and w, or a buffer has the wrong shape
 */
export function affineBackward(dout: Tensor, cache: AffineCache, out: AffineGradBuffers = {}): AffineBackwardResult {
  const { x, w } = cache;
  const n = x.shape[0];
  const m = w.shape[0];
  const [dn, dm] = assert2d('affineBackward', 'dout', dout);
  if (dn !== n || dm !== m) {
    throw new ShapeError('affineBackward', [dout.shape, x.shape, w.shape], `dout must be (N, M) = (${n}, ${m}) for x (N, D) and w (M, D)`);
  }
  if (out.db !== undefined) assertOut('affineBackward', out.db, [m]);
  const dx = matmul(dout, w, {}, out.dx);
  const dw = matmul(dout, x, { transposeA: true }, out.dw);
  const db = out.db ?? new Tensor(new Float64Array(m), [m]);
  const G = dout.data;
  const DB = db.data;
  DB.fill(0);
  for (let i = 0; i < n; i++) {
    const row = i * m;
    for (let j = 0; j < m; j++) DB[j] += G[row + j];
  }
  return { dx, dw, db };
}

/** Options of {@link Linear}. */
export interface LinearOptions {
  /** Draws the weights; default {@link courseInit} (`randn(out, in) / √in`). Biases start at 0. */
  readonly init?: Initializer;
}

/**
 * Fully connected layer over {@link affineForward}/{@link affineBackward}: weight `W` (M, D) =
 * (out, in), bias `b` (M,). Its params are named `W` and `b` (a {@link Sequential} numbers them).
 */
export class Linear implements Layer {
  private w: Tensor;
  private b: Tensor;
  private dw: Tensor;
  private db: Tensor;
  private cache: AffineCache | undefined;

  /**
   * A layer mapping (N, inFeatures) to (N, outFeatures), weights drawn from `rng`.
   * @param inFeatures - D
   * @param outFeatures - M
   * @param rng - where the initializer draws the weights from
   * @throws ConfigError when a feature count is not a positive integer
   */
  constructor(inFeatures: number, outFeatures: number, rng: RandomState, options: LinearOptions = {}) {
    assertPositiveInteger('Linear', 'inFeatures', inFeatures);
    assertPositiveInteger('Linear', 'outFeatures', outFeatures);
    const weight = (options.init ?? courseInit)(rng, outFeatures, inFeatures);
    if (weight.shape.length !== 2 || weight.shape[0] !== outFeatures || weight.shape[1] !== inFeatures) {
      throw new ShapeError('Linear', [weight.shape], `init must return (outFeatures, inFeatures) = (${outFeatures}, ${inFeatures})`);
    }
    this.w = weight;
    this.b = new Tensor(new Float64Array(outFeatures), [outFeatures]);
    this.dw = new Tensor(new Float64Array(weight.size), weight.shape);
    this.db = new Tensor(new Float64Array(outFeatures), [outFeatures]);
  }

  /** (M, D) weights, (out, in); updated in place by optimizers. */
  get weight(): Tensor {
    return this.w;
  }

  /** (M,) biases. */
  get bias(): Tensor {
    return this.b;
  }

  /** (M, D) gradient of the loss with respect to `weight`, overwritten by each `backward`. */
  get weightGrad(): Tensor {
    return this.dw;
  }

  /** (M,) gradient with respect to `bias`. */
  get biasGrad(): Tensor {
    return this.db;
  }

  /** D, the features each example has. */
  get inFeatures(): number {
    return this.w.shape[1];
  }

  /** M, the features the layer outputs. */
  get outFeatures(): number {
    return this.w.shape[0];
  }

  /**
   * A layer with the given parameters (copied), e.g. to reproduce a reference model.
   * @param weight - (M, D)
   * @param bias - (M,)
   * @throws ShapeError when weight is not 2-D or bias is not (M,)
   */
  static fromParams(weight: Tensor, bias: Tensor): Linear {
    const [m, d] = assert2d('Linear.fromParams', 'weight', weight);
    if (bias.shape.length !== 1 || bias.shape[0] !== m) {
      throw new ShapeError(
        'Linear.fromParams',
        [weight.shape, bias.shape],
        `bias must be (M,) = (${m},) for weight with M = ${m} rows`,
        ' and ',
      );
    }
    const copy = weight.clone();
    // The initializer ignores its generator: the weights are given.
    const layer = new Linear(d, m, new RandomState(0), { init: () => copy });
    layer.bias.data.set(bias.data);
    return layer;
  }

  /** x: (N, D) → (N, M). Saves the cache for `backward`; `mode` does not matter here. */
  forward(x: Tensor, _mode: Mode): Tensor {
    const { out, cache } = affineForward(x, this.w, this.b);
    this.cache = cache;
    return out;
  }

  /**
   * dout: (N, M) → dx: (N, D); overwrites `weightGrad` and `biasGrad`.
   * @throws StateError before any `forward`
   */
  backward(dout: Tensor): Tensor {
    if (this.cache === undefined) throw new StateError('Linear.backward: call forward first');
    return affineBackward(dout, this.cache, { dw: this.dw, db: this.db }).dx;
  }

  /** `[W (M, D), b (M,)]` with their gradients. */
  params(): Param[] {
    return [
      { name: 'W', value: this.w, grad: this.dw },
      { name: 'b', value: this.b, grad: this.db },
    ];
  }

  /**
   * Moves W, b and their grads into `values` = `[W (M, D), b (M,)]` and `grads` (same shapes),
   * copying the current ones in; see {@link Layer.bindParams}.
   * @throws ShapeError when a tensor does not have its param's shape
   */
  bindParams(values: readonly Tensor[], grads: readonly Tensor[]): void {
    copyIntoBinding('Linear.bindParams', this.params(), values, grads);
    [this.w, this.b] = values;
    [this.dw, this.db] = grads;
    this.cache = undefined;
  }
}
