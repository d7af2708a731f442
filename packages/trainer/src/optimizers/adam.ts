import { OptimizerBase, type Slot } from '../internal/optimizer-base';
import { requirePositive, requireUnitInterval } from '../internal/validate';
import type { WeightDecayOptions } from './weight-decay';

/** Options of {@link Adam}. */
export interface AdamOptions extends WeightDecayOptions {
  /** Step size, > 0. */
  readonly learningRate: number;
  /** First-moment decay, in [0, 1); default 0.9. */
  readonly beta1?: number;
  /** Second-moment decay, in [0, 1); default 0.999. */
  readonly beta2?: number;
  /** Added to √ŝ before dividing, > 0; default 1e-8. */
  readonly epsilon?: number;
}

/**
 * Adam with bias correction, the course's `update_parameters_with_adam`. At step t (from 1):
 * ```
 * v = β1·v + (1−β1)·g        v̂ = v / (1 − β1^t)
 * s = β2·s + (1−β2)·g²       ŝ = s / (1 − β2^t)
 * w −= lr·v̂ / (√ŝ + ε)
 * ```
 * The moments start at 0, so without the correction the first steps would be biased
 * toward 0; at t = 1 the correction makes v̂ = g and ŝ = g² exactly. With `weightDecay`
 * this is AdamW (the decay bypasses the moments).
 *
 * @see https://arxiv.org/abs/1412.6980 (Kingma & Ba, Algorithm 1)
 */
export class Adam extends OptimizerBase {
  private beta1: number;
  private beta2: number;
  private epsilon: number;
  /** 1 − β1^t and 1 − β2^t for the current step. */
  private correction1 = 1;
  private correction2 = 1;

  /** @throws ConfigError `Adam: learningRate must be > 0, got -1` and the like */
  constructor(options: AdamOptions) {
    super('Adam', 'adam', options);
    this.beta1 = requireUnitInterval('Adam', 'beta1', options.beta1 ?? 0.9);
    this.beta2 = requireUnitInterval('Adam', 'beta2', options.beta2 ?? 0.999);
    this.epsilon = requirePositive('Adam', 'epsilon', options.epsilon ?? 1e-8);
  }

  protected override beginStep(t: number): void {
    // Math.pow at every step, like the course's `beta1 ** t`, rather than a running product
    // whose rounding errors would pile up.
    this.correction1 = 1 - this.beta1 ** t;
    this.correction2 = 1 - this.beta2 ** t;
  }

  protected update(w: Float64Array, g: Float64Array, slot: Slot): void {
    if (slot.kernels !== null && w.buffer === slot.arenaBuffer && g.buffer === slot.arenaBuffer) {
      // The param and its moments share an arena (a compiled model's): its kernel runs the same
      // formula as the loop below, in WebAssembly SIMD, bit for bit. (A network compiled again
      // moves its params to a new arena: the loop then takes over.)
      slot.kernels.adamUpdate(
        w,
        g,
        slot.v,
        slot.s,
        w.length,
        this.learningRate,
        this.beta1,
        this.beta2,
        this.epsilon,
        this.correction1,
        this.correction2,
      );
      return;
    }
    const lr = this.learningRate;
    const beta1 = this.beta1;
    const beta2 = this.beta2;
    const oneMinusBeta1 = 1 - beta1;
    const oneMinusBeta2 = 1 - beta2;
    const correction1 = this.correction1;
    const correction2 = this.correction2;
    const eps = this.epsilon;
    const v = slot.v;
    const s = slot.s;
    for (let i = 0; i < w.length; i++) {
      const gi = g[i];
      const vi = beta1 * v[i] + oneMinusBeta1 * gi;
      const si = beta2 * s[i] + oneMinusBeta2 * (gi * gi);
      v[i] = vi;
      s[i] = si;
      w[i] -= (lr * (vi / correction1)) / (Math.sqrt(si / correction2) + eps);
    }
  }

  protected ownHyperparameters(): Record<string, number> {
    return { beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon };
  }

  protected restoreHyperparameters(h: Readonly<Record<string, number>>, owner: string): void {
    const beta1 = requireUnitInterval(owner, 'state.hyperparameters.beta1', h.beta1);
    const beta2 = requireUnitInterval(owner, 'state.hyperparameters.beta2', h.beta2);
    this.epsilon = requirePositive(owner, 'state.hyperparameters.epsilon', h.epsilon);
    this.beta1 = beta1;
    this.beta2 = beta2;
  }
}
