import { OptimizerBase, type Slot } from '../internal/optimizer-base';
import type { WeightDecayOptions } from './weight-decay';

/** Options of {@link GradientDescent}. */
export interface GradientDescentOptions extends WeightDecayOptions {
  /** Step size, > 0 (the course's reference runs use 0.3). */
  readonly learningRate: number;
}

/**
 * Plain gradient descent, the course's `update_parameters_with_gd`:
 * `w −= learningRate·g`. Keeps no moments; its state is the learning rate and `t`.
 * With weightDecay 0 (the default) a step is exactly the course's update, bit for bit.
 *
 * @example
 * const optimizer = new GradientDescent({ learningRate: 0.3 });
 * optimizer.step(model.params()); // each param: (any shape), grad the same shape
 */
export class GradientDescent extends OptimizerBase {
  /** @throws ConfigError `GradientDescent: learningRate must be > 0, got -1` and the like */
  constructor(options: GradientDescentOptions) {
    super('GradientDescent', 'gd', options);
  }

  protected update(w: Float64Array, g: Float64Array, _slot: Slot): void {
    const lr = this.learningRate;
    for (let i = 0; i < w.length; i++) w[i] -= lr * g[i];
  }

  protected ownHyperparameters(): Record<string, number> {
    return {};
  }

  protected restoreHyperparameters(): void {}
}
