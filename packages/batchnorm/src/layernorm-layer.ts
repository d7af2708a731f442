import type { Layer, Mode, Param } from '@lab/layers';
import { ConfigError, StateError, Tensor } from '@lab/tensor';
import { checkEps } from './internal/checks';
import { type LayernormCache, layernormBackward, layernormForward } from './layernorm-functions';

/** Options of {@link LayerNorm}. */
export interface LayerNormOptions {
  /** Added to each example's variance before the square root. Default `1e-5`. */
  readonly eps?: number;
}

/**
 * Layer normalization of each example over its D features, a {@link Layer} over
 * {@link layernormForward}/{@link layernormBackward}. No running statistics: train and test
 * behave the same. `gamma` starts at 1, `beta` at 0; params are named `gamma` and `beta`.
 */
export class LayerNorm implements Layer {
  /** (D,) scale γ, initialized to ones; updated in place by optimizers. */
  readonly gamma: Tensor;
  /** (D,) shift β, initialized to zeros. */
  readonly beta: Tensor;
  /** (D,) gradient with respect to `gamma`, overwritten by each `backward`. */
  readonly gammaGrad: Tensor;
  /** (D,) gradient with respect to `beta`. */
  readonly betaGrad: Tensor;
  readonly eps: number;
  private cache: LayernormCache | undefined;

  /**
   * @param numFeatures - D
   * @throws ConfigError when numFeatures is not a positive integer or eps is negative
   */
  constructor(numFeatures: number, options: LayerNormOptions = {}) {
    if (!Number.isInteger(numFeatures) || numFeatures < 1) {
      throw new ConfigError(`LayerNorm: numFeatures must be a positive integer, got ${numFeatures}`);
    }
    this.eps = checkEps('LayerNorm', options.eps ?? 1e-5);
    const d = numFeatures;
    this.gamma = new Tensor(new Float64Array(d).fill(1), [d]);
    this.beta = new Tensor(new Float64Array(d), [d]);
    this.gammaGrad = new Tensor(new Float64Array(d), [d]);
    this.betaGrad = new Tensor(new Float64Array(d), [d]);
  }

  /** x: (N, D) → (N, D); `mode` does not matter. Saves the cache (which holds `x`) for `backward`. */
  forward(x: Tensor, _mode: Mode): Tensor {
    const { out, cache } = layernormForward(x, this.gamma, this.beta, { eps: this.eps });
    this.cache = cache;
    return out;
  }

  /**
   * dout: (N, D) → dx: (N, D); overwrites `gammaGrad` and `betaGrad`.
   * @throws StateError before any `forward`
   */
  backward(dout: Tensor): Tensor {
    if (this.cache === undefined) throw new StateError('LayerNorm.backward: call forward first');
    const { dx, dgamma, dbeta } = layernormBackward(dout, this.cache);
    this.gammaGrad.data.set(dgamma.data);
    this.betaGrad.data.set(dbeta.data);
    return dx;
  }

  /** `[gamma (D,), beta (D,)]` with their gradients. */
  params(): Param[] {
    return [
      { name: 'gamma', value: this.gamma, grad: this.gammaGrad },
      { name: 'beta', value: this.beta, grad: this.betaGrad },
    ];
  }
}
