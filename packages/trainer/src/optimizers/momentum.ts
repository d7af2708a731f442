import { OptimizerBase, type Slot } from '../internal/optimizer-base';
import { requireUnitInterval } from '../internal/validate';
import type { WeightDecayOptions } from './weight-decay';

/** Options of {@link Momentum}. */
export interface MomentumOptions extends WeightDecayOptions {
  /** Step size, > 0. */
  readonly learningRate: number;
  /** Decay of the velocity's moving average, in [0, 1); default 0.9. */
  readonly beta?: number;
}

/**
 * Gradient descent with momentum, the course's `update_parameters_with_momentum`:
 * the velocity is an exponential moving average of the gradients,
 * `v = β·v + (1−β)·g`, then `w −= learningRate·v` (v starts at 0).
 *
 * @remarks This is the course's convention; PyTorch's SGD momentum (`v = β·v + g`)
 * takes steps 1/(1−β) times larger for the same learning rate.
 */
export class Momentum extends OptimizerBase {
  private beta: number;

  /** @throws ConfigError `Momentum: beta must be in [0, 1), got 1` and the like */
  constructor(options: MomentumOptions) {
    super('Momentum', 'momentum', options);
    this.beta = requireUnitInterval('Momentum', 'beta', options.beta ?? 0.9);
  }

  protected update(w: Float64Array, g: Float64Array, slot: Slot): void {
    const lr = this.learningRate;
    const beta = this.beta;
    const oneMinusBeta = 1 - beta;
    const v = slot.v;
    for (let i = 0; i < w.length; i++) {
      const vi = beta * v[i] + oneMinusBeta * g[i];
      v[i] = vi;
      w[i] -= lr * vi;
    }
  }

  protected ownHyperparameters(): Record<string, number> {
    return { beta: this.beta };
  }

  protected restoreHyperparameters(h: Readonly<Record<string, number>>, owner: string): void {
    this.beta = requireUnitInterval(owner, 'state.hyperparameters.beta', h.beta);
  }
}
