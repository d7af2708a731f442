import type { Layer, Mode, Param } from '@lab/layers';
import { assert2d, assertSameShape, ConfigError, type RandomState, StateError, Tensor } from '@lab/tensor';
import { assertKeepProb } from './internal/checks';

/**
 * In which order the mask's uniforms are drawn from the generator.
 * - `'batch-first'` (default): row-major over x (N, D), i.e. `rand(N, D) < keepProb`.
 * - `'course'`: the course's `rand(D, N) < keepProb` (features-major), transposed onto x, so a
 *   generator seeded like the course's reproduces its masks exactly.
 */
export type DrawOrder = 'batch-first' | 'course';

/** Options of {@link dropoutForward} and {@link Dropout}. */
export interface DropoutOptions {
  /** Default `'batch-first'`. */
  readonly drawOrder?: DrawOrder;
}

/** Result of {@link dropoutForward}. */
export interface DropoutForwardResult {
  /** Same shape as x: x ⊙ mask / keepProb. */
  readonly out: Tensor;
  /** Same shape as x: 1 where the unit was kept, 0 where dropped. Pass it to {@link dropoutBackward}. */
  readonly mask: Tensor;
}

function drawOrderOf(op: string, options: DropoutOptions): DrawOrder {
  const order = options.drawOrder ?? 'batch-first';
  if (order !== 'batch-first' && order !== 'course') {
    throw new ConfigError(`${op}: drawOrder must be 'batch-first' or 'course', got ${JSON.stringify(order)}`);
  }
  return order;
}

/**
 * Inverted dropout forward: mask = (u < keepProb) with u uniform in [0, 1), out = x ⊙ mask / keepProb.
 * Dividing by keepProb in training keeps each unit's expected value, so at test time the layer is
 * the identity (no rescaling).
 * @see Srivastava et al. 2014, "Dropout: A Simple Way to Prevent Neural Networks from Overfitting"; CS231n notes
 * @param x - (N, D) activations (any shape with `drawOrder: 'batch-first'`)
 * @param keepProb - probability of KEEPING a unit, in (0, 1] (PyTorch/Keras `p`/`rate` = 1 − keepProb)
 * @param rng - draws x.size uniforms, in the order `options.drawOrder` says (also when keepProb = 1)
 * @returns out and mask, both x's shape
 * @throws ConfigError when keepProb is outside (0, 1] or drawOrder is unknown
 * @throws ShapeError when x is not 2-D with `drawOrder: 'course'`
 */
export function dropoutForward(x: Tensor, keepProb: number, rng: RandomState, options: DropoutOptions = {}): DropoutForwardResult {
  assertKeepProb('dropoutForward', keepProb);
  const order = drawOrderOf('dropoutForward', options);
  const X = x.data;
  // Batch-first draws cover any shape; the course's order needs (N, D).
  const [n, d] = order === 'batch-first' ? [X.length, 1] : assert2d('dropoutForward', 'x', x);
  const mask = new Tensor(new Float64Array(X.length), x.shape);
  const out = new Tensor(new Float64Array(X.length), x.shape);
  drawDropoutMask(mask.data, n, d, keepProb, rng, order);
  const K = mask.data;
  const O = out.data;
  // (x · mask) / keepProb, in the course's order of operations (bit-identical results).
  for (let i = 0; i < X.length; i++) O[i] = (X[i] * K[i]) / keepProb;
  return { out, mask };
}

/**
 * Draws a dropout mask for n examples × d units into `mask`: 1 where the uniform u drawn from
 * `rng` is < keepProb (keep), else 0, with the uniforms taken in `drawOrder` — `'batch-first'`
 * row-major over (N, D), `'course'` the course's `rand(D, N)` (unit-major). The mask is stored
 * batch-first, (N, D) row-major, or, with `featureMajorStride`, feature-major: unit j's N
 * entries at `j·featureMajorStride` (how a compiled model lays out a narrow network). Either
 * way the draws, and so the masks, are the same. Where order and layout agree the draws run in
 * bulk (`RandomState.fillMask`).
 * @param mask - at least N·D values (batch-first) or (D − 1)·stride + N (feature-major), overwritten there
 * @throws ConfigError when keepProb is outside (0, 1]
 */
