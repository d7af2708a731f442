import { assertSameShape, StateError, Tensor } from '@lab/tensor';
import { assertOut } from './internal/checks';
import type { Layer, Mode, Param } from './layer';

/** What {@link reluBackward} needs: the forward input (a reference, not a copy). */
export interface ReluCache {
  /** Same shape as the forward input, e.g. (N, D). */
  readonly x: Tensor;
}

/** Result of {@link reluForward}. */
export interface ReluForwardResult {
  /** Same shape as x: max(0, x). */
  readonly out: Tensor;
  readonly cache: ReluCache;
}

/**
 * ReLU forward: out = max(0, x), element-wise.
 * @param x - any shape, e.g. (N, D)
 * @param out - optional buffer of x's shape, overwritten (may be x itself for an in-place ReLU,
 *   but then the cache, which holds x, holds the output; backward still works, since out > 0 ⇔ x > 0)
 * @returns out (same shape as x) and the cache for {@link reluBackward}
 * @throws ShapeError when out does not have x's shape
 */
export function reluForward(x: Tensor, out?: Tensor): ReluForwardResult {
  if (out === undefined) out = new Tensor(new Float64Array(x.size), x.shape);
  else assertOut('reluForward', out, x.shape);
  const X = x.data;
  const O = out.data;
  for (let i = 0; i < X.length; i++) {
    const v = X[i];
    O[i] = Math.max(v, 0); // NaN propagates, like np.maximum(0, x)
  }
  return { out, cache: { x } };
}

/**
 * ReLU backward: dx = dout where x > 0, else 0 (the subgradient at 0 is taken as 0, like the course's `A > 0`).
 * @param dout - same shape as the cached x
 * @param cache - from {@link reluForward}
 * @param out - optional buffer for dx, overwritten
 * @returns dx, same shape as dout
 * @throws ShapeError when dout and the cached x differ in shape
 */
export function reluBackward(dout: Tensor, cache: ReluCache, out?: Tensor): { dx: Tensor } {
  const { x } = cache;
  assertSameShape('reluBackward', dout, x, 'dout', 'x');
  if (out === undefined) out = new Tensor(new Float64Array(x.size), x.shape);
  else assertOut('reluBackward', out, x.shape);
  const X = x.data;
  const G = dout.data;
  const D = out.data;
  for (let i = 0; i < X.length; i++) D[i] = X[i] > 0 ? G[i] : 0;
  return { dx: out };
}

/** ReLU layer over {@link reluForward}/{@link reluBackward}; no parameters. */
export class ReLU implements Layer {
  private cache: ReluCache | undefined;

  /** x: any shape → same shape. */
  forward(x: Tensor, _mode: Mode): Tensor {
    const { out, cache } = reluForward(x);
    this.cache = cache;
    return out;
  }

  /** dout → dx, same shape. @throws StateError before any `forward` */
  backward(dout: Tensor): Tensor {
    if (this.cache === undefined) throw new StateError('ReLU.backward: call forward first');
    return reluBackward(dout, this.cache).dx;
  }

  /** Always `[]`. */
  params(): Param[] {
    return [];
  }
}
