import { copyIntoBinding, type Layer, type Mode, type Param } from '@lab/layers';
import { ConfigError, StateError, Tensor } from '@lab/tensor';
import { type BatchnormCache, batchnormBackwardAlt, batchnormForward } from './batchnorm-functions';
import { checkEps, checkMomentum } from './internal/checks';

/** Options of {@link BatchNorm1d}. */
export interface BatchNorm1dOptions {
  /** Added to the variance before the square root. Default `1e-5` (PyTorch's too; Keras uses 1e-3). */
  readonly eps?: number;
  /** `running = momentum·running + (1 − momentum)·batch`. Default `0.9`; PyTorch's `momentum=0.1` is our 0.9. */
  readonly momentum?: number;
  /** Keep the unbiased batch variance in `runningVar`, as PyTorch does. Default `false`. */
  readonly unbiasedRunningVar?: boolean;
}

/**
 * Batch normalization over the features of `(N, D)` activations, a {@link Layer} over
 * {@link batchnormForward} and {@link batchnormBackwardAlt}. `gamma` starts at 1 and `beta` at 0;
 * its params are named `gamma` and `beta` (a `Sequential` numbers them). Train mode normalizes
 * with batch statistics and updates `runningMean`/`runningVar` in place; test mode uses them.
 */
export class BatchNorm1d implements Layer {
  /** (D,) running mean, starts at 0; updated in place by each train-mode `forward`. */
  readonly runningMean: Tensor;
  /** (D,) running variance, starts at 1; updated in place by each train-mode `forward`. */
  readonly runningVar: Tensor;
  readonly eps: number;
  readonly momentum: number;
  readonly unbiasedRunningVar: boolean;
  private g: Tensor;
  private b: Tensor;
  private dg: Tensor;
  private db: Tensor;
  private cache: BatchnormCache | undefined;

  /**
   * @param numFeatures - D
   * @throws ConfigError when numFeatures is not a positive integer, eps is negative or momentum is outside [0, 1]
   */
  constructor(numFeatures: number, options: BatchNorm1dOptions = {}) {
    if (!Number.isInteger(numFeatures) || numFeatures < 1) {
      throw new ConfigError(`BatchNorm1d: numFeatures must be a positive integer, got ${numFeatures}`);
    }
    this.eps = checkEps('BatchNorm1d', options.eps ?? 1e-5);
    this.momentum = checkMomentum('BatchNorm1d', options.momentum ?? 0.9);
    this.unbiasedRunningVar = options.unbiasedRunningVar ?? false;
    const d = numFeatures;
    this.g = new Tensor(new Float64Array(d).fill(1), [d]);
    this.b = new Tensor(new Float64Array(d), [d]);
    this.dg = new Tensor(new Float64Array(d), [d]);
    this.db = new Tensor(new Float64Array(d), [d]);
    this.runningMean = new Tensor(new Float64Array(d), [d]);
    this.runningVar = new Tensor(new Float64Array(d).fill(1), [d]);
  }

  /** (D,) scale γ, initialized to ones; updated in place by optimizers. */
  get gamma(): Tensor {
    return this.g;
  }

  /** (D,) shift β, initialized to zeros. */
  get beta(): Tensor {
    return this.b;
  }

  /** (D,) gradient with respect to `gamma`, overwritten by each `backward`. */
  get gammaGrad(): Tensor {
    return this.dg;
  }

  /** (D,) gradient with respect to `beta`. */
  get betaGrad(): Tensor {
    return this.db;
  }

  /** D, the features it normalizes. */
  get numFeatures(): number {
    return this.g.size;
  }

  /**
   * x: (N, D) → (N, D). Saves the cache (which holds `x`) for `backward`.
   * @throws ShapeError when x is not (N, D) or, in train mode, N < 2
   */
  forward(x: Tensor, mode: Mode): Tensor {
    const { out, cache } = batchnormForward(x, this.g, this.b, {
      mode,
      eps: this.eps,
      momentum: this.momentum,
      runningMean: this.runningMean,
      runningVar: this.runningVar,
      unbiasedRunningVar: this.unbiasedRunningVar,
    });
    this.cache = cache;
    return out;
  }

  /**
   * dout: (N, D) → dx: (N, D) by the closed form; overwrites `gammaGrad` and `betaGrad`.
   * @throws StateError before any `forward`
   */
  backward(dout: Tensor): Tensor {
    if (this.cache === undefined) throw new StateError('BatchNorm1d.backward: call forward first');
    const { dx, dgamma, dbeta } = batchnormBackwardAlt(dout, this.cache);
    this.dg.data.set(dgamma.data);
    this.db.data.set(dbeta.data);
    return dx;
  }

  /** `[gamma (D,), beta (D,)]` with their gradients. */
  params(): Param[] {
    return [
      { name: 'gamma', value: this.g, grad: this.dg },
      { name: 'beta', value: this.b, grad: this.db },
    ];
  }

  /**
   * Moves γ, β and their grads into `values` = `[gamma (D,), beta (D,)]` and `grads` (same
   * shapes), copying the current ones in; see `Layer.bindParams` in @lab/layers.
   * @throws ShapeError when a tensor is not (D,)
   */
  bindParams(values: readonly Tensor[], grads: readonly Tensor[]): void {
    copyIntoBinding('BatchNorm1d.bindParams', this.params(), values, grads);
    [this.g, this.b] = values;
    [this.dg, this.db] = grads;
    this.cache = undefined;
  }
}
