import { assertSameShape, StateError, Tensor } from '@lab/tensor';
import { assertOut } from './internal/checks';
import type { Layer, Mode, Param } from './layer';

/** What {@link sigmoidBackward} needs: the forward output σ(x) (a reference, not a copy). */
export interface SigmoidCache {
  /** Same shape as the forward input: σ(x). */
  readonly out: Tensor;
}

/** Result of {@link sigmoidForward}. */
export interface SigmoidForwardResult {
  /** Same shape as x: σ(x) = 1 / (1 + e^(−x)). */
  readonly out: Tensor;
  readonly cache: SigmoidCache;
}

/**
 * Sigmoid forward: out = σ(x) = 1 / (1 + e^(−x)), element-wise, the course's formula.
 * It never produces NaN: for x → −∞, e^(−x) overflows to ∞ and σ is 0; for x ≥ 37, σ rounds to 1
 * (use {@link binaryCrossEntropyWithLogits} rather than a loss on these probabilities then).
 * @param x - any shape, e.g. (N, 1)
 * @param out - optional buffer of x's shape, overwritten
 * @returns out (same shape as x) and the cache for {@link sigmoidBackward}
 * @throws ShapeError when out does not have x's shape
 */
export function sigmoidForward(x: Tensor, out?: Tensor): SigmoidForwardResult {
  if (out === undefined) out = new Tensor(new Float64Array(x.size), x.shape);
  else assertOut('sigmoidForward', out, x.shape);
  const X = x.data;
  const O = out.data;
  for (let i = 0; i < X.length; i++) O[i] = 1 / (1 + Math.exp(-X[i]));
  return { out, cache: { out } };
}

/**
 * Sigmoid backward: dx = dout · σ(x) · (1 − σ(x)), from the cached output.
 * @param dout - same shape as the cached output
 * @param cache - from {@link sigmoidForward}
 * @param out - optional buffer for dx, overwritten
 * @returns dx, same shape as dout
 * @throws ShapeError when dout and the cached output differ in shape
 */
export function sigmoidBackward(dout: Tensor, cache: SigmoidCache, out?: Tensor): { dx: Tensor } {
  const s = cache.out;
  assertSameShape('sigmoidBackward', dout, s, 'dout', 'out');
  if (out === undefined) out = new Tensor(new Float64Array(s.size), s.shape);
  else assertOut('sigmoidBackward', out, s.shape);
  const S = s.data;
  const G = dout.data;
  const D = out.data;
  for (let i = 0; i < S.length; i++) {
    const v = S[i];
    D[i] = G[i] * v * (1 - v);
  }
  return { dx: out };
}

/** Sigmoid layer over {@link sigmoidForward}/{@link sigmoidBackward}; no parameters. */
export class Sigmoid implements Layer {
  private cache: SigmoidCache | undefined;

  /** x: any shape → σ(x), same shape. */
  forward(x: Tensor, _mode: Mode): Tensor {
    const { out, cache } = sigmoidForward(x);
    this.cache = cache;
    return out;
  }

  /** dout → dx, same shape. @throws StateError before any `forward` */
  backward(dout: Tensor): Tensor {
    if (this.cache === undefined) throw new StateError('Sigmoid.backward: call forward first');
    return sigmoidBackward(dout, this.cache).dx;
  }

  /** Always `[]`. */
  params(): Param[] {
    return [];
  }
}
