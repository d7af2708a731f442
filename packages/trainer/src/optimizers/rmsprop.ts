import { OptimizerBase, type Slot } from '../internal/optimizer-base';
import { requirePositive, requireUnitInterval } from '../internal/validate';
import type { WeightDecayOptions } from './weight-decay';

/** Options of {@link RMSProp}. */
export interface RMSPropOptions extends WeightDecayOptions {
  /** Step size, > 0. */
  readonly learningRate: number;
  /** Decay of the squared gradients' moving average, in [0, 1); default 0.9 (Hinton's lecture 6e). */
  readonly beta?: number;
  /** Added to √s before dividing, > 0; default 1e-8 (the course's Adam value). */
  readonly epsilon?: number;
}

/**
 * RMSProp: divides each gradient by the root of a moving average of its squares,
 * `s = β·s + (1−β)·g²`, then `w −= learningRate·g / (√s + ε)` (s starts at 0; no
 * bias correction, so early steps are large, as in the original).
 *
 * @see https://www.cs.toronto.edu/~tijmen/csc321/slides/lecture_slides_lec6.pdf (lecture 6e)
 */
export class RMSProp extends OptimizerBase {
  private beta: number;
  private epsilon: number;

  /** @throws ConfigError `RMSProp: epsilon must be > 0, got 0` and the like */
  constructor(options: RMSPropOptions) {
    super('RMSProp', 'rmsprop', options);
    this.beta = requireUnitInterval('RMSProp', 'beta', options.beta ?? 0.9);
    this.epsilon = requirePositive('RMSProp', 'epsilon', options.epsilon ?? 1e-8);
  }

  protected update(w: Float64Array, g: Float64Array, slot: Slot): void {
    const lr = this.learningRate;
    const beta = this.beta;
    const oneMinusBeta = 1 - beta;
    const eps = this.epsilon;
    const s = slot.s;
    for (let i = 0; i < w.length; i++) {
      const gi = g[i];
      const si = beta * s[i] + oneMinusBeta * (gi * gi);
      s[i] = si;
      w[i] -= (lr * gi) / (Math.sqrt(si) + eps);
    }
  }

  protected ownHyperparameters(): Record<string, number> {
    return { beta: this.beta, epsilon: this.epsilon };
  }

  protected restoreHyperparameters(h: Readonly<Record<string, number>>, owner: string): void {
    const beta = requireUnitInterval(owner, 'state.hyperparameters.beta', h.beta);
    this.epsilon = requirePositive(owner, 'state.hyperparameters.epsilon', h.epsilon);
    this.beta = beta;
  }
}
