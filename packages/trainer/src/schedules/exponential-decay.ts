import { checkDecayingRun } from '../internal/schedule-run';
import { checkTime } from '../internal/schedule-time';
import { requireDecayFactor, requirePositive } from '../internal/validate';
import type { Schedule, ScheduleRun } from './index';

/** Options of {@link ExponentialDecay}. */
export interface ExponentialDecayOptions {
  /** lr0, the rate at epoch 0, > 0. */
  readonly learningRate: number;
  /** Multiplies the rate every epoch, in (0, 1]. */
  readonly decayRate: number;
}

/** Exponential decay: `lr0 · decayRate ^ epoch`. */
export class ExponentialDecay implements Schedule {
  private readonly lr0: number;
  private readonly decayRate: number;

  /** @throws ConfigError `ExponentialDecay: decayRate must be in (0, 1], got 1.5` and the like */
  constructor(options: ExponentialDecayOptions) {
    this.lr0 = requirePositive('ExponentialDecay', 'learningRate', options.learningRate);
    this.decayRate = requireDecayFactor('ExponentialDecay', 'decayRate', options.decayRate);
  }

  /** @remarks Decays to subnormals and then 0 after about 700/−ln(decayRate) epochs: keep decayRate near 1 for long runs. */
  learningRate(epoch: number, iteration: number): number {
    checkTime('ExponentialDecay', epoch, iteration);
    return this.lr0 * this.decayRate ** epoch;
  }

  /** @throws ConfigError when the rate underflows to 0 before the run ends (it never increases, so the last step decides). */
  checkRun(run: ScheduleRun): void {
    checkDecayingRun('ExponentialDecay', this, run);
  }

  describe(): string {
    return `exponential: ${this.lr0} * ${this.decayRate} ^ epoch`;
  }
}