export function drawDropoutMask(
  mask: Float64Array,
  n: number,
  d: number,
  keepProb: number,
  rng: RandomState,
  drawOrder: DrawOrder = 'batch-first',
  featureMajorStride?: number,
): void {
  assertKeepProb('drawDropoutMask', keepProb);
  if (featureMajorStride === undefined) {
    if (drawOrder === 'batch-first') {
      rng.fillMask(mask, keepProb, 0, n * d);
      return;
    }
    // The course draws rand(D, N): element (j, i) of that matrix masks x[i, j].
    for (let j = 0; j < d; j++) for (let i = 0; i < n; i++) mask[i * d + j] = rng.nextDouble() < keepProb ? 1 : 0;
    return;
  }
  if (drawOrder === 'course') {
    rng.fillMaskRows(mask, keepProb, 0, n, d, featureMajorStride);
    return;
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mask[j * featureMajorStride + i] = rng.nextDouble() < keepProb ? 1 : 0;
}

/**
 * Inverted dropout backward: dx = dout ⊙ mask / keepProb, with the forward pass's mask.
 * @param dout - same shape as mask
 * @param mask - from {@link dropoutForward}
 * @param keepProb - the same keepProb as the forward pass, in (0, 1]
 * @returns dx, same shape as dout
 * @throws ShapeError when dout and mask differ in shape; ConfigError when keepProb is outside (0, 1]
 */
export function dropoutBackward(dout: Tensor, mask: Tensor, keepProb: number): { dx: Tensor } {
  assertKeepProb('dropoutBackward', keepProb);
  assertSameShape('dropoutBackward', dout, mask, 'dout', 'mask');
  const G = dout.data;
  const K = mask.data;
  const dx = new Tensor(new Float64Array(G.length), dout.shape);
  const D = dx.data;
  for (let i = 0; i < G.length; i++) D[i] = (G[i] * K[i]) / keepProb;
  return { dx };
}

/**
 * Inverted dropout layer over {@link dropoutForward}/{@link dropoutBackward}: in `'train'` mode it draws
 * a fresh mask from `rng` at every forward; in `'test'` mode it is the identity (returns x itself).
 * No parameters. (The course reseeds its generator with 1 before every forward pass, which repeats
 * the same masks; to reproduce that, call `rng.seed(1)` before each forward yourself, or compile
 * the network with @lab/trainer's reproduction option `reseedDropout`.)
 */
export class Dropout implements Layer {
  /** Probability of keeping a unit, in (0, 1]. */
  readonly keepProb: number;
  /** The draw order of the masks. */
  readonly drawOrder: DrawOrder;
  /** The masks' source. */
  readonly rng: RandomState;
  /** The last training forward's mask, `null` after a test-mode forward, undefined before any. */
  private mask: Tensor | null | undefined;

  /**
   * @param keepProb - probability of KEEPING a unit, in (0, 1] (PyTorch `nn.Dropout(p = 1 − keepProb)`)
   * @param rng - the masks' source, shared or not as you choose
   * @throws ConfigError when keepProb is outside (0, 1] or drawOrder is unknown
   */
  constructor(keepProb: number, rng: RandomState, options: DropoutOptions = {}) {
    assertKeepProb('Dropout', keepProb);
    this.drawOrder = drawOrderOf('Dropout', options);
    this.keepProb = keepProb;
    this.rng = rng;
  }

  /** x: (N, D) → (N, D): masked and scaled in `'train'`, x itself in `'test'`. */
  forward(x: Tensor, mode: Mode): Tensor {
    if (mode !== 'train') {
      this.mask = null;
      return x;
    }
    const { out, mask } = dropoutForward(x, this.keepProb, this.rng, { drawOrder: this.drawOrder });
    this.mask = mask;
    return out;
  }

  /**
   * dout → dx, same shape: masked and scaled after a `'train'` forward, dout itself after a `'test'` one.
   * @throws StateError before any `forward`
   */
  backward(dout: Tensor): Tensor {
    if (this.mask === undefined) throw new StateError('Dropout.backward: call forward first');
    if (this.mask === null) return dout;
    return dropoutBackward(dout, this.mask, this.keepProb).dx;
  }

  /**
   * Draws this layer's next mask, for n examples × d units, into `mask` (batch-first, or
   * feature-major with `featureMajorStride`): what a `'train'` forward would draw; see
   * {@link drawDropoutMask}. How a compiled model keeps the layer's masks without calling `forward`.
   */
  drawMask(mask: Float64Array, n: number, d: number, featureMajorStride?: number): void {
    drawDropoutMask(mask, n, d, this.keepProb, this.rng, this.drawOrder, featureMajorStride);
  }

  /** The mask of the last `'train'` forward (1 = kept), or `null`. Same shape as that forward's x. */
  lastMask(): Tensor | null {
    return this.mask ?? null;
  }

  /** Always `[]`. */
  params(): Param[] {
    return [];
  }
}
