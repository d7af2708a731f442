import { assert2d, assertSameShape, StateError, Tensor } from '@lab/tensor';
import { assertOut } from './internal/checks';
import type { Layer, Mode, Param } from './layer';

/** What {@link softmaxBackward} needs: the forward output (a reference, not a copy). */
export interface SoftmaxCache {
  /** (N, C) the probabilities of the forward pass; each row sums to 1. */
  readonly out: Tensor;
}

/** Result of {@link softmaxForward}. */
export interface SoftmaxForwardResult {
  /** (N, C) row-wise softmax of x. */
  readonly out: Tensor;
  readonly cache: SoftmaxCache;
}

/**
 * Softmax forward over each row: out[n, c] = e^(x[n, c] − maxₖ x[n, k]) / Σₖ e^(x[n, k] − maxₖ x[n, k]).
 * Subtracting the row maximum changes nothing mathematically but keeps e^(·) ≤ 1, so large
 * scores cannot overflow to ∞/∞ = NaN.
 * @param x - (N, C) scores, one example per row
 * @param out - optional (N, C) buffer, overwritten
 * @returns out (N, C) and the cache for {@link softmaxBackward}
 * @throws ShapeError when x is not 2-D or out is not (N, C)
 */
export function softmaxForward(x: Tensor, out?: Tensor): SoftmaxForwardResult {
  const [n, c] = assert2d('softmaxForward', 'x', x);
  if (out === undefined) out = new Tensor(new Float64Array(n * c), [n, c]);
  else assertOut('softmaxForward', out, [n, c]);
  const X = x.data;
  const O = out.data;
  for (let i = 0; i < n; i++) {
    const row = i * c;
    let max = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < c; j++) if (X[row + j] > max) max = X[row + j];
    let sum = 0;
    for (let j = 0; j < c; j++) {
      const e = Math.exp(X[row + j] - max);
      O[row + j] = e;
      sum += e;
    }
    for (let j = 0; j < c; j++) O[row + j] /= sum;
  }
  return { out, cache: { out } };
}

/**
 * Softmax backward (the Jacobian–vector product, row by row):
 * dx[n, c] = out[n, c] · (dout[n, c] − Σₖ dout[n, k] · out[n, k]).
 * @param dout - (N, C) upstream gradient
 * @param cache - from {@link softmaxForward}
 * @param out - optional (N, C) buffer for dx, overwritten
 * @returns dx (N, C)
 * @throws ShapeError when dout is not the cached output's shape
 */
export function softmaxBackward(dout: Tensor, cache: SoftmaxCache, out?: Tensor): { dx: Tensor } {
  const y = cache.out;
  assertSameShape('softmaxBackward', dout, y, 'dout', 'out');
  const [n, c] = assert2d('softmaxBackward', 'dout', dout);
  if (out === undefined) out = new Tensor(new Float64Array(n * c), [n, c]);
  else assertOut('softmaxBackward', out, [n, c]);
  const Y = y.data;
  const G = dout.data;
  const D = out.data;
  for (let i = 0; i < n; i++) {
    const row = i * c;
    let dot = 0;
    for (let j = 0; j < c; j++) dot += G[row + j] * Y[row + j];
    for (let j = 0; j < c; j++) D[row + j] = Y[row + j] * (G[row + j] - dot);
  }
  return { dx: out };
}

/**
 * Softmax layer over {@link softmaxForward}/{@link softmaxBackward}; no parameters. To train a
 * classifier, feed the scores to {@link softmaxCrossEntropy} instead (simpler, stabler gradient).
 */
export class Softmax implements Layer {
  private cache: SoftmaxCache | undefined;

  /** x: (N, C) → (N, C) probabilities. */
  forward(x: Tensor, _mode: Mode): Tensor {
    const { out, cache } = softmaxForward(x);
    this.cache = cache;
    return out;
  }

  /** dout: (N, C) → dx: (N, C). @throws StateError before any `forward` */
  backward(dout: Tensor): Tensor {
    if (this.cache === undefined) throw new StateError('Softmax.backward: call forward first');
    return softmaxBackward(dout, this.cache).dx;
  }

  /** Always `[]`. */
  params(): Param[] {
    return [];
  }
}
