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
  const mask = new Tensor(new Float64Array(X.length), x.shape);
  const out = new Tensor(new Float64Array(X.length), x.shape);
  const K = mask.data;
  const O = out.data;
  if (order === 'batch-first') {
    for (let i = 0; i < X.length; i++) {
      const keep = rng.nextDouble() < keepProb ? 1 : 0;
      K[i] = keep;
      // (x · mask) / keepProb, in the course's order of operations (bit-identical results).
      O[i] = (X[i] * keep) / keepProb;
    }
  } else {
    const [n, d] = assert2d('dropoutForward', 'x', x);
    // The course draws rand(D, N): element (j, i) of that matrix masks x[i, j].
    for (let j = 0; j < d; j++) {
      for (let i = 0; i < n; i++) {
        const k = i * d + j;
        const keep = rng.nextDouble() < keepProb ? 1 : 0;
        K[k] = keep;
        O[k] = (X[k] * keep) / keepProb;
      }
    }
  }
  return { out, mask };
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
 * the same masks; to reproduce that, call `rng.seed(1)` before each forward yourself.)
 */
export class Dropout implements Layer {
  /** Probability of keeping a unit, in (0, 1]. */
  readonly keepProb: number;
  /** The draw order of the masks. */
  readonly drawOrder: DrawOrder;
  private readonly rng: RandomState;
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

  /** The mask of the last `'train'` forward (1 = kept), or `null`. Same shape as that forward's x. */
  lastMask(): Tensor | null {
    return this.mask ?? null;
  }

  /** Always `[]`. */
  params(): Param[] {
    return [];
  }
}
